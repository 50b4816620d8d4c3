using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Readiness;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests;

public sealed class LiveReadinessReaderTests
{
    private const string Reservation = "cr-0123456789abcdef0";
    private const string HealthCheck = "hc-usw2";
    private const string HighTopic = "arn:aws:sns:us-east-1:123456789012:alarms-us-east-1-high";
    private const string CriticalTopic = "arn:aws:sns:us-west-2:123456789012:alarms-us-west-2-critical";
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private const string PrimaryCanary = "pilot-light-us-east-1";
    private const string RecoveryCanary = "pilot-light-us-west-2";

    private static DrPlan Plan => Planner.PlanFile(RepoPaths.Stack("pilot-light"));

    private static IStackGateway Gateway(bool withIds = true)
    {
        var outputs = PilotLightProgram.Outputs(new Dictionary<string, string>(), replicaLagSeconds: null);
        if (withIds)
        {
            outputs["capacityReservationIds"] = $"{{\"gpu\":{{\"us-west-2\":\"{Reservation}\"}}}}";
            outputs["healthCheckIds"] = $"{{\"us-east-1\":\"hc-use1\",\"us-west-2\":\"{HealthCheck}\"}}";
            outputs["alarmTopicArns"] = $"{{\"us-east-1/high\":\"{HighTopic}\",\"us-west-2/critical\":\"{CriticalTopic}\",\"us-west-2/medium\":\"arn:aws:sns:us-west-2:1:m\"}}";
            outputs["canaryNames"] = $"{{\"api-canary-us-east-1\":\"{PrimaryCanary}\",\"api-canary-us-west-2\":\"{RecoveryCanary}\"}}";
        }

        var gateway = new Mock<IStackGateway>(MockBehavior.Strict);
        gateway.Setup(g => g.SelectStackAsync("pilot-light", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        gateway.Setup(g => g.GetOutputsAsync("pilot-light", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StackOutputs(outputs.ToDictionary(p => p.Key, p => new StackOutput(p.Value, false))));
        return gateway.Object;
    }

    private static FakeAws Aws()
    {
        var aws = new FakeAws().WithRecoveryLag(Now, 3);
        aws.Reservations[Reservation] = ("active", 2);
        aws.Datapoints[HealthCheck] = [(Now.AddMinutes(-1), 1)];
        aws.RestorableTime = Now.AddMinutes(-6);
        aws.CanaryStates[(PrimaryCanary, "us-west-2")] = "RUNNING";
        aws.CanaryStates[(RecoveryCanary, "us-east-1")] = "RUNNING";
        aws.Datapoints[PrimaryCanary] = [(Now.AddMinutes(-1), 100)];
        aws.Datapoints[RecoveryCanary] = [(Now.AddMinutes(-1), 0)];
        foreach (var source in Core.Monitoring.AlarmPlanner.Probes(Plan, Core.Operations.OperationsState.None).SelectMany(p => p.Sources))
        {
            aws.Datapoints[$"pilot-light|{source.Component}"] = [(Now.AddMinutes(-3), 600)];
        }

        return aws;
    }

    private static Task<LiveReadings> Read(FakeAws aws, bool withIds = true)
    {
        var clock = new ManualTimeProvider(Now);
        return new LiveReadinessReader(Gateway(withIds), aws.Lag(clock), clock) { Roles = aws.Switch(clock) }.ReadAsync(Plan, CancellationToken.None);
    }

    private static ReadinessReport Score(LiveReadings live) => ReadinessScorer.Score(Plan, [], new DrillSummary(true, "h", (Now, true), Now, []), Now, live);

    /// <summary>The recovery region serves: both reserved instances run in the reservation.</summary>
    private static FakeAws Serving()
    {
        var aws = Aws();
        aws.Reservations[Reservation] = ("active", 0);
        return aws;
    }

    [Test]
    public async Task HealthyPilotLight_ReadsEveryPartFromTheRecoveryRegionAndUsEast1()
    {
        var aws = Aws();
        var live = await Read(aws);
        var report = ReadinessScorer.Score(Plan, [], new DrillSummary(true, "h", (Now, true), Now, []), Now, live);
        Assert.Multiple(() =>
        {
            Assert.That(live.Lag.Select(l => (l.Component, l.Lag)), Is.EquivalentTo(new[] { ("context-store", (TimeSpan?)TimeSpan.FromSeconds(3)), ("session-cache", TimeSpan.FromSeconds(3)) }), "lag of both data tiers from CloudWatch");
            Assert.That(live.Capacity.Single().Available, Is.EqualTo(2), "the active reservation's available count");
            Assert.That(live.Health, Is.Empty, "pilot light serves nothing in us-west-2 before a failover: its endpoint is unhealthy by design");
            Assert.That(live.Notes, Has.Some.Contains("not scored"), "and the report says so");
            Assert.That(live.Backups.Single().Age, Is.EqualTo(TimeSpan.FromMinutes(6)), "restorable six minutes ago");
            Assert.That(aws.Calls.Select(c => c[^3]).Distinct(), Is.EquivalentTo(new[] { "us-west-2", "us-east-1" }).Or.EquivalentTo(new[] { "us-west-2" }), "only the recovery region and us-east-1");
            Assert.That(report.Deductions.Where(d => d.Category is ReadinessScorer.Lag or ReadinessScorer.Capacity or ReadinessScorer.Health or ReadinessScorer.Backup), Is.Empty, "nothing live deducts");
        });
    }

    [Test]
    public async Task HealthCheckStatus_IsReadInUsEast1WhereRoute53PublishesItWithMinimum()
    {
        var aws = Serving();
        await Read(aws);
        var call = aws.Calls.Single(c => c.Contains("AWS/Route53"));
        Assert.Multiple(() =>
        {
            Assert.That(call[call.ToList().IndexOf("--region") + 1], Is.EqualTo("us-east-1"), "Route 53 metrics exist only in us-east-1");
            Assert.That(call[call.ToList().IndexOf("--statistics") + 1], Is.EqualTo("Minimum"), "one failed check in the minute counts, as for the alarm");
        });
    }

    [Test]
    public async Task FlappingHealthCheck_IsUnhealthy()
    {
        var aws = Serving();
        aws.Minimums[HealthCheck] = 0;
        var live = await Read(aws);
        Assert.That(live.Health.Single().Healthy, Is.False, "Maximum 1 but Minimum 0: a check failed within the minute, which the alarm treats as unhealthy");
    }

    [Test]
    public async Task UsEast1Down_HealthIsUnknownAndTheScoreStillComes()
    {
        var aws = Serving();
        aws.FailedRegion = "us-east-1";
        var live = await Read(aws);
        var report = Score(live);
        Assert.Multiple(() =>
        {
            Assert.That(live.Health.Single().Healthy, Is.Null, "Route 53 metrics live in the failed region: unknown, not an abort");
            Assert.That(live.Health.Single().Source, Does.Contain("us-east-1"), "the error is the reason");
            Assert.That(report.Deductions.Single(d => d.Category == ReadinessScorer.Health).Points, Is.EqualTo(10), "unknown health costs 10");
            Assert.That(live.Lag.Select(l => l.Lag), Has.All.Not.Null, "the recovery-region reads still come through");
        });
    }

    [Test]
    public async Task FailedCall_BecomesAnUnknownWithItsError()
    {
        var aws = Aws();
        aws.CloudWatchError = "An error occurred (Throttling) when calling the GetMetricStatistics operation: Rate exceeded";
        var live = await Read(aws);
        Assert.Multiple(() =>
        {
            Assert.That(live.Lag.Select(l => l.Lag), Has.All.Null, "no datapoint could be read");
            Assert.That(live.Lag.Select(l => l.Source), Has.All.Contains("Throttling"), "each unknown carries the error");
            Assert.That(live.Capacity.Single().Available, Is.EqualTo(2), "other reads are not lost");
        });
    }

    [Test]
    public async Task AfterFailover_ReadsTheStateTheFailoverLeft()
    {
        var aws = Serving();
        aws.Instances[FakeAws.RecoveryInstance] = aws.Instances[FakeAws.RecoveryInstance] with { Source = null };
        aws.Members[PilotLightProgram.Primary] = (FakeAws.PrimaryGroup, "SECONDARY");
        aws.Members[PilotLightProgram.Recovery] = (FakeAws.RecoveryGroup, "PRIMARY");
        foreach (var member in aws.MemberClusters[FakeAws.PrimaryGroup])
        {
            aws.Datapoints[member] = [(Now.AddMinutes(-1), 4)];
        }

        var live = await Read(aws);
        var report = Score(live);
        Assert.Multiple(() =>
        {
            Assert.That(live.Lag.Select(l => (l.Component, l.Region, l.Lag)), Is.EqualTo(new[] { ("session-cache", "us-east-1", (TimeSpan?)TimeSpan.FromSeconds(4)) }),
                "the promoted RDS writer has no lag; the Global Datastore's secondary is now the old primary, whose lag CloudWatch publishes in us-east-1");
            Assert.That(live.Notes, Has.Some.Contains("context-store").And.Contains("writer"), "the missing lag is explained, not deducted");
            Assert.That(live.Capacity.Single().Available, Is.EqualTo(2), "the two instances running in the reservation are the service's own");
            Assert.That(report.Deductions.Where(d => d.Category is ReadinessScorer.Lag or ReadinessScorer.Capacity), Is.Empty, "a successful failover is not scored as broken");
        });
    }

    [Test]
    public async Task ExpiredReservationAndOldBackup_AreDeducted()
    {
        var aws = Aws();
        aws.Reservations[Reservation] = ("expired", 2);
        aws.RestorableTime = Now.AddHours(-3);
        var live = await Read(aws);
        Assert.That(Score(live).Deductions.Where(d => d.Points > 0).Select(d => (d.Category, d.Points)),
            Is.SupersetOf(new[] { (ReadinessScorer.Capacity, 25), (ReadinessScorer.Backup, 20) }),
            "an expired reservation holds nothing, a 3h-old backup misses the 15m RPO");
    }

    [Test]
    public async Task ServingRecoveryRegionUnhealthy_IsDeducted()
    {
        var aws = Serving();
        aws.Datapoints[HealthCheck] = [(Now.AddMinutes(-1), 0)];
        var live = await Read(aws);
        Assert.That(Score(live).Deductions.Single(d => d.Category == ReadinessScorer.Health).Points, Is.EqualTo(25), "instances serve there and Route 53 finds the endpoint unhealthy");
    }

    [Test]
    public async Task StackWithoutIds_ReportsUnknownsInsteadOfGuessing()
    {
        var aws = Aws();
        var live = await Read(aws, withIds: false);
        Assert.Multiple(() =>
        {
            Assert.That(live.Capacity.Single().Available, Is.Null, "no reservation id exported: unknown");
            Assert.That(live.Capacity.Single().Source, Does.Contain("capacityReservationIds"), "says which output is missing");
            Assert.That(live.Health, Is.Empty, "nothing is known to serve in the pilot-light region: its health is not scored");
            Assert.That(aws.Calls.Where(c => c[0] == "ec2"), Is.Empty, "nothing asked about an unknown reservation");
        });
    }

    [Test]
    public void Describe_NamesEveryCallWithItsRegion()
    {
        var lines = LiveReadinessReader.Describe(Plan);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Contains("aws ec2 describe-capacity-reservations").And.Contains("--region us-west-2"), "reservation in the recovery region");
            Assert.That(lines, Has.Some.Contains("HealthCheckStatus").And.Contains("--region us-east-1"), "health in us-east-1");
            Assert.That(lines, Has.Some.Contains("describe-db-instance-automated-backups").And.Contains("--region us-west-2").And.Not.Contains("--db-instance-identifier"),
                "replicated backups in the recovery region, matched by their source identifier (the filter needs an existing instance there)");
        });
    }

