using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Operations;

/// <summary>One region's Route 53 record: its routing policy and, per policy, its failover role or weight.</summary>
public sealed record RecordRouting(string Region, RoutingPolicy Policy, string? FailoverRole, int? Weight);

/// <summary>
/// Where traffic goes: the active region and its share, and the records that express it. Without operations
/// keys the plan's routing holds; with them, 100 percent is a failover pair with the active region PRIMARY and
/// anything less is a weighted pair (active region <c>percent</c>, the other <c>100 - percent</c>).
/// </summary>
public sealed record TrafficState(string ActiveRegion, int Percent, IReadOnlyList<RecordRouting> Records)
{
    public const string Primary = "PRIMARY";
    public const string Secondary = "SECONDARY";

    public static TrafficState Decide(DrPlan plan, OperationsState ops)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ops);
        var t = plan.Traffic;
        var regions = new[] { plan.PrimaryRegion }.Concat(plan.RecoveryRegions).Where(t.Endpoints.ContainsKey).ToList();
        if (ops.TrafficActiveRegion is { } active)
        {
            var percent = ops.TrafficPercent ?? 100;
            // Failover and weighted records come in pairs: the active region and the one traffic leaves or returns to.
            var other = active != plan.PrimaryRegion
                ? regions.FirstOrDefault(r => r == plan.PrimaryRegion)
                : regions.FirstOrDefault(r => r != active);
            var records = new List<RecordRouting>();
            if (regions.Contains(active))
            {
                records.Add(percent == 100 ? new(active, RoutingPolicy.Failover, Primary, null) : new(active, RoutingPolicy.Weighted, null, percent));
            }

            if (other is not null)
            {
                records.Add(percent == 100 ? new(other, RoutingPolicy.Failover, Secondary, null) : new(other, RoutingPolicy.Weighted, null, 100 - percent));
            }

            return new TrafficState(active, percent, records);
        }

        return t.Routing switch
        {
            RoutingPolicy.Failover => new TrafficState(plan.PrimaryRegion, 100, PlannedFailover(plan, regions)),
            RoutingPolicy.Weighted => new TrafficState(plan.PrimaryRegion, Share(t.Weights, plan.PrimaryRegion),
                regions.Select(r => new RecordRouting(r, RoutingPolicy.Weighted, null, t.Weights.GetValueOrDefault(r))).ToList()),
            // Latency routing serves every region at once; the primary region is reported as the active one.
            _ => new TrafficState(plan.PrimaryRegion, 100, regions.Select(r => new RecordRouting(r, RoutingPolicy.Latency, null, null)).ToList()),
        };
    }

    /// <summary>PRIMARY for the primary region, SECONDARY for the first recovery region; failover routing has no third role.</summary>
    private static List<RecordRouting> PlannedFailover(DrPlan plan, List<string> regions)
    {
        var records = new List<RecordRouting>();
        if (regions.Contains(plan.PrimaryRegion))
        {
            records.Add(new(plan.PrimaryRegion, RoutingPolicy.Failover, Primary, null));
        }

        if (plan.RecoveryRegions.Count > 0 && regions.Contains(plan.RecoveryRegions[0]))
        {
            records.Add(new(plan.RecoveryRegions[0], RoutingPolicy.Failover, Secondary, null));
        }

        return records;
    }

    private static int Share(IReadOnlyDictionary<string, int> weights, string region)
    {
        var total = weights.Values.Sum();
        return total == 0 ? 100 : (int)Math.Round(100.0 * weights.GetValueOrDefault(region) / total, MidpointRounding.AwayFromZero);
    }

    /// <summary>The record of <paramref name="region"/>, or null when the region gets none.</summary>
    public RecordRouting? For(string region) => Records.FirstOrDefault(r => r.Region == region);
}
