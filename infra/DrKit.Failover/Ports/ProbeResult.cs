namespace DrKit.Failover;

/// <summary>Outcome of one probe run.</summary>
/// <param name="Healthy">Whether the check passed.</param>
/// <param name="Detail">Human-readable detail, shown on failure.</param>
/// <param name="Latency">How long the check took.</param>
public sealed record ProbeResult(bool Healthy, string Detail, TimeSpan Latency);
