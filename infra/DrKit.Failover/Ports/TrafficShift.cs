namespace DrKit.Failover;

/// <summary>A request to put <paramref name="Percent"/> percent of traffic on <paramref name="TargetRegion"/>.</summary>
/// <param name="TargetRegion">Region that should receive the traffic.</param>
/// <param name="Percent">Share of traffic for that region, 0..100.</param>
public sealed record TrafficShift(string TargetRegion, int Percent);
