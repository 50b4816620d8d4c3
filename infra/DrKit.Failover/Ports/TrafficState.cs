namespace DrKit.Failover;

/// <summary>Current traffic placement.</summary>
/// <param name="ActiveRegion">Region the switch considers active.</param>
/// <param name="Percent">Percent of traffic on <paramref name="ActiveRegion"/>, 0..100.</param>
public sealed record TrafficState(string ActiveRegion, int Percent);
