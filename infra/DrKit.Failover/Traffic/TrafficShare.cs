namespace DrKit.Failover;

/// <summary>Reads a <see cref="TrafficState"/> as "percent on a given region" for a two-region setup.</summary>
internal static class TrafficShare
{
    // A switch may describe 10% on the target as "90% on the other region"; both mean the same.
    public static int On(TrafficState state, string region) =>
        string.Equals(state.ActiveRegion, region, StringComparison.OrdinalIgnoreCase) ? state.Percent : 100 - state.Percent;
}
