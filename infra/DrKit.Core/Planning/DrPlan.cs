using DrKit.Core.Model;
using DrKit.Core.Objectives;

namespace DrKit.Core.Planning;

public enum Verdict
{
    Met,
    AtRisk,
    Breached,
}

/// <summary>What a mechanism can achieve, typical and worst case, with the arithmetic that got there.</summary>
/// <param name="Rpo">Worst-case data loss, or the typical one when nothing bounds it (<see cref="RpoGuaranteed"/> false); null for stateless components.</param>
/// <param name="Rto">Worst-case recovery time, or the typical one when nothing bounds it (<see cref="RtoGuaranteed"/> false).</param>
/// <param name="RpoGuaranteed">False when the worst case is unbounded (e.g. S3 replication without RTC, async replica lag); <see cref="RpoUnbounded"/> says why.</param>
/// <param name="RtoGuaranteed">False when the worst case is unbounded (e.g. on-demand GPUs that may not exist); <see cref="RtoUnbounded"/> says why.</param>
public sealed record Estimate(
    TimeSpan? Rpo,
    TimeSpan Rto,
    bool RpoGuaranteed,
    bool RtoGuaranteed,
    IReadOnlyList<string> Reasoning,
    IReadOnlyList<string> Caveats)
{
    /// <summary>Typical data loss; null means the same as <see cref="Rpo"/>.</summary>
    public TimeSpan? RpoTypical { get; init; }

    /// <summary>Typical recovery time; null means the same as <see cref="Rto"/>.</summary>
    public TimeSpan? RtoTypical { get; init; }

    /// <summary>Why the RPO has no worst case, when it has none.</summary>
    public string? RpoUnbounded { get; init; }

    /// <summary>Why the RTO has no worst case, when it has none.</summary>
    public string? RtoUnbounded { get; init; }

    /// <summary>Every term of both measures with its typical and worst value and its basis (sourced, assumed, configured, measured).</summary>
    public IReadOnlyList<EstimateTerm> Terms { get; init; } = [];

    /// <summary>The typical RTO (<see cref="RtoTypical"/>, else <see cref="Rto"/>).</summary>
    public TimeSpan TypicalRto => RtoTypical ?? Rto;

    /// <summary>The typical RPO (<see cref="RpoTypical"/>, else <see cref="Rpo"/>).</summary>
    public TimeSpan? TypicalRpo => RpoTypical ?? Rpo;
}

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
    ComponentSettings Settings)
{
    /// <summary>What the cost factor is made of: what the component keeps in each recovery region, with sources.</summary>
    public IReadOnlyList<string> CostBasis { get; init; } = [];
}

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

    /// <summary>Typical service RTO (<see cref="ServiceRto"/> is the worst case); null means the same.</summary>
    public TimeSpan? ServiceRtoTypical { get; init; }

    /// <summary>Why the service RTO has no worst case, when it has none.</summary>
    public string? ServiceRtoUnbounded { get; init; }

    /// <summary>Typical worst-component data loss (<see cref="ServiceRpo"/> is the worst case over data components).</summary>
    public TimeSpan? ServiceRpoTypical { get; init; }

    /// <summary>
    /// How far published artifacts (model artifacts, container images) may trail in the recovery region: a propagation
    /// delay of what was released, not data the service wrote, so it is kept apart from <see cref="ServiceRpo"/>.
    /// </summary>
    public TimeSpan? PropagationDelay { get; init; }

    /// <summary>The failover as the program runs it, step by step, with what each step costs: the service RTO's arithmetic.</summary>
    public IReadOnlyList<TimelineStep> Timeline { get; init; } = [];

    /// <summary>Related data whose recovery points can diverge after a failover, and by how much.</summary>
    public IReadOnlyList<RecoveryPointGap> RecoveryPoints { get; init; } = [];

    /// <summary>Whether drill-measured step times replaced the assumptions (<c>drkit:estimates.calibration</c> or <c>--measured</c>).</summary>
    public bool Calibrated { get; init; }
}

/// <summary>One step of the failover timeline: when it runs, what it costs typically and at worst, and its bound.</summary>
/// <param name="Step">Step name (detection and decision precede the program's steps).</param>
/// <param name="Typical">Typical time the step takes.</param>
/// <param name="Worst">Worst case; null when unbounded.</param>
/// <param name="Timeout">The program's bound on the step; null for detection and decision, which precede it.</param>
/// <param name="Terms">What the step's time is made of (per tier for serial promotions).</param>
public sealed record TimelineStep(string Step, TimeSpan Typical, TimeSpan? Worst, TimeSpan? Timeout, IReadOnlyList<EstimateTerm> Terms)
{
    /// <summary>How the step's terms combine: "serial" (added up), "parallel" (the longest counts) or "single".</summary>
    public string Composition { get; init; } = "single";
}

/// <summary>Two related components whose recovery points can diverge: <see cref="Component"/> may be behind <see cref="RelatedTo"/>.</summary>
/// <param name="Component">The component that can trail (a vector index).</param>
/// <param name="RelatedTo">The data it is derived from or must agree with (the database it indexes).</param>
/// <param name="TypicalBehind">Typical divergence: the difference of typical RPOs.</param>
/// <param name="WorstBehind">Worst divergence: the difference of worst RPOs; null when either is unbounded.</param>
/// <param name="Why">Why they are related and what the divergence means.</param>
public sealed record RecoveryPointGap(string Component, string RelatedTo, TimeSpan TypicalBehind, TimeSpan? WorstBehind, string Why);
