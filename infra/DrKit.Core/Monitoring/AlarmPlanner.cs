using DrKit.Core.Estimation;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Monitoring;

/// <summary>
/// Decides the CloudWatch alarms that watch a plan's DR mechanisms, each in the region CloudWatch publishes its
/// metric in, with thresholds derived from the component's RPO and a severity from its tier. Metric names,
/// dimensions and regions as AWS documents them:
/// <list type="bullet">
/// <item>RDS <c>AWS/RDS ReplicaLag</c> (seconds, per <c>DBInstanceIdentifier</c>, in the replica's region):
/// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html</item>
/// <item>ElastiCache <c>AWS/ElastiCache GlobalDatastoreReplicationLag</c> (seconds, per <c>CacheClusterId</c>, in the
/// secondary's region): https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html</item>
/// <item>S3 <c>AWS/S3 ReplicationLatency</c> and <c>OperationsFailedReplication</c> (per <c>SourceBucket</c>,
/// <c>DestinationBucket</c>, <c>RuleId</c>; only when replication metrics are enabled on the rule). Latency is
/// published in the destination bucket's region, failed operations in the source bucket's region:
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html</item>
/// <item>Route 53 <c>AWS/Route53 HealthCheckStatus</c> (1 healthy, 0 unhealthy, per <c>HealthCheckId</c>), published
/// only in us-east-1: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html</item>
/// <item>EC2 <c>AWS/EC2CapacityReservations AvailableInstanceCount</c> (per <c>CapacityReservationId</c>, in the
/// reservation's region; <c>TotalInstanceCount</c> once the recovery instances fill it):
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservation-cw-metrics.html</item>
/// <item>CloudWatch Synthetics <c>CloudWatchSynthetics SuccessPercent</c> (per <c>CanaryName</c>, in the canary's
/// region): the outage signal homed outside the region it watches (<see cref="Canaries"/>):
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_metrics.html</item>
/// <item>DrKit <c>BackupAgeSeconds</c> and <c>ReservationSecondsToExpiry</c> (per <c>stack</c>, <c>component</c>): custom
/// metrics of the stack's own <see cref="FreshnessProbe"/>, since AWS publishes neither (<see cref="Probes(DrPlan, Operations.OperationsState)"/>).</item>
/// </list>
/// </summary>
public static partial class AlarmPlanner
{
    /// <summary>Route 53 publishes health-check metrics in US East (N. Virginia) only, whatever the stack's regions.</summary>
    public const string Route53MetricsRegion = "us-east-1";

    /// <summary>Replication and reservation metrics arrive every minute; a one-minute period alarms as early as they allow.</summary>
    public const int MinutePeriod = 60;

    /// <summary>S3 replication failures and reservation counts are judged over five minutes, long enough to smooth best-effort delivery.</summary>
    public const int FiveMinutePeriod = 300;

    /// <summary>
    /// How late a one-minute datapoint reaches CloudWatch after the minute it describes. AWS does not document a bound;
    /// one period is the working assumption, so an alarm's breach is seen one minute after the lag crossed the threshold.
    /// </summary>
    public static readonly TimeSpan MetricDelay = TimeSpan.FromMinutes(1);

    /// <summary>The lowest lag threshold DrKit sets: below it, one slow commit or an idle source pages someone.</summary>
    public const double MinimumLagThresholdSeconds = 30;

