using DrKit.Core.Model;
using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Core.Providers;

namespace DrKit.Core.Estimation;

/// <summary>What every component's estimate shares: the stack's regions, its traffic detection and its decision times.</summary>
internal sealed record EstimateContext(StackSpec Stack, TrafficPlan Traffic)
{
    public bool SingleRegion => Stack.IsSingleRegion;

    public string Primary => Stack.PrimaryRegion;

    public string Recovery => SingleRegion ? Stack.PrimaryRegion : Stack.RecoveryRegions[0];

    /// <summary>
    /// Route 53 (Traffic Manager on Azure) declares an endpoint unhealthy after FailureThreshold consecutive failed
    /// checks; a failure that starts just after a passing check waits one interval more. Routing acts on it by itself
    /// (the health checkers and DNS answers do not depend on one region), so this is the detection of the automatic
    /// paths. The source is the stack's cloud's.
    /// </summary>
    public Figure Detection => Figure.Sourced(RoutingDetection.Typical, Platforms.Cloud.Of(Stack).HealthChecksSource, RoutingDetection.Worst);

    private OutageDetectionTime RoutingDetection => AlarmPlanner.OutageDetection(Primary, canaryHome: null, Traffic);

    /// <summary>
    /// Time until a person is paged by an alarm that survives the primary's outage (<see cref="AlarmPlanner.OutageDetection"/>):
    /// Route 53's health-check alarm, or, when that alarm lives in the failing primary (us-east-1), the canary watching the
    /// primary from outside it.
    /// </summary>
    public OutageDetectionTime OutageDetection
    {
        get
        {
            // The outage canaries are AWS Synthetics canaries, declared for AWS stacks only.
            var home = Platforms.Cloud.Of(Stack) == Platforms.Cloud.Aws && Traffic.Endpoints.ContainsKey(Primary)
                ? AlarmPlanner.CanaryHome(Primary, Primary, Stack.RecoveryRegions, Stack.MonitoringRegion)
                : null;
            return AlarmPlanner.OutageDetection(Primary, home, Traffic);
        }
    }

    /// <summary>The page's detection as a term: sourced from the Route 53 docs, and the Synthetics schedule when the canary counts.</summary>
    public Figure Paged => OutageDetection is var o && o.ByCanary
        ? Figure.Sourced(o.Typical, $"{Sources.SyntheticsSchedule} and {Sources.Route53HealthCheckMetrics}", o.Worst)
        : Figure.Sourced(o.Typical, Platforms.Cloud.Of(Stack).HealthChecksSource, o.Worst);

    /// <summary>Detection where routing acts by itself (no one decides): Route 53's health check.</summary>
    public Derivation Detect(Derivation d) =>
        d.Add("detection", Detection, RoutingDetection.Why);

    /// <summary>
    /// The alarm that survives the outage pages someone, then the operator decides to fail over
    /// (<c>drkit:estimates.decisionTime</c>): DrKit never fails a region over by itself.
    /// </summary>
    public Derivation DetectAndDecide(Derivation d, Tier tier) =>
        d.Add("detection", Paged, OutageDetection.Why).Add("decision", Decision(tier), "from the alarm to a declared failover (an operator's call)");

    /// <summary>How a compute fleet's recovery starts: active-active already serves, so routing acts on detection alone;
    /// every other strategy also waits for the operator's decision.</summary>
    public Derivation ComputeRto(ComponentSpec c) =>
        c.Strategy == Strategy.ActiveActive ? Detect(new Derivation("RTO")) : DetectAndDecide(new Derivation("RTO"), c.Tier);

    /// <summary>The failover step that brings compute up; none where the fleet is rebuilt from code (backup-restore) or
    /// the stack has one region.</summary>
    public string? ComputeStep(ComponentSpec c) =>
        c.Strategy == Strategy.BackupRestore || SingleRegion ? null : Failover.FailoverSteps.ScaleCompute;

    /// <summary>Instances a strategy keeps running in the recovery region: all of them active-active, the declared standby
    /// count warm, none otherwise.</summary>
    public static int RunningInRecovery(Strategy strategy, int count, int standbyRunning) => strategy switch
    {
        Strategy.ActiveActive => count,
        Strategy.WarmStandby => standbyRunning,
        _ => 0,
    };

    public Figure Decision(Tier tier) => Figure.Configured(Stack.Estimates.Decision(tier), Stack.Estimates.DecisionSource(tier));

    public Derivation Dns(Derivation d) =>
        d.Add("DNS", Figure.Configured(Traffic.Ttl, "drkit:traffic.ttl"), $"record TTL {DurationText.Format(Traffic.Ttl)}");

    /// <summary>Cross-region object replication: RTC bounds 99.99 % of objects at 15 minutes; without RTC nothing bounds it.</summary>
    public (Figure Figure, string Why) ObjectReplication(bool rtc) => rtc
        ? (Figures.RtcObjects, $"S3 replication with RTC: 99.99% of objects within {DurationText.Format(Assumptions.S3RtcWindow)}")
        : (Figures.UnboundedReplication, $"S3 replication without RTC: typically {DurationText.Format(Assumptions.S3TypicalReplication)}, no time guarantee");

    /// <summary>The model-provider chain whose embeddings feed the vector index <paramref name="index"/>, if any.</summary>
    public ModelProviderOptions? ChainFeeding(string index) =>
        Stack.Components.Select(c => c.Options).OfType<ModelProviderOptions>().FirstOrDefault(m => m.VectorIndex == index);

    /// <summary>What the chain's vector index was built with: declared on the index, else the chain's primary embedding model.</summary>
    public IndexEmbeddings? Index(ModelProviderOptions chain)
    {
        if (chain.VectorIndex is null || Stack.Components.FirstOrDefault(c => c.Name == chain.VectorIndex)?.Options is not VectorIndexOptions index)
        {
            return null;
        }

        return new IndexEmbeddings(chain.VectorIndex, index.Embedding ?? chain.Providers.FirstOrDefault()?.Embedding, index.FallbackEmbedding, index.Vectors);
    }

    /// <summary>RTC is on when asked for, or when the RPO target is tight enough that only RTC can bound it.</summary>
    public static bool NeedsRtc(bool? requested, RecoveryObjectives target) =>
        requested ?? (target.Rpo is { } rpo && rpo <= Assumptions.RtcNeededAtOrBelow);
}
