namespace DrKit.Failover;

/// <summary>Recovery compute capacity.</summary>
/// <param name="Available">Instances that could run (provisioned, quota granted).</param>
/// <param name="Running">Instances running now.</param>
public sealed record CapacityStatus(int Available, int Running);
