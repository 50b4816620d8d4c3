namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// The one Traffic Manager shape DrKit declares, and the endpoint status and weight every traffic state sets on it.
/// The profile routes by weight in every state and is never changed after creation: a failover, each failback stage
/// and a rollback move only endpoint status and weight, both in-place updates of the endpoint
/// (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-manage-endpoints). Weighted routing picks among
/// the endpoints that are enabled and not Degraded, in proportion to their weights 1-1000
/// (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods#weighted-traffic-routing-method),
/// so a failback stage still skips a region whose probe fails. There is no weight 0: an endpoint that takes no share
/// is disabled and keeps its planned weight, so only its status moves.
/// The trade-off, chosen on purpose: in steady state the recovery endpoint of a failover plan is disabled, so the
/// profile does not move users by itself when the primary's probe fails (Priority routing would). A failover is a
/// decision made by operations, which also promote the writer and scale the recovery fleet; an automatic DNS move
/// would send users to a region with a read-only replica and, on pilot light, no VMs.
/// This is the function operations set endpoints from (<c>az network traffic-manager endpoint update --endpoint-status
/// Enabled|Disabled --weight W</c>); the shell declares the same values, so the next <c>up</c> finds nothing to change.
/// </summary>
public static class AzureTrafficShape
{
    /// <summary>The profile's routing method in every state.</summary>
    public const string RoutingMethod = "Weighted";

    /// <summary>Traffic Manager weights are 1-1000: an endpoint that takes all traffic.</summary>
    public const int FullWeight = AzureAssumptions.MaxWeight;

    /// <summary>Weight per percent of traffic: a share of p % is weight 10·p.</summary>
    public const int WeightPerPercent = FullWeight / 100;

    /// <summary>
    /// Each endpoint's status and weight for a traffic state, decided from the plan's endpoints (<paramref name="settings"/>).
    /// Steady state (no active region, or the primary at 100 %): the planned endpoints, i.e. for pilot light and warm
    /// standby the primary enabled at 1000 and the recovery endpoints disabled at weight 1, for active-active every
    /// region enabled at its planned weight. <paramref name="activeRegion"/> at 100 %: that region enabled at 1000, every
    /// other endpoint disabled. Below 100 % (a gradual move): the active region enabled at 10·p, the region traffic leaves
    /// or returns to (the primary, or the first other region when the active one is the primary) at 1000 − 10·p, every
    /// other endpoint disabled; a share of 0 is a disabled endpoint.
    /// </summary>
    /// <param name="primaryRegion">The plan's primary region.</param>
    /// <param name="activeRegion">The region traffic moved to (<c>drkit-ops:traffic.activeRegion</c>); null: steady state.</param>
    /// <param name="percent">Its share, 0..100 (<c>drkit-ops:traffic.percent</c>; 100 when unset).</param>
    public static IReadOnlyList<TrafficManagerEndpoint> Endpoints(AzureTrafficSettings settings, string primaryRegion, string? activeRegion, int percent)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(primaryRegion);
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var planned = settings.Endpoints;
        if (activeRegion is null || (activeRegion == primaryRegion && percent == 100))
        {
            return planned;
        }

        var other = activeRegion != primaryRegion ? primaryRegion : planned.Select(e => e.Region).FirstOrDefault(r => r != activeRegion);
        return planned.Select(e =>
        {
            var share = e.Region == activeRegion ? percent : e.Region == other ? 100 - percent : 0;
            return share > 0 ? e with { Enabled = true, Weight = share * WeightPerPercent } : e with { Enabled = false };
        }).ToList();
    }
}
