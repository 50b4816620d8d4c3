using DrKit.Core.Objectives;
using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Monitoring;

public static partial class AlarmPlanner
{
    /// <summary>ReplicaLag of each cross-region read replica. A replica that stops reporting (deleted, stopped,
    /// replication broken) cannot be trusted for a failover, so missing data breaches. A promoted replica is a
    /// standalone writer that publishes no ReplicaLag at all, so it gets no lag alarm; nothing replicates from it
    /// until it is re-seeded, which the runbook's fail-back phase does by hand.</summary>
    private static IEnumerable<AlarmSpec> ReplicaLag(DrPlan plan, ComponentPlan c, PostgresSettings p, OperationsState ops)
    {
        // Only RDS publishes ReplicaLag; a self-managed standby's lag is its operator's to export.
        if (p.Engine != Model.PostgresEngine.Rds || !p.CrossRegionReplica || c.Target.Rpo is not { } rpo)
        {
            yield break;
        }

        var state = DataTierState.Decide(c, plan, ops);
        foreach (var region in plan.RecoveryRegions.Where(r => !(state.ReplicaPromoted && r == state.RecoveryRegion)))
        {
            yield return Lag(c, rpo, region, AlarmTarget.RdsReplica, "AWS/RDS", "ReplicaLag", "RDS read replica") with { Key = $"{c.Name}-replica-lag-{region}" };
        }
    }

    /// <summary>
    /// GlobalDatastoreReplicationLag of every secondary: each member region but the writer's (the recovery regions as
    /// planned; the old primary once a failover moved the writer). A secondary's lag is reported by its primary node,
    /// which can be any member after a node failover, so the alarm takes the largest over the member nodes, in groups
    /// of at most <see cref="MaxMetricsPerAlarm"/> (one alarm per group above that).
    /// </summary>
    private static IEnumerable<AlarmSpec> GlobalDatastoreLag(DrPlan plan, ComponentPlan c, RedisSettings r, OperationsState ops)
    {
        if (!r.GlobalDatastore || c.Target.Rpo is not { } rpo)
        {
            yield break;
        }

        var writer = DataTierState.Decide(c, plan, ops).WriterRegion;
        var groups = MemberSuffixes(r).Chunk(MaxMetricsPerAlarm).ToList();
        foreach (var region in plan.Regions.Where(region => region != writer))
        {
            for (var g = 0; g < groups.Count; g++)
            {
                var part = groups.Count == 1 ? string.Empty : $"-nodes{g + 1}";
                yield return Lag(c, rpo, region, AlarmTarget.GlobalDatastoreMembers, "AWS/ElastiCache", "GlobalDatastoreReplicationLag", "Global Datastore secondary") with
                {
                    Key = $"{c.Name}-global-lag-{region}{part}",
                    MemberSuffixes = groups[g],
                };
            }
        }
    }

    /// <summary>
    /// ElastiCache names the nodes of a replication group after it: <c>-001</c>, <c>-002</c>, ... without cluster mode,
    /// <c>-0001-001</c> (shard, node) with it.
    /// </summary>
    public static IReadOnlyList<string> MemberSuffixes(RedisSettings r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var nodes = 1 + r.ReplicasPerShard;
        return r.Shards > 1
            ? [.. Enumerable.Range(1, r.Shards).SelectMany(shard => Enumerable.Range(1, nodes).Select(node => $"-{shard:0000}-{node:000}"))]
            : [.. Enumerable.Range(1, nodes).Select(node => $"-{node:000}")];
    }

    private static AlarmSpec Lag(ComponentPlan c, TimeSpan rpo, string region, AlarmTarget target, string ns, string metric, string what)
    {
        var threshold = LagThresholdSeconds(rpo);
        var periods = EvaluationPeriods(rpo);
        // In an outage the recovery-region lag alarm is also a detection signal: as urgent as the failover decision.
        return new AlarmSpec(string.Empty, c.Name, c.Tier, Urgency(c.Tier, DecisionDeadline(c)), region, region, target, ns, metric, "Maximum", "GreaterThanThreshold",
            threshold, "Seconds", MinutePeriod, periods, periods, "breaching",
            $"{c.Name}: {what} in {region} lags more than {Seconds(threshold)} ({OfRpo(rpo)}) for {periods} min, or reports nothing. " +
            $"Data loss on failover would approach the RPO. Runbook: assess, then drkit failover --dry-run.");
    }

    /// <summary>S3 publishes replication latency and failures only for rules with replication metrics on, so every
    /// replicated bucket turns them on (RTC turns them on by itself). Billed as custom metrics (repl-metrics.html).</summary>
    public static bool ReplicationMetrics(BucketSettings bucket) => bucket?.Replicate ?? false;

    /// <summary>
    /// Replication latency above the RPO's alarm point, and any failed replication, for each replicated bucket rule.
    /// S3 documents (https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html) that ReplicationLatency is
    /// published in the destination's region and still published when no replication occurs, but not once the
    /// destination bucket is deleted: missing latency means the rule or its destination is gone, so it breaches.
    /// OperationsFailedReplication is published in the source bucket's region and only when replication occurs, so
    /// that alarm lives in the primary region and missing data is normal. It only matters while the source is up.
    /// </summary>
    private static IEnumerable<AlarmSpec> Replication(DrPlan plan, ComponentPlan c, BucketSettings b)
    {
        if (!b.Replicate)
        {
            yield break;
        }

        var rpo = c.Target.Rpo ?? c.Target.Rto;
        var threshold = LagThresholdSeconds(rpo);
        var periods = EvaluationPeriods(rpo);
        for (var i = 0; i < plan.RecoveryRegions.Count; i++)
        {
            var region = plan.RecoveryRegions[i];
            var rule = b.ReplicationRuleId(i + 1);
            yield return new AlarmSpec($"{c.Name}-replication-latency-{region}", c.Name, c.Tier, SeverityOf(c.Tier), region, region, AlarmTarget.S3ReplicationRule,
                "AWS/S3", "ReplicationLatency", "Maximum", "GreaterThanThreshold", threshold, "Seconds", MinutePeriod, periods, periods, "breaching",
                $"{c.Name}: S3 replication of the {b.Purpose} bucket into {region} (rule {rule}) is more than {Seconds(threshold)} behind ({OfRpo(rpo)}), " +
                "or reports no latency (the destination bucket or the rule is gone, or replication metrics were turned off).")
            {
                RuleId = rule,
            };
            yield return new AlarmSpec($"{c.Name}-replication-failed-{region}", c.Name, c.Tier, SeverityOf(c.Tier), plan.PrimaryRegion, region, AlarmTarget.S3ReplicationRule,
                "AWS/S3", "OperationsFailedReplication", "Sum", "GreaterThanThreshold", 0, "Count", FiveMinutePeriod, 1, 1, "notBreaching",
                $"{c.Name}: objects of the {b.Purpose} bucket failed to replicate into {region} (rule {rule}); they are missing there until fixed (permissions, KMS key, object lock).")
            {
                RuleId = rule,
            };
        }
    }

    private static string Seconds(double seconds) => DurationText.Format(TimeSpan.FromSeconds(seconds));

    private static string OfRpo(TimeSpan rpo) => DetectsBeforeRpo(rpo)
        ? $"fires by the {DurationText.Format(rpo)} RPO"
        : $"the {DurationText.Format(rpo)} RPO is shorter than one-minute metrics can warn of";
}
