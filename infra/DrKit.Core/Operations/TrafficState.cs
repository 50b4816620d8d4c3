using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Operations;

/// <summary>One region's Route 53 record: its routing policy and, for weighted records, its weight.</summary>
/// <param name="FailoverRole">Always null: DrKit declares no failover records (see <see cref="TrafficState"/>).</param>
public sealed record RecordRouting(string Region, RoutingPolicy Policy, string? FailoverRole, int? Weight);

/// <summary>
/// Where traffic goes and the Route 53 records that express it. The records are declared once in a shape no
/// failover or failback ever changes: one record per region, each with a health check, weighted for failover and
/// weighted plans and latency-based for latency plans. Route 53 accepts only one PRIMARY and one SECONDARY per name
/// and rejects mixing routing policies on one name, so swapping roles or policies mid-operation fails; weights do not.
/// Failover moves no record at all: each region's health check follows an ARC routing control, and Route 53 answers
/// with zero-weight records once every non-zero one is unhealthy
/// (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html).
/// Failback moves weights (10, 50, 100 percent). A failover plan puts all weight on the primary region and 0 on the
/// recovery region, which therefore answers only when the primary's health check fails or its control is Off.
/// </summary>
public sealed record TrafficState(string ActiveRegion, int Percent, IReadOnlyList<RecordRouting> Records)
{
    /// <summary>Weight of a region that takes all traffic; Route 53 weights range 0..255.</summary>
    public const int FullWeight = 100;

    /// <summary>
    /// Region whose endpoint manages ARC recovery-control resources (clusters, control panels, routing controls): ARC
    /// requires us-west-2 for them, whatever regions the application uses. Routing control states then move through
    /// the cluster's five regional data-plane endpoints. https://docs.aws.amazon.com/r53recovery/latest/dg/introduction-regions-routing.html
    /// </summary>
    public const string RecoveryControlRegion = "us-west-2";

    public static TrafficState Decide(DrPlan plan, OperationsState ops)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ops);
        var t = plan.Traffic;
        var regions = new[] { plan.PrimaryRegion }.Concat(plan.RecoveryRegions).Where(t.Endpoints.ContainsKey).ToList();
        var policy = PolicyOf(t.Routing);
        if (policy == RoutingPolicy.Latency)
        {
            // Latency routing serves every region at once; operations only switch a region's control on or off.
            var active = ops.TrafficActiveRegion ?? plan.PrimaryRegion;
            return new TrafficState(active, ops.TrafficPercent ?? 100, regions.Select(r => new RecordRouting(r, RoutingPolicy.Latency, null, null)).ToList());
        }

        if (ops.TrafficActiveRegion is { } target)
        {
            var percent = ops.TrafficPercent ?? 100;
            // The share moves between the target region and the one traffic leaves or returns to; others keep 0.
            var other = target != plan.PrimaryRegion ? plan.PrimaryRegion : regions.FirstOrDefault(r => r != target);
            return new TrafficState(target, percent, regions.Select(r => new RecordRouting(r, RoutingPolicy.Weighted, null,
                r == target ? percent : r == other ? FullWeight - percent : 0)).ToList());
        }

        return t.Routing == RoutingPolicy.Weighted
            ? new TrafficState(plan.PrimaryRegion, Share(t.Weights, plan.PrimaryRegion),
                regions.Select(r => new RecordRouting(r, RoutingPolicy.Weighted, null, t.Weights.GetValueOrDefault(r))).ToList())
            : new TrafficState(plan.PrimaryRegion, 100,
                regions.Select(r => new RecordRouting(r, RoutingPolicy.Weighted, null, r == plan.PrimaryRegion ? FullWeight : 0)).ToList());
    }

    /// <summary>The one routing policy a plan's records ever have: failover plans are expressed with weights.</summary>
    public static RoutingPolicy PolicyOf(RoutingPolicy planned) => planned == RoutingPolicy.Latency ? RoutingPolicy.Latency : RoutingPolicy.Weighted;

    private static int Share(IReadOnlyDictionary<string, int> weights, string region)
    {
        var total = weights.Values.Sum();
        return total == 0 ? 100 : (int)Math.Round(100.0 * weights.GetValueOrDefault(region) / total, MidpointRounding.AwayFromZero);
    }

    /// <summary>The record of <paramref name="region"/>, or null when the region gets none.</summary>
    public RecordRouting? For(string region) => Records.FirstOrDefault(r => r.Region == region);
}
