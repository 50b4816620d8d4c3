using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Monitoring;

public sealed class AlarmPlannerTests
{
    private static IReadOnlyList<AlarmSpec> Alarms(string stack) => AlarmPlanner.Decide(Planner.PlanFile(RepoPaths.Stack(stack)));

    private static AlarmSpec One(string stack, string key) =>
        Alarms(stack).SingleOrDefault(a => a.Key == key) ?? throw new AssertionException($"{stack}: no alarm {key}; have {string.Join(", ", Alarms(stack).Select(a => a.Key))}");

    [Test]
    public void PilotLight_ReplicaLagAlarmsAtEightyPercentOfTheRpoInTheReplicaRegion()
    {
        var lag = One("pilot-light", "context-store-replica-lag-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(lag.Region, Is.EqualTo("us-west-2"), "RDS publishes ReplicaLag in the replica's region");
            Assert.That((lag.Namespace, lag.MetricName, lag.Target), Is.EqualTo(("AWS/RDS", "ReplicaLag", AlarmTarget.RdsReplica)), "RDS replica lag metric");
            Assert.That(lag.Threshold, Is.EqualTo(720), "production RPO 15m x 0.8 = 720 s");
            Assert.That(lag.ComparisonOperator, Is.EqualTo("GreaterThanThreshold"), "lag above the threshold breaches");
            Assert.That(lag.EvaluationPeriods, Is.EqualTo(3), "an RPO over 5m waits three minutes");
            Assert.That(lag.TreatMissingData, Is.EqualTo("breaching"), "a replica that stops reporting cannot be trusted");
            Assert.That(lag.Severity, Is.EqualTo(AlarmSeverity.High), "production tier alarms are high");
        });
    }

    [Test]
    public void PilotLight_GlobalDatastoreLagWatchesEveryMemberNodeOfTheSecondary()
    {
        var lag = One("pilot-light", "session-cache-global-lag-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(lag.MetricName, Is.EqualTo("GlobalDatastoreReplicationLag"), "ElastiCache Global Datastore lag");
            Assert.That(lag.MemberSuffixes, Is.EqualTo(new[] { "-001", "-002" }), "one primary plus one replica, cluster mode off");
            Assert.That(lag.Threshold, Is.EqualTo(2880), "standard RPO 1h x 0.8 = 2880 s");
            Assert.That(lag.Severity, Is.EqualTo(AlarmSeverity.Medium), "standard tier alarms are medium");
        });
    }

    [Test]
    public void MemberSuffixes_ClusterModeNamesShardAndNode()
    {
        var r = new RedisSettings("cache.r7g.large", "7.1", 2, 1, true, true, 1, Core.Model.NetworkPlacement.Default);
        Assert.That(AlarmPlanner.MemberSuffixes(r), Is.EqualTo(new[] { "-0001-001", "-0001-002", "-0002-001", "-0002-002" }), "ElastiCache node ids per shard");
    }

    [Test]
    public void PilotLight_ReplicatedBucketsAlarmOnLatencyAndFailuresPerRule()
    {
        var alarms = Alarms("pilot-light").Where(a => a.Target == AlarmTarget.S3ReplicationRule && a.Component == "model-artifacts").ToList();
        var latency = alarms.Single(a => a.MetricName == "ReplicationLatency");
        var failed = alarms.Single(a => a.MetricName == "OperationsFailedReplication");
        Assert.Multiple(() =>
        {
            Assert.That(latency.Region, Is.EqualTo("us-west-2"), "S3 publishes replication metrics in the destination region");
            Assert.That(latency.Threshold, Is.EqualTo(2880), "model artifacts RPO 1h x 0.8");
            Assert.That(latency.RuleId, Is.EqualTo("drkit-model-artifacts-1"), "the rule the bucket declares for its first recovery region");
            Assert.That((failed.Statistic, failed.Threshold, failed.ComparisonOperator), Is.EqualTo(("Sum", 0.0, "GreaterThanThreshold")), "any failed replication alarms");
            Assert.That(latency.TreatMissingData, Is.EqualTo("notBreaching"), "no replication activity publishes no latency");
        });
    }

    [Test]
    public void PilotLight_HealthCheckAlarmsLiveInUsEast1ForBothRegions()
    {
        var checks = Alarms("pilot-light").Where(a => a.Target == AlarmTarget.HealthCheck).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(checks.Select(c => c.Subject), Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "one per endpoint region");
            Assert.That(checks.Select(c => c.Region).Distinct(), Is.EqualTo(new[] { AlarmPlanner.Route53MetricsRegion }), "Route 53 metrics exist only in us-east-1");
            Assert.That(checks, Has.All.Matches<AlarmSpec>(c => c.MetricName == "HealthCheckStatus" && c.ComparisonOperator == "LessThanThreshold" && c.Threshold == 1), "status below 1 is unhealthy");
        });
    }

    [Test]
    public void PilotLight_ReservationAlarmNeedsTheWholeReservedCountAvailable()
    {
        var reservation = One("pilot-light", "gpu-reservation-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That((reservation.Namespace, reservation.MetricName), Is.EqualTo(("AWS/EC2CapacityReservations", "AvailableInstanceCount")), "reservation metric");
            Assert.That(reservation.Threshold, Is.EqualTo(2), "pilot light reserves 2 and runs none: both must stay available");
            Assert.That(reservation.TreatMissingData, Is.EqualTo("breaching"), "an expired or cancelled reservation stops reporting");
        });
    }

    [Test]
    public void Primary_SingleRegionStackDeclaresNoCrossRegionAlarms()
    {
        var alarms = Alarms("primary");
        Assert.That(alarms.Where(a => a.Target is AlarmTarget.RdsReplica or AlarmTarget.GlobalDatastoreMembers or AlarmTarget.S3ReplicationRule), Is.Empty,
            "nothing replicates, so there is no lag to watch");
    }

    [Test]
    public void AlarmKeys_AreUniquePerStack([Values("primary", "pilot-light", "active-active")] string stack)
    {
        var keys = Alarms(stack).Select(a => a.Key).ToList();
        Assert.That(keys, Is.Unique, "keys name resources and alarms");
    }

    [TestCase(Tier.Critical, AlarmSeverity.Critical)]
    [TestCase(Tier.Production, AlarmSeverity.High)]
    [TestCase(Tier.Standard, AlarmSeverity.Medium)]
    [TestCase(Tier.Basic, AlarmSeverity.Medium)]
    public void SeverityOf_FollowsTheSeedTiers(Tier tier, AlarmSeverity expected) =>
        Assert.That(AlarmPlanner.SeverityOf(tier), Is.EqualTo(expected), "seed alert levels by tier");

    [Test]
    public void CriticalRpo_AlarmsAfterOneMinute()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AlarmPlanner.LagThresholdSeconds(TimeSpan.FromMinutes(1)), Is.EqualTo(48), "1m RPO x 0.8");
            Assert.That(AlarmPlanner.EvaluationPeriods(TimeSpan.FromMinutes(1)), Is.EqualTo(1), "no time to wait with a 1m RPO");
        });
    }

    [Test]
    public void ActiveActive_SelfManagedPostgresHasNoRdsLagAlarm()
    {
        Assert.That(Alarms("active-active").Where(a => a.Target == AlarmTarget.RdsReplica), Is.Empty, "only RDS publishes ReplicaLag; a self-managed standby has no such metric");
    }
}
