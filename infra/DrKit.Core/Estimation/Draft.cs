using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

/// <summary>A component's mechanism, estimate and settings before the verdict and cost are attached.</summary>
internal sealed record Draft(string Mechanism, Estimate Estimate, ComponentSettings Settings, IReadOnlyList<RegionSettings> Regions)
{
    /// <summary>Multiplies the strategy's cost factor, for what a mechanism keeps beyond it (a second vector index).</summary>
    public double CostMultiplier { get; init; } = 1;

    /// <summary>True for the inference endpoint that the failover's traffic steps bring back: its RTO ends with Verify.</summary>
    public bool ServesTraffic { get; init; }
}

internal static class Region
{
    public static RegionSettings Of(string region, string role, params (string Key, string Value)[] values) =>
        new(region, role, values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
}