    [Test]
    public async Task AlarmTopicsWithoutAConfirmedSubscription_AreDeducted()
    {
        var aws = Aws();
        aws.Subscriptions[HighTopic] = ["arn:aws:sns:us-east-1:123456789012:alarms-us-east-1-high:5f1c"];
        aws.Subscriptions[CriticalTopic] = ["PendingConfirmation"];
        var live = await Read(aws);
        var alerting = Score(live).Deductions.Where(d => d.Category == ReadinessScorer.Alerting).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(live.Alerts.Select(a => (a.Topic, a.Confirmed)), Is.EqualTo(new[] { ("us-east-1/high", (int?)1), ("us-west-2/critical", 0) }),
                "critical and high topics only; a pending subscription delivers nothing");
            Assert.That(alerting.Select(d => (d.Subject, d.Points)), Is.EqualTo(new[] { ("us-west-2/critical", 10) }), "the critical topic reaches nobody");
            Assert.That(aws.Calls.Where(c => c[0] == "sns").Select(c => c[c.ToList().IndexOf("--region") + 1]), Is.EqualTo(new[] { "us-east-1", "us-west-2" }), "each topic is read in its own region");
        });
    }

    [Test]
    public async Task Canaries_AreReadInTheirHomeRegionsNeverTheOneTheyWatch()
    {
        var aws = Aws();
        var live = await Read(aws);
        var report = Score(live);
        Assert.Multiple(() =>
        {
            Assert.That(live.Canaries.Select(c => (c.Canary, c.Region, c.State, c.SuccessPercent)), Is.EquivalentTo(new[]
            {
                ("api-canary-us-east-1", "us-west-2", (string?)"RUNNING", (double?)100),
                ("api-canary-us-west-2", "us-east-1", "RUNNING", 0),
            }), "state from Synthetics and SuccessPercent from CloudWatch, each in the canary's home region");
            Assert.That(aws.Calls.Where(c => c.Contains("get-canary")).Select(c => (c[c.ToList().IndexOf("--name") + 1], c[c.ToList().IndexOf("--region") + 1])),
                Is.EquivalentTo(new[] { (PrimaryCanary, "us-west-2"), (RecoveryCanary, "us-east-1") }), "the canary watching us-east-1 is read from us-west-2, so the read works in that outage");
            Assert.That(report.Deductions.Where(d => d.Category == ReadinessScorer.Canary), Is.Empty,
                "the pilot-light recovery canary fails by design until a failover, and the primary's passes");
        });
    }

    [Test]
    public async Task Canaries_StoppedOrFailingDeduct()
    {
        var aws = Aws();
        aws.CanaryStates[(RecoveryCanary, "us-east-1")] = "STOPPED";
        aws.Datapoints[PrimaryCanary] = [(Now.AddMinutes(-1), 0)];
        var report = Score(await Read(aws));
        Assert.That(report.Deductions.Where(d => d.Category == ReadinessScorer.Canary).Select(d => (d.Subject, d.Points)), Is.EquivalentTo(new[]
        {
            ("api-canary-us-east-1 (us-west-2 watching us-east-1)", 25),
            ("api-canary-us-west-2 (us-east-1 watching us-west-2)", 10),
        }), "the primary fails as seen from outside it (-25); a stopped canary is no outage signal (-10)");
    }

    [Test]
    public async Task Probes_FreshDatapointsScoreNothing_ReadByStackAndComponentInTheProbesRegion()
    {
        var aws = Aws();
        var live = await Read(aws);
        var calls = aws.Calls.Where(c => c.Contains("DrKit")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(live.Probes, Is.Not.Empty, "pilot-light's probes publish backup age and reservation expiry");
            Assert.That(live.Probes.Select(p => p.Age), Has.All.EqualTo((TimeSpan?)TimeSpan.FromMinutes(3)), "the newest datapoint of each source");
            Assert.That(calls, Has.All.Contains("Name=stack,Value=pilot-light"), "the probe publishes per stack...");
            Assert.That(calls.Select(c => c.Single(a => a.StartsWith("Name=component,", StringComparison.Ordinal))), Is.EquivalentTo(live.Probes.Select(p => $"Name=component,Value={p.Component}")),
                "...and component: CloudWatch matches only the exact dimension set");
            Assert.That(calls.Select(c => c[c.ToList().IndexOf("--region") + 1]), Has.All.EqualTo("us-west-2"), "where the probe runs and publishes");
            Assert.That(Score(live).Deductions.Where(d => d.Category == ReadinessScorer.Probe), Is.Empty, "a probe that reports costs nothing");
        });
    }

    [Test]
    public async Task Probes_StaleOrMissingDatapointDeductsWithTheReason()
    {
        var aws = Aws();
        aws.Datapoints["pilot-light|context-store"] = [(Now.AddMinutes(-15), 300)];
        aws.Datapoints.Remove("pilot-light|gpu");
        var deductions = Score(await Read(aws)).Deductions.Where(d => d.Category == ReadinessScorer.Probe).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(deductions.Select(d => (d.Subject, d.Points)), Is.EquivalentTo(new[] { ("context-store (us-west-2)", 10), ("gpu (us-west-2)", 10) }),
                "a probe silent for longer than two runs is not ready, like a probe that never reported");
            Assert.That(deductions.Single(d => d.Subject.StartsWith("context-store", StringComparison.Ordinal)).Why, Does.Contain("15m old, more than 10m"), "says how stale");
            Assert.That(deductions.Single(d => d.Subject.StartsWith("gpu", StringComparison.Ordinal)).Why, Does.Contain("no ReservationSecondsToExpiry datapoint"), "says nothing came");
        });
    }

    [Test]
    public async Task AlarmActions_AFailedPublishDeducts_QuietHistoryIsNoProof()
    {
        var aws = Aws();
        aws.AlarmActions["us-west-2"] =
        [
            ("drkit-pilot-light-api-canary-us-east-1", "Failed to execute action arn:aws:sns:us-west-2:123456789012:alarms-us-west-2-critical. Received error: KMS AccessDenied"),
            ("drkit-other-stack-x", "Failed to execute action arn:aws:sns:us-west-2:123456789012:other"),
        ];
        aws.AlarmActions["us-east-1"] = [("drkit-pilot-light-api-health-us-east-1", "Successfully executed action arn:aws:sns:us-east-1:123456789012:alarms-us-east-1-high")];
        var live = await Read(aws);
        var deductions = Score(live).Deductions.Where(d => d.Subject.StartsWith("alarm actions", StringComparison.Ordinal)).ToList();
        var calls = aws.Calls.Where(c => c.Contains("describe-alarm-history")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(live.AlarmActions.Select(a => (a.Region, a.Actions, a.Failed)), Is.EquivalentTo(new[] { ("us-east-1", (int?)1, (int?)0), ("us-west-2", 1, 1) }),
                "only this stack's alarms count, in each alarm region");
            Assert.That(deductions.Select(d => (d.Subject, d.Points)), Is.EqualTo(new[] { ("alarm actions us-west-2", 15) }), "CloudWatch could not publish there: its alarms reach nobody");
            Assert.That(deductions.Single().Why, Does.Contain("KMS AccessDenied").And.Contain("cloudwatch.amazonaws.com"), "the reason names the failure and where to look");
            Assert.That(calls.Select(c => c[c.ToList().IndexOf("--history-item-type") + 1]), Has.All.EqualTo("Action"), "actions only");
            Assert.That(calls.Select(c => c[c.ToList().IndexOf("--start-date") + 1]), Has.All.EqualTo("2029-12-31T12:00:00Z"), "the last day");
        });
    }

    [Test]
    public void LagMetric_SendsEveryDimensionAndRefusesAMissingValue()
    {
        var metric = LiveReadinessReader.ProbeMetric("BackupAgeSeconds");
        var arguments = metric.Arguments(["s", "c"], "us-west-2", "a", "b", TimeSpan.FromMinutes(1));
        Assert.Multiple(() =>
        {
            Assert.That(arguments.SkipWhile(a => a != "--dimensions").Skip(1).Take(2), Is.EqualTo(new[] { "Name=stack,Value=s", "Name=component,Value=c" }), "one Name=,Value= item per dimension");
            Assert.Throws<ArgumentException>(() => metric.Arguments(["s"], "us-west-2", "a", "b", TimeSpan.FromMinutes(1)), "a value short would ask for another series");
            Assert.That(LagMetric.RdsReplicaLag.Arguments("db", "r", "a", "b", TimeSpan.FromMinutes(1)), Does.Contain("Name=DBInstanceIdentifier,Value=db"), "one-dimension metrics are unchanged");
        });
    }

    [Test]
    public async Task Backups_AreJudgedAgainstTheAlarmsThreshold()
    {
        var live = await Read(Aws());
        var rds = (PostgresSettings)Plan.Components.Single(c => c.Name == "context-store").Settings;
        Assert.That(live.Backups.Single().Allowed, Is.EqualTo(Core.Monitoring.AlarmPlanner.BackupAgeThreshold(rds)), "one yardstick for the alarm and readiness, decided in the core");
    }

    [Test]
    public async Task MissingBackups_OnAPairRdsDoesNotReplicate_SayWhy()
    {
        var aws = Aws();
        aws.RestorableTime = null;
        aws.BackupReplicationSupported = false;
        var backup = (await Read(aws)).Backups.Single();
        Assert.That(backup.Age, Is.Null, "no replicated backup was found");
        Assert.That(backup.Source, Does.Contain("does not replicate automated backups from us-east-1 to us-west-2"),
            "RDS's answer for the pair tells 'never, for this pair' from 'not yet'");
        Assert.That(aws.Calls.Select(c => string.Join(' ', c)), Has.Some.StartsWith("rds describe-source-regions --region us-west-2 --region-name us-east-1"), "asked in the recovery region, about the primary");
    }

    [Test]
    public async Task MissingBackups_OnASupportedPair_AddNoPairText()
    {
        var aws = Aws();
        aws.RestorableTime = null;
        var backup = (await Read(aws)).Backups.Single();
        Assert.That(backup.Source, Does.Not.Contain("describe-source-regions"), "a supported pair is not blamed for missing backups");
    }
}
