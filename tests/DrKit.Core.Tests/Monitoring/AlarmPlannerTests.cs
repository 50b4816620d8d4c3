using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;
using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Monitoring;

public sealed class AlarmPlannerTests
{
    private static IReadOnlyList<AlarmSpec> Alarms(string stack) => AlarmPlanner.Decide(Planner.PlanFile(RepoPaths.Stack(stack)));

    private static AlarmSpec One(string stack, string key) =>
        Alarms(stack).SingleOrDefault(a => a.Key == key) ?? throw new AssertionException($"{stack}: no alarm {key}; have {string.Join(", ", Alarms(stack).Select(a => a.Key))}");

    private static DrPlan PilotLight => Planner.PlanFile(RepoPaths.Stack("pilot-light"));

    /// <summary>The pilot-light alarms once operations set <paramref name="ops"/> (drkit-ops keys without the namespace).</summary>
    private static IReadOnlyList<AlarmSpec> After(params (string Key, string Value)[] ops)
    {
        var plan = PilotLight;
        var state = OperationsConfig.FromRaw("test", ops.ToDictionary(o => OperationsKeys.Full(o.Key), o => o.Value), plan);
        return AlarmPlanner.Decide(plan, state);
    }

    [Test]
    public void PilotLight_ReplicaLagAlarmsAtEightyPercentOfTheRpoInTheReplicaRegion()
    {
        var lag = One("pilot-light", "context-store-replica-lag-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(lag.Region, Is.EqualTo("us-west-2"), "RDS publishes ReplicaLag in the replica's region");
            Assert.That((lag.Namespace, lag.MetricName, lag.Target), Is.EqualTo(("AWS/RDS", "ReplicaLag", AlarmTarget.RdsReplica)), "RDS replica lag metric");
            Assert.That(lag.Threshold, Is.EqualTo(660), "RPO 15m: min(0.8 x 900 s, 900 s - 3 min window - 1 min delay) = 660 s");
            Assert.That(lag.ComparisonOperator, Is.EqualTo("GreaterThanThreshold"), "lag above the threshold breaches");
            Assert.That(lag.EvaluationPeriods, Is.EqualTo(3), "an RPO over 5m waits three minutes");
            Assert.That(lag.TreatMissingData, Is.EqualTo("breaching"), "a replica that stops reporting cannot be trusted");
            Assert.That(lag.Severity, Is.EqualTo(AlarmSeverity.Critical), "production tier, but its failover decision is due within 14m30s, less than high's hour");
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
            Assert.That(lag.Severity, Is.EqualTo(AlarmPlanner.Urgency(Tier.Standard, AlarmPlanner.DecisionDeadline(PilotLight.Components.Single(c => c.Name == "session-cache")))),
                "standard tier, raised to fit its decision deadline");
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
            Assert.That(latency.TreatMissingData, Is.EqualTo("breaching"), "latency is published even without replication; it stops when the destination or rule is gone");
            Assert.That((failed.Region, failed.Subject), Is.EqualTo(("us-east-1", "us-west-2")), "S3 publishes OperationsFailedReplication in the source bucket's region");
            Assert.That(failed.TreatMissingData, Is.EqualTo("notBreaching"), "failures are published only when replication occurs");
        });
    }

    [Test]
    public void PilotLight_HealthCheckAlarmsLiveInUsEast1AndSkipTheIdleRecoveryRegion()
    {
        var checks = Alarms("pilot-light").Where(a => a.Target == AlarmTarget.HealthCheck).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(checks.Select(c => c.Subject), Is.EquivalentTo(new[] { "us-east-1" }), "pilot light runs nothing in us-west-2 before a failover: its endpoint is unhealthy by design");
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
            Assert.That(AlarmPlanner.LagThresholdSeconds(TimeSpan.FromMinutes(1)), Is.EqualTo(AlarmPlanner.MinimumLagThresholdSeconds), "1m RPO: the floor");
            Assert.That(AlarmPlanner.EvaluationPeriods(TimeSpan.FromMinutes(1)), Is.EqualTo(1), "no time to wait with a 1m RPO");
            Assert.That(AlarmPlanner.DetectsBeforeRpo(TimeSpan.FromMinutes(1)), Is.False, "30 s + 1 min window + 1 min delay is past a 1m RPO: the alarm says so");
        });
    }

    [Test]
    public void ActiveActive_SelfManagedPostgresHasNoRdsLagAlarm()
    {
        Assert.That(Alarms("active-active").Where(a => a.Target == AlarmTarget.RdsReplica), Is.Empty, "only RDS publishes ReplicaLag; a self-managed standby has no such metric");
    }

    [TestCase(5)]
    [TestCase(10)]
    [TestCase(15)]
    [TestCase(60)]
    [TestCase(240)]
    public void LagThreshold_FiresByTheRpoAndNeverAboveEightyPercent(int rpoMinutes)
    {
        var rpo = TimeSpan.FromMinutes(rpoMinutes);
        var threshold = AlarmPlanner.LagThresholdSeconds(rpo);
        var window = AlarmPlanner.EvaluationPeriods(rpo) * AlarmPlanner.MinutePeriod;
        Assert.Multiple(() =>
        {
            Assert.That(threshold + window + AlarmPlanner.MetricDelay.TotalSeconds, Is.LessThanOrEqualTo(rpo.TotalSeconds), "a stalled replica's alarm is seen by the RPO");
            Assert.That(threshold, Is.LessThanOrEqualTo(rpo.TotalSeconds * 0.8), "never later than the plan's at-risk point");
            Assert.That(AlarmPlanner.DetectsBeforeRpo(rpo), Is.True, "the description may promise it");
        });
    }

    [Test]
    public void PromotedReplica_GetsNoLagAlarm()
    {
        var alarms = After(("promote.context-store", "true"));
        Assert.That(alarms.Where(a => a.Component == "context-store" && a.Target == AlarmTarget.RdsReplica), Is.Empty,
            "a promoted replica is a standalone writer: it publishes no ReplicaLag, and a breaching alarm on it would fire for good");
    }

    [Test]
    public void GlobalDatastoreWriterMoved_WatchesTheOldPrimaryAsSecondary()
    {
        var lag = After(("writerRegion.session-cache", "us-west-2")).Where(a => a.Target == AlarmTarget.GlobalDatastoreMembers).ToList();
        Assert.That(lag.Select(a => a.Region), Is.EqualTo(new[] { "us-east-1" }),
            "the new primary in us-west-2 stops publishing GlobalDatastoreReplicationLag; the old primary, now secondary, publishes it in us-east-1");
    }

    [Test]
    public void RecoveryScaledIntoTheReservation_WatchesItsSizeAndItsHealth()
    {
        var alarms = After(("recovery.running", "2"));
        var reservation = alarms.Single(a => a.Key == "gpu-reservation-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That((reservation.MetricName, reservation.Threshold), Is.EqualTo(("TotalInstanceCount", 2.0)),
                "with 2 running in a reservation of 2 nothing is available by design: watch that the reservation still holds 2");
            Assert.That(alarms.Where(a => a.Target == AlarmTarget.HealthCheck).Select(a => a.Subject), Does.Contain("us-west-2"), "the recovery region serves now: its health matters");
        });
    }

    [Test]
    public void ClusterModeGroupOfTwelveNodes_SplitsIntoAlarmsOfAtMostTenMetrics()
    {
        var plan = PilotLight;
        var cache = plan.Components.Single(c => c.Name == "session-cache");
        var big = plan with { Components = [.. plan.Components.Select(c => c == cache ? c with { Settings = ((RedisSettings)c.Settings) with { Shards = 4, ReplicasPerShard = 2 } } : c)] };
        var lag = AlarmPlanner.Decide(big).Where(a => a.Target == AlarmTarget.GlobalDatastoreMembers).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lag.Select(a => a.MemberSuffixes.Count), Is.EqualTo(new[] { 10, 2 }), "PutMetricAlarm takes at most 10 metrics");
            Assert.That(lag.SelectMany(a => a.MemberSuffixes), Is.EquivalentTo(AlarmPlanner.MemberSuffixes(((RedisSettings)cache.Settings) with { Shards = 4, ReplicasPerShard = 2 })), "every node is still watched");
            Assert.That(lag.Select(a => a.Key), Is.Unique, "each part is its own alarm");
        });
    }

    [Test]
    public void PilotLight_OutageCanaryLivesInTheRecoveryRegionAndPages()
    {
        var canary = AlarmPlanner.Canaries(PilotLight).Single(c => c.ProbedRegion == "us-east-1");
        var alarm = One("pilot-light", canary.Key);
        Assert.Multiple(() =>
        {
            Assert.That(canary.Region, Is.EqualTo("us-west-2"), "watches the primary from the recovery region, which survives its outage");
            Assert.That(canary.Url, Does.StartWith("https://").And.EndWith(PilotLight.Traffic.HealthCheckPath), "the primary endpoint's health path");
            Assert.That(canary.Host, Is.EqualTo(PilotLight.Traffic.Domain), "presents the public name users reach");
            Assert.That((alarm.Namespace, alarm.MetricName, alarm.Region), Is.EqualTo(("CloudWatchSynthetics", "SuccessPercent", "us-west-2")), "alarm and topic in the canary's region");
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Critical), "the tightest failover decision is due in 14m30s: only a page is answered in time");
            Assert.That(alarm.EvaluationPeriods, Is.EqualTo(AlarmPlanner.CanaryFailedRuns), "two one-minute runs: one failed run is filtered");
            Assert.That(canary.Name("pilot-light").Length, Is.LessThanOrEqualTo(OutageCanary.NameMax), "canary names are short");
        });
    }

    [Test]
    public void PilotLight_RecoveryRegionHasACanaryFromDayOneThatNeverPagesBeforeFailover()
    {
        var canary = AlarmPlanner.Canaries(PilotLight).Single(c => c.ProbedRegion == "us-west-2");
        var alarm = One("pilot-light", canary.Key);
        Assert.Multiple(() =>
        {
            Assert.That(canary.Region, Is.EqualTo("us-east-1"), "homed in the primary before anything failed: nothing has to be created there once it has");
            Assert.That(canary.ExpectedUntilFailover, Is.True, "a pilot-light endpoint answers nothing before a failover");
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.High), "in ALARM by design until the failover, so it must not page; production tier's severity");
            Assert.That(alarm.Description, Does.Contain("Expected until failover"), "the alarm says why it fires");
        });
    }

    [Test]
    public void AfterFailover_NoCanaryAlarmOrTopicIsCreatedOrChangedInTheFailedPrimary()
    {
        var plan = PilotLight;
        var before = AlarmPlanner.Decide(plan);
        var after = After(("traffic.activeRegion", "us-west-2"), ("promote.context-store", "true"), ("recovery.running", "2"));
        Assert.Multiple(() =>
        {
            Assert.That(after.Where(a => a.Region == "us-east-1" && a.Target == AlarmTarget.Canary), Is.EquivalentTo(before.Where(a => a.Region == "us-east-1" && a.Target == AlarmTarget.Canary)),
                "the canary alarms homed in us-east-1 are the same before and after: nothing to create or update in the failed region");
            Assert.That(after.Where(a => a.Target == AlarmTarget.Canary).Select(a => (a.Key, a.Region)), Is.EquivalentTo(before.Where(a => a.Target == AlarmTarget.Canary).Select(a => (a.Key, a.Region))),
                "the canaries, including the one watching the failed primary, stay where they were");
            Assert.That(after.Select(a => a.Region).Distinct(), Is.SubsetOf(AlarmPlanner.TopicRegions(plan)), "every alarm after the failover finds a topic that existed before it");
        });
    }

    [Test]
    public void MonitoringRegion_HomesEveryCanaryOutsideTheStack()
    {
        var plan = PilotLight with { MonitoringRegion = "eu-west-1" };
        var canaries = AlarmPlanner.Canaries(plan);
        Assert.Multiple(() =>
        {
            Assert.That(canaries.Select(c => (c.ProbedRegion, c.Region)), Is.EquivalentTo(new[] { ("us-east-1", "eu-west-1"), ("us-west-2", "eu-west-1") }), "each endpoint region watched from the monitoring region");
            Assert.That(AlarmPlanner.TopicRegions(plan), Does.Contain("eu-west-1"), "their alarms' topics live there too");
            Assert.That(AlarmPlanner.Decide(plan).Where(a => a.Target == AlarmTarget.Canary).Select(a => a.Region), Has.All.EqualTo("eu-west-1"), "and so do their alarms");
        });
    }

    [Test]
    public void TopicRegions_AreTheStacksRegionsAndRoute53sWhateverTheAlarms()
    {
        var plan = PilotLight;
        Assert.Multiple(() =>
        {
            Assert.That(AlarmPlanner.TopicRegions(plan), Is.EqualTo(new[] { "us-east-1", "us-west-2" }), "every stack region (us-east-1 also for Route 53)");
            Assert.That(AlarmPlanner.Severities, Is.EquivalentTo(Enum.GetValues<AlarmSeverity>()), "a topic per severity in each");
            Assert.That(AlarmPlanner.TopicRegions(PilotLight with { Components = [.. plan.Components.Where(c => c.Settings is not GpuSettings)] }), Is.EqualTo(AlarmPlanner.TopicRegions(plan)),
                "the regions do not depend on which alarms exist");
        });
    }

    [Test]
    public void OutageDetection_UsEast1PrimaryCountsTheCanaryNotRoute53()
    {
        var plan = PilotLight;
        var home = AlarmPlanner.CanaryHome(plan.PrimaryRegion, plan.PrimaryRegion, plan.RecoveryRegions, plan.MonitoringRegion);
        var detection = AlarmPlanner.OutageDetection(plan.PrimaryRegion, home, plan.Traffic);
        var elsewhere = AlarmPlanner.OutageDetection("eu-west-1", home, plan.Traffic);
        Assert.Multiple(() =>
        {
            Assert.That(home, Is.EqualTo(AlarmPlanner.Canaries(plan).Single(c => c.ProbedRegion == plan.PrimaryRegion).Region), "the home the estimate counts is the canary's own");
            Assert.That(detection.Typical, Is.EqualTo(TimeSpan.FromMinutes(3)), "Route 53's alarm dies with us-east-1: two one-minute canary runs + one minute of metric delay");
            Assert.That(detection.Worst, Is.EqualTo(TimeSpan.FromMinutes(4)), "an outage just after a passing run waits one run more");
            Assert.That(detection.ByCanary, Is.True, "the canary is the signal");
            Assert.That(detection.Why, Does.Contain("canary in us-west-2"), "the derivation says which signal it counts and where it lives");
            Assert.That(elsewhere.Typical, Is.EqualTo(plan.Traffic.Detection), "with Route 53's metrics outside the primary, its check detects first");
            Assert.That(elsewhere.Worst, Is.EqualTo(plan.Traffic.Detection + TimeSpan.FromSeconds(plan.Traffic.HealthCheckIntervalSeconds)), "one check interval more at worst");
            Assert.That(elsewhere.ByCanary, Is.False, "Route 53 is the signal there");
        });
    }

    [Test]
    public void OutageDetection_NoCanaryWatchingThePrimaryKeepsRoute53()
    {
        var plan = PilotLight;
        var detection = AlarmPlanner.OutageDetection(plan.PrimaryRegion, canaryHome: null, plan.Traffic);
        Assert.Multiple(() =>
        {
            Assert.That(AlarmPlanner.CanaryHome("us-east-1", "us-east-1", [], null), Is.Null, "a single-region stack without a monitoring region has no canary");
            Assert.That(AlarmPlanner.CanaryHome("us-east-1", "us-east-1", [], "eu-west-1"), Is.EqualTo("eu-west-1"), "a monitoring region homes it");
            Assert.That(detection.ByCanary, Is.False, "no canary to count");
            Assert.That(detection.Typical, Is.EqualTo(plan.Traffic.Detection), "Route 53's figure stays");
        });
    }

    [Test]
    public void OutageDetection_SlowRoute53ChecksStayTheSlowerEnd()
    {
        var traffic = PilotLight.Traffic with { HealthCheckIntervalSeconds = 30, FailureThreshold = 10 };
        var detection = AlarmPlanner.OutageDetection("us-east-1", "us-west-2", traffic);
        Assert.Multiple(() =>
        {
            Assert.That(detection.Typical, Is.EqualTo(TimeSpan.FromMinutes(5)), "max(Route 53's 30s x 10, the canary's 3m)");
            Assert.That(detection.Worst, Is.EqualTo(TimeSpan.FromSeconds(330)), "max(5m + 30s, 4m)");
        });
    }

    [Test]
    public void Freshness_PromotedComponentDropsTheFailedPrimarysReplicatedBackups()
    {
        var before = AlarmPlanner.Probes(PilotLight);
        var after = After(("promote.context-store", "true")).Select(a => a.Key).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(before.SelectMany(p => p.Sources).Select(s => s.Component), Does.Contain("context-store"), "before, its replicated backups are probed");
            Assert.That(after, Does.Not.Contain("context-store-backup-age-us-west-2"), "after the promotion they stop advancing by design: no alarm pages for it");
            Assert.That(after, Does.Contain("gpu-reservation-expiry-us-west-2"), "the other sources stay");
        });
    }

    [TestCase(Tier.Production, 14.5, AlarmSeverity.Critical)]
    [TestCase(Tier.Production, 90, AlarmSeverity.High)]
    [TestCase(Tier.Standard, 90, AlarmSeverity.High)]
    [TestCase(Tier.Standard, 300, AlarmSeverity.Medium)]
    [TestCase(Tier.Critical, 300, AlarmSeverity.Critical)]
    public void Urgency_RaisesTheTierUntilTheResponseFitsTheDeadline(Tier tier, double deadlineMinutes, AlarmSeverity expected) =>
        Assert.That(AlarmPlanner.Urgency(tier, TimeSpan.FromMinutes(deadlineMinutes)), Is.EqualTo(expected), "response time must not exceed the decision deadline");

    [Test]
    public void CanaryName_LongStackIsShortenedStably()
    {
        var canary = new OutageCanary("api-canary-us-east-1", "api", "us-west-2", "us-east-1", "https://x/healthz", null, 2, false);
        var name = canary.Name("a-very-long-production-stack-name");
        Assert.Multiple(() =>
        {
            Assert.That(name.Length, Is.LessThanOrEqualTo(OutageCanary.NameMax), "within the limit");
            Assert.That(name, Does.Match("^[0-9a-z_-]+$"), "Synthetics accepts lower-case letters, digits, '-' and '_'");
            Assert.That(canary.Name("a-very-long-production-stack-name"), Is.EqualTo(name), "stable across runs");
            Assert.That(canary.Name("a-very-long-production-stack-nam2"), Is.Not.EqualTo(name), "two long stacks do not collide");
        });
    }
}
