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
/// <c>DestinationBucket</c>, <c>RuleId</c>; only when replication metrics are enabled on the rule; published in the
/// destination bucket's region): https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html</item>
/// <item>Route 53 <c>AWS/Route53 HealthCheckStatus</c> (1 healthy, 0 unhealthy, per <c>HealthCheckId</c>), published
/// only in us-east-1: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html</item>
/// <item>EC2 <c>AWS/EC2CapacityReservations AvailableInstanceCount</c> (per <c>CapacityReservationId</c>, in the
/// reservation's region): https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservation-cw-metrics.html</item>
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
    /// Alarms fire at <see cref="Assumptions.AtRiskMargin"/> of the RPO, the same point at which the plan calls an
    /// estimate "at risk": an operator still has the rest of the RPO to act before data loss exceeds the target.
    /// </summary>
    public static double LagThresholdSeconds(TimeSpan rpo) => Math.Round(rpo.TotalSeconds * Assumptions.AtRiskMargin, 1);

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

    public static IReadOnlyList<AlarmSpec> Decide(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var alarms = new List<AlarmSpec>();
        foreach (var c in plan.Components)
        {
            alarms.AddRange(c.Settings switch
            {
                // Only a self-managed server ships WAL to an archive bucket; RDS keeps its own backups.
                PostgresSettings p => ReplicaLag(plan, c, p).Concat(p.Engine == Model.PostgresEngine.SelfManaged ? Replication(plan, c, p.WalArchive) : []),
                RedisSettings r => GlobalDatastoreLag(plan, c, r),
                BucketSettings b => Replication(plan, c, b),
                VectorIndexSettings v => Replication(plan, c, v.Store),
                GpuSettings g => Reservations(c, g),
                _ => [],
            });
        }

        alarms.AddRange(HealthChecks(plan));
        return alarms;
    }

    /// <summary>Regions that hold at least one alarm, each of which gets its own notification topics (alarm actions stay in-region).</summary>
    public static IReadOnlyList<string> TopicRegions(IEnumerable<AlarmSpec> alarms) =>
        alarms.Select(a => a.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
