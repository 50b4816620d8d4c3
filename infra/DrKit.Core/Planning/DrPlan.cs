using DrKit.Core.Model;
using DrKit.Core.Objectives;

namespace DrKit.Core.Planning;

public enum Verdict
{
    Met,
    AtRisk,
    Breached,
}

/// <summary>What a mechanism can achieve, with the arithmetic that got there.</summary>
/// <param name="Rpo">Estimated data loss; null for stateless components.</param>
/// <param name="RpoGuaranteed">False when the mechanism gives no time bound (e.g. S3 replication without RTC).</param>
/// <param name="RtoGuaranteed">False when recovery depends on capacity that may not exist (e.g. on-demand GPUs).</param>
public sealed record Estimate(
    TimeSpan? Rpo,
    TimeSpan Rto,
    bool RpoGuaranteed,
    bool RtoGuaranteed,
    IReadOnlyList<string> Reasoning,
    IReadOnlyList<string> Caveats);

/// <summary>Readable settings of one region's part of a component (what the table and reports show).</summary>
public sealed record RegionSettings(string Region, string Role, IReadOnlyDictionary<string, string> Values);

/// <summary>The decided recovery posture of one component.</summary>
public sealed record ComponentPlan(
    string Name,
    ComponentKind Kind,
    Tier Tier,
    Strategy Strategy,
    string Mechanism,
    RecoveryObjectives Target,
    Estimate Estimate,
    Verdict Verdict,
    string Reason,
    double CostFactor,
    IReadOnlyList<RegionSettings> Regions,
    ComponentSettings Settings);

/// <summary>Health-checked routing in front of the inference endpoints, as the RTO estimates assumed it.</summary>
public sealed record TrafficPlan(
    string? Domain,
    string? HostedZoneId,
    string HealthCheckPath,
    int HealthCheckIntervalSeconds,
    int FailureThreshold,
    int TtlSeconds,
    RoutingPolicy Routing,
    IReadOnlyDictionary<string, string> Endpoints,
    int Port)
{
    public TimeSpan Detection => TimeSpan.FromSeconds(HealthCheckIntervalSeconds * FailureThreshold);

    public TimeSpan Ttl => TimeSpan.FromSeconds(TtlSeconds);

    /// <summary>
    /// How long after a region's endpoint starts answering before users reach it through DNS: Route 53 calls the
    /// endpoint healthy only after FailureThreshold consecutive passing checks
    /// (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html), and resolvers
    /// keep the previous answer for the record's TTL. A failover's measured RTO ends only after it.
    /// </summary>
    public TimeSpan Settle => Detection + Ttl;

    /// <summary>Route 53 weight per region for weighted routing: equal when every region serves, otherwise
    /// the primary takes all and recovery regions 0 (Route 53 sends to zero-weight records only when every
    /// weighted record is unhealthy, so this fails over by health check).</summary>
    public IReadOnlyDictionary<string, int> Weights { get; init; } = new Dictionary<string, int>();
}

/// <summary>A stack's whole DR plan: what <c>drkit plan</c> prints and what the Pulumi program declares.</summary>
public sealed record DrPlan(
    string Stack,
    string Source,
    string Service,
    string PrimaryRegion,
    IReadOnlyList<string> RecoveryRegions,
    TrafficPlan Traffic,
    IReadOnlyList<ComponentPlan> Components,
    double TotalCostFactor,
    TimeSpan ServiceRto,
    TimeSpan? ServiceRpo,
    Verdict Overall,
    IReadOnlyList<string> Notes,
    PolicySpec Policy)
{
    public IEnumerable<string> Regions => new[] { PrimaryRegion }.Concat(RecoveryRegions);

    public ComponentPlan? Component(string name) => Components.FirstOrDefault(c => c.Name == name);

    /// <summary>Who the alarm topics deliver to, by severity (<c>drkit:alerts</c>).</summary>
    public IReadOnlyList<Monitoring.AlertSubscription> Alerts { get; init; } = [];

    /// <summary>
    /// A region outside the stack's regions that homes every outage canary, its alarm and its topic
    /// (<c>drkit:monitoringRegion</c>); null homes each canary in another region of the stack.
    /// </summary>
    public string? MonitoringRegion { get; init; }
}