    /// <summary>
    /// CloudWatch alarms on metric math reference at most 10 metrics, a hard limit
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-limits.html).
    /// </summary>
    public const int MaxMetricsPerAlarm = 10;

    /// <summary>
    /// The lag at which an alarm breaches: <see cref="Assumptions.AtRiskMargin"/> of the RPO (the point at which the plan
    /// calls an estimate "at risk"), lowered so that the breach window and the metric's delay still end by the RPO:
    /// <c>min(0.8 R, R - window - delay)</c>, never below <see cref="MinimumLagThresholdSeconds"/>. Lag grows one second
    /// per second while replication is stalled, so an alarm at this threshold reaches someone before data loss on a
    /// failover exceeds the RPO, unless the RPO is shorter than CloudWatch can detect (<see cref="DetectsBeforeRpo"/>).
    /// </summary>
    public static double LagThresholdSeconds(TimeSpan rpo)
    {
        var atRisk = rpo.TotalSeconds * Assumptions.AtRiskMargin;
        var latest = rpo.TotalSeconds - (EvaluationPeriods(rpo) * (double)MinutePeriod) - MetricDelay.TotalSeconds;
        return Math.Round(Math.Max(MinimumLagThresholdSeconds, Math.Min(atRisk, latest)), 1);
    }

    /// <summary>
    /// True when a stalled replication breaches the lag alarm (threshold, then the breach window, then the metric's
    /// delay) no later than the RPO; false for RPOs too short for one-minute metrics, which the alarm says.
    /// </summary>
    public static bool DetectsBeforeRpo(TimeSpan rpo) =>
        LagThresholdSeconds(rpo) + (EvaluationPeriods(rpo) * (double)MinutePeriod) + MetricDelay.TotalSeconds <= rpo.TotalSeconds;

    /// <summary>
    /// Minutes of sustained breach before an alarm fires: one when the RPO is five minutes or less (there is no
    /// time to wait), otherwise three, so a single slow minute does not page anyone.
    /// </summary>
    public static int EvaluationPeriods(TimeSpan rpo) => rpo <= TimeSpan.FromMinutes(5) ? 1 : 3;

    /// <summary>The seeds' alert levels by service tier: critical pages, production within the hour, the rest within four hours.</summary>
    public static AlarmSeverity SeverityOf(Tier tier) => tier switch
    {
        Tier.Critical => AlarmSeverity.Critical,
        Tier.Production => AlarmSeverity.High,
        _ => AlarmSeverity.Medium,
    };

    /// <summary>How fast someone must respond to an alarm of <paramref name="severity"/> (the seeds' alert configuration).</summary>
    public static TimeSpan ResponseTime(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Critical => TimeSpan.Zero,
        AlarmSeverity.High => TimeSpan.FromHours(1),
        _ => TimeSpan.FromHours(4),
    };

    /// <summary>
    /// The tier's severity, raised until its response time fits the decision the alarm drives: an alarm that tells
    /// someone to decide on a failover within 14 minutes cannot be one answered within the hour.
    /// </summary>
    public static AlarmSeverity Urgency(Tier tier, TimeSpan? deadline)
    {
        var severity = SeverityOf(tier);
        while (deadline is { } d && severity < AlarmSeverity.Critical && ResponseTime(severity) > d)
        {
            severity++;
        }

        return severity;
    }

    /// <summary>
    /// How long an outage may last before the component must be failed over: its RTO target minus its estimated
    /// recovery time, zero when the estimate already uses the whole target. The runbook's decision table shows it.
    /// </summary>
    public static TimeSpan DecisionDeadline(ComponentPlan c)
    {
        ArgumentNullException.ThrowIfNull(c);
        // The estimate counts a decision time of its own (drkit:estimates.decisionTime); the deadline is what the target
        // leaves for it once everything else has taken its typical time.
        var decided = c.Estimate.Terms.Where(t => t.Measure == "RTO" && t.Name == "decision").Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Typical);
        var rest = c.Estimate.TypicalRto - decided;
        return c.Target.Rto > rest ? c.Target.Rto - rest : TimeSpan.Zero;
    }

    /// <summary>The tightest decision deadline of the components a failover moves (backup-restore ones are restored, not failed over); null without one.</summary>
    public static TimeSpan? TightestDeadline(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var deadlines = plan.Components.Where(c => c.Strategy != Model.Strategy.BackupRestore).Select(DecisionDeadline).ToList();
        return deadlines.Count == 0 ? null : deadlines.Min();
    }

    /// <summary>The alarms of the stack as planned, before any DR operation.</summary>
    public static IReadOnlyList<AlarmSpec> Decide(DrPlan plan) => Decide(plan, Operations.OperationsState.None);

    /// <summary>
    /// The alarms of the stack in the operations state <paramref name="ops"/>: after a failover the lag alarms follow
    /// the data (none on a promoted writer, one on each new secondary), the reservation alarm watches the reservation's
    /// size once the recovery instances fill it, and health alarms watch the regions that serve.
    /// </summary>
    public static IReadOnlyList<AlarmSpec> Decide(DrPlan plan, Operations.OperationsState ops)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ops);
        var alarms = new List<AlarmSpec>();
        var compute = Operations.RecoveryCompute.Decide(plan, ops);
        foreach (var c in plan.Components)
        {
            alarms.AddRange(c.Settings switch
            {
                // Only a self-managed server ships WAL to an archive bucket; RDS keeps its own backups.
                PostgresSettings p => ReplicaLag(plan, c, p, ops).Concat(p.Engine == Model.PostgresEngine.SelfManaged ? Replication(plan, c, p.WalArchive) : []),
                RedisSettings r => GlobalDatastoreLag(plan, c, r, ops),
                BucketSettings b => Replication(plan, c, b),
                VectorIndexSettings v => Replication(plan, c, v.Store),
                GpuSettings g => Reservations(c, g, compute),
                _ => [],
            });
        }

        alarms.AddRange(Freshness(plan, ops));
        alarms.AddRange(HealthChecks(plan, ops, compute));
        alarms.AddRange(Canaries(plan).Select(CanaryAlarm(plan)));
        return alarms;
    }

    /// <summary>
    /// The regions that get notification topics (alarm actions publish to a topic in the alarm's own region): every
    /// region of the stack, the monitoring region, and us-east-1 when Route 53 health alarms exist. Each gets one topic
    /// per severity whatever alarms it holds today, decided from the plan alone: alarms come and go with the
    /// operations state (lag alarms on promotion, the Global Datastore's writer), and a topic that went with its last
    /// alarm would come back with a new ARN and every e-mail subscription unconfirmed again.
    /// </summary>
    public static IReadOnlyList<string> TopicRegions(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var regions = plan.Regions.ToList();
        if (plan.MonitoringRegion is { } monitoring)
        {
            regions.Add(monitoring);
        }

        var t = plan.Traffic;
        if (plan.Components.Any(c => c.Settings is EndpointSettings) && !string.IsNullOrEmpty(t.Domain) && !string.IsNullOrEmpty(t.HostedZoneId))
        {
            regions.Add(Route53MetricsRegion);
        }

        return regions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every severity, each of which gets a topic in every <see cref="TopicRegions"/> region.</summary>
    public static IReadOnlyList<AlarmSeverity> Severities { get; } = Enum.GetValues<AlarmSeverity>();
}
