using DrKit.Aws.Monitoring;
using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;
using Pulumi;
using Pulumi.Testing;

namespace DrKit.Aws.Tests;

public sealed class AlarmTests
{
    private static MockResourceArgs Alarm(StackRun run, string key) => run.Named(Types.MetricAlarm, $"alarms-{key}");

    private static IReadOnlyDictionary<string, object> Dimensions(MockResourceArgs alarm) =>
        (IReadOnlyDictionary<string, object>)alarm.Inputs["dimensions"];

    [Test]
    public async Task PilotLight_ReplicaLagAlarmWatchesTheReplicaThroughTheRecoveryProvider()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var alarm = Alarm(run, "context-store-replica-lag-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(alarm), Is.EqualTo("us-west-2"), "ReplicaLag is published in the replica's region");
            Assert.That(alarm.Inputs["namespace"], Is.EqualTo("AWS/RDS"), "RDS namespace");
            Assert.That(alarm.Inputs["metricName"], Is.EqualTo("ReplicaLag"), "RDS replica lag");
            Assert.That(Dimensions(alarm)["DBInstanceIdentifier"], Is.EqualTo("context-store-replica-us-west-2"), "the replica the stack declared");
            Assert.That(MechanismResourcesTests.Num(alarm.Inputs, "threshold"), Is.EqualTo(AlarmPlanner.LagThresholdSeconds(TimeSpan.FromMinutes(15))), "the core's threshold for the 15m RPO");
            Assert.That(alarm.Inputs["name"], Is.EqualTo("drkit-pilot-light-context-store-replica-lag-us-west-2"), "alarm names carry the stack");
            Assert.That(StackRun.Items(alarm.Inputs["alarmActions"]), Is.EqualTo(new[] { "arn:aws:sns:us-west-2:123456789012:alarms-us-west-2-critical" }), "notifies the critical topic in its own region: the failover decision is due within 14m30s");
            Assert.That(alarm.Inputs.ContainsKey("unit"), Is.False, "no unit: a unit mismatch would hide every datapoint");
        });
    }

    [Test]
    public async Task PilotLight_GlobalDatastoreLagTakesTheLargestMemberWithMetricMath()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var alarm = Alarm(run, "session-cache-global-lag-us-west-2");
        var queries = StackRun.Items(alarm.Inputs["metricQueries"]);
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(alarm), Is.EqualTo("us-west-2"), "the secondary's region");
            Assert.That(queries.Select(q => StackRun.At(q, "metric", "dimensions", "CacheClusterId")).Where(v => v is not null),
                Is.EqualTo(new[] { "session-cache-us-west-2-001", "session-cache-us-west-2-002" }), "every member node of the secondary group");
            Assert.That(queries.Select(q => StackRun.At(q, "expression")).OfType<string>(), Is.EqualTo(new[] { "MAX(METRICS())" }), "alarm on the largest lag");
            Assert.That(alarm.Inputs.ContainsKey("metricName"), Is.False, "metric math alarms name no single metric");
        });
    }

    [Test]
    public async Task PilotLight_S3ReplicationAlarmsNameTheRuleAndTheRuleHasMetricsOn()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var alarm = Alarm(run, "model-artifacts-replication-failed-us-west-2");
        var rule = StackRun.Items(run.Named(Types.Replication, "model-artifacts-replication").Inputs["rules"]).Single();
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(alarm), Is.EqualTo("us-east-1"), "S3 publishes OperationsFailedReplication in the source bucket's region");
            Assert.That(RecordingMocks.RegionOf(Alarm(run, "model-artifacts-replication-latency-us-west-2")), Is.EqualTo("us-west-2"), "and ReplicationLatency in the destination's");
            Assert.That(Dimensions(alarm)["SourceBucket"], Is.EqualTo("model-artifacts-us-east-1-bucket"), "source bucket");
            Assert.That(Dimensions(alarm)["DestinationBucket"], Is.EqualTo("model-artifacts-us-west-2-bucket"), "destination bucket");
            Assert.That(Dimensions(alarm)["RuleId"], Is.EqualTo(StackRun.At(rule, "id")), "the rule the bucket declares");
            Assert.That(StackRun.At(rule, "destination", "metrics", "status"), Is.EqualTo("Enabled"), "S3 publishes replication metrics only with metrics on");
        });
    }

    [Test]
    public async Task HealthCheckAlarms_LiveInUsEast1AndReservationAlarmsInTheirRegion()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var health = Alarm(run, "api-health-us-east-1");
        var reservation = Alarm(run, "gpu-reservation-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(health), Is.EqualTo("us-east-1"), "Route 53 metrics exist only in us-east-1");
            Assert.That(Dimensions(health)["HealthCheckId"], Is.EqualTo("hc-traffic-us-east-1"),
                "the recovery region's endpoint check, not the calculated gate its record follows: the gate is unhealthy while the standby's routing control is Off, so an alarm on it would always fire");
            Assert.That(RecordingMocks.RegionOf(reservation), Is.EqualTo("us-west-2"), "reservation metrics are regional");
            Assert.That(Dimensions(reservation)["CapacityReservationId"], Is.EqualTo("cr-gpu-us-west-2"), "the reservation the stack declared");
        });
    }

    [Test]
    public async Task EveryStack_DeclaresEachDecidedAlarmWithATopicPerRegionAndSeverity([Values("primary", "pilot-light", "active-active")] string stack)
    {
        var run = await StackRun.OfAsync(stack);
        var decided = AlarmPlanner.Decide(run.Plan);
        var canaries = AlarmPlanner.Canaries(run.Plan, Core.Operations.OperationsState.None);
        var topics = run.OfType(Types.Topic).Select(t => (RecordingMocks.RegionOf(t), t.Name)).ToList();
        var expected = decided.Select(a => (a.Region, $"alarms-{a.Region}-{DrAlarms.SeverityName(a.Severity)}")).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.MetricAlarm).Select(a => a.Name), Is.EquivalentTo(decided.Select(a => $"alarms-{a.Key}")), "one alarm per decision");
            Assert.That(topics, Is.EquivalentTo(expected), "one topic per region and severity, in that region");
            Assert.That(run.OfType(Types.MetricAlarm).Select(RecordingMocks.RegionOf), Has.None.Null, "every alarm names its regional provider");
            Assert.That(run.OfType(Types.Canary).Select(c => (RecordingMocks.RegionOf(c), c.Name)), Is.EquivalentTo(canaries.Select(c => (c.Region, $"alarms-{c.Key}"))),
                "one canary per decision, in its home region");
        });
    }

    [Test]
    [NonParallelizable]
    public async Task StackWithoutUsEast1_GetsAProviderThereForHealthCheckAlarms()
    {
        var mocks = new RecordingMocks();
        var spec = new AlarmSpec("api-health-eu-west-1", "api", Tier.Production, AlarmSeverity.High, AlarmPlanner.Route53MetricsRegion, "eu-west-1", AlarmTarget.HealthCheck,
            "AWS/Route53", "HealthCheckStatus", "Minimum", "LessThanThreshold", 1, "None", 60, 1, 1, "breaching", "api unhealthy");
        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "drkit", StackName = "eu", IsPreview = false }, () =>
        {
            var tags = new StackTags("eu", "svc");
            var providers = RegionalProviders.Create("eu-west-1", ["eu-central-1"], tags);
            _ = new DrAlarms("alarms", new DrAlarmsArgs
            {
                Stack = "eu",
                Alarms = [spec],
                Dimensions = _ => [new InputMap<string> { ["HealthCheckId"] = "hc-1" }],
                Providers = providers,
                Tags = tags,
            });
            return new Dictionary<string, object?>();
        });
        var alarm = mocks.Resources.Single(r => r.Type == Types.MetricAlarm);
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(alarm), Is.EqualTo("us-east-1"), "the alarm goes where Route 53 publishes");
            Assert.That(mocks.Resources.Where(r => r.Type == Types.Provider).Select(r => r.Name), Does.Contain("aws-us-east-1"), "a provider for us-east-1 was added");
            Assert.That(RecordingMocks.RegionOf(mocks.Resources.Single(r => r.Type == Types.Topic)), Is.EqualTo("us-east-1"), "its topic is in the same region");
        });
    }

    [Test]
    public async Task PilotLight_OutageCanaryProbesThePrimaryFromTheRecoveryRegionWithItsOwnAlarm()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var canary = run.Named(Types.Canary, "alarms-api-canary-us-east-1");
        var alarm = Alarm(run, "api-canary-us-east-1");
        var code = run.Named(Types.BucketObject, "alarms-api-canary-us-east-1-code");
        var policy = (string)run.Named(Types.RolePolicy, "alarms-api-canary-us-east-1-role").Inputs["policy"];
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(canary), Is.EqualTo("us-west-2"), "the canary must not share fate with the us-east-1 primary it watches");
            Assert.That(StackRun.At(canary.Inputs, "runConfig", "environmentVariables", OutageCanary.UrlVariable), Does.StartWith("https://").And.Contain("healthz"), "probes the primary's health URL");
            Assert.That((canary.Inputs["handler"], canary.Inputs["runtimeVersion"], canary.Inputs["startCanary"]), Is.EqualTo((OutageCanary.Handler, OutageCanary.RuntimeVersion, true)), "runs the probe script, started");
            Assert.That(StackRun.At(canary.Inputs, "schedule", "expression"), Is.EqualTo("rate(1 minute)"), "every minute");
            Assert.That(canary.Inputs["s3Key"], Is.EqualTo(code.Inputs["key"]), "runs the code object declared beside it");
            Assert.That(RecordingMocks.RegionOf(code), Is.EqualTo("us-west-2"), "its code sits in its own region");
            Assert.That(RecordingMocks.RegionOf(alarm), Is.EqualTo("us-west-2"), "the alarm and its topic live with the canary");
            Assert.That(Dimensions(alarm)["CanaryName"], Is.EqualTo(canary.Inputs["name"]), "the alarm watches that canary");
            Assert.That((alarm.Inputs["namespace"], alarm.Inputs["metricName"]), Is.EqualTo(("CloudWatchSynthetics", "SuccessPercent")), "Synthetics' pass rate");
            Assert.That(StackRun.Items(alarm.Inputs["alarmActions"]), Is.EqualTo(new[] { "arn:aws:sns:us-west-2:123456789012:alarms-us-west-2-critical" }), "pages: the decision is due in minutes");
            Assert.That(policy, Does.Contain("CloudWatchSynthetics").And.Contain("cwsyn-"), "metrics in the Synthetics namespace only, its own log groups");
            Assert.That((string)run.Named(Types.BucketPolicy, "alarms-api-canary-us-east-1-artifacts").Inputs["policy"], Does.Contain("aws:SecureTransport"), "artifacts over TLS only");
            Assert.That(run.Named(Types.PublicAccess, "alarms-api-canary-us-east-1-artifacts").Inputs["restrictPublicBuckets"], Is.EqualTo(true), "artifacts are private");
        });
        using var doc = System.Text.Json.JsonDocument.Parse(policy);
        foreach (var statement in doc.RootElement.GetProperty("Statement").EnumerateArray())
        {
            var actions = statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToList();
            var resources = statement.GetProperty("Resource").EnumerateArray().Select(a => a.GetString()!).ToList();
            Assert.That(actions, Has.None.Contain("*"), "every action is named");
            if (resources.Contains("*"))
            {
                Assert.That(actions, Is.SubsetOf(new[] { "cloudwatch:PutMetricData", "s3:ListAllMyBuckets" }), "'*' only where IAM takes no resource");
            }
        }
    }

    [Test]
    public void ProbeScript_FailsTheRunOnAnythingButA2xxOr3xxAnswer()
    {
        var script = DrAlarms.ProbeScript();
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain($"process.env.{OutageCanary.UrlVariable}"), "reads the URL the canary is given");
            Assert.That(script, Does.Contain("exports.handler"), $"the handler {OutageCanary.Handler} names");
            Assert.That(script, Does.Contain("throw new Error"), "a thrown error fails the run (SuccessPercent 0)");
            Assert.That(script, Does.Contain("status < 200 || status > 399"), "2xx and 3xx pass, as for a Route 53 HTTPS check");
        });
    }

    [Test]
    public async Task AfterScaleAndPromotion_AlarmsFollowTheOperationsState()
    {
        var run = await StackRun.OfAsync("pilot-light", ("recovery.running", "2"), ("promote.context-store", "true"));
        var reservation = Alarm(run, "gpu-reservation-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(reservation.Inputs["metricName"], Is.EqualTo("TotalInstanceCount"), "the running instances fill the reservation: watch its size, not what is left");
            Assert.That(run.Has(Types.MetricAlarm, "alarms-context-store-replica-lag-us-west-2"), Is.False, "the promoted writer publishes no ReplicaLag");
            Assert.That(run.Has(Types.MetricAlarm, "alarms-api-health-us-west-2"), Is.True, "the recovery region runs serving capacity now: its health is watched");
        });
    }

    [Test]
    [NonParallelizable]
    public async Task Alerts_SubscribeEachSeveritysTopicsToItsEndpoints()
    {
        var mocks = new RecordingMocks();
        var critical = new AlarmSpec("api-health-us-east-1", "api", Tier.Production, AlarmSeverity.Critical, "us-east-1", "us-east-1", AlarmTarget.HealthCheck,
            "AWS/Route53", "HealthCheckStatus", "Minimum", "LessThanThreshold", 1, "None", 60, 1, 1, "breaching", "api unhealthy");
        var medium = critical with { Key = "cache-lag-us-west-2", Severity = AlarmSeverity.Medium, Region = "us-west-2", Subject = "us-west-2" };
        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "drkit", StackName = "t", IsPreview = false }, () =>
        {
            var tags = new StackTags("t", "svc");
            _ = new DrAlarms("alarms", new DrAlarmsArgs
            {
                Stack = "t",
                Alarms = [critical, medium],
                Alerts = [new AlertSubscription(AlarmSeverity.Critical, "https", "https://events.example.com/sns"), new AlertSubscription(AlarmSeverity.Medium, "email", "ops@example.com")],
                Dimensions = _ => [new InputMap<string> { ["HealthCheckId"] = "hc-1" }],
                Providers = RegionalProviders.Create("us-east-1", ["us-west-2"], tags),
                Tags = tags,
            });
            return new Dictionary<string, object?>();
        });
        var subscriptions = mocks.Resources.Where(r => r.Type == Types.Subscription).ToList();
        var topics = mocks.Resources.Where(r => r.Type == Types.Topic).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(subscriptions.Select(s => (RecordingMocks.RegionOf(s), s.Inputs["protocol"], s.Inputs["endpoint"], s.Inputs["topic"])), Is.EquivalentTo(new[]
            {
                ((string?)"us-east-1", (object)"https", (object)"https://events.example.com/sns", (object)"arn:aws:sns:us-east-1:123456789012:alarms-us-east-1-critical"),
                ("us-west-2", "email", "ops@example.com", "arn:aws:sns:us-west-2:123456789012:alarms-us-west-2-medium"),
            }), "each severity's endpoints on that severity's topic, in the topic's region");
            Assert.That(topics.Select(t => t.Inputs["kmsMasterKeyId"]), Has.All.StartWith("arn:aws:kms:"), "topics are encrypted with a customer-managed key");
        });
    }

    [Test]
    public async Task PilotLight_TopicKeysLetCloudWatchPublish()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var policy = (string)run.Named(Types.KeyPolicy, "alarms-us-west-2-topics").Inputs["policy"];
        var topic = run.Named(Types.Topic, "alarms-us-west-2-critical");
        Assert.Multiple(() =>
        {
            Assert.That(topic.Inputs["kmsMasterKeyId"], Is.EqualTo($"arn:aws:kms:us-west-2:{RecordingMocks.Account}:key/alarms-us-west-2-topics"), "the region's own key, not alias/aws/sns");
            Assert.That(policy, Does.Contain("cloudwatch.amazonaws.com").And.Contain("kms:GenerateDataKey*").And.Contain("kms:Decrypt"), "CloudWatch may use the key for the topic");
            Assert.That(policy, Does.Contain($"arn:aws:iam::{RecordingMocks.Account}:root"), "the account keeps administering its key");
            Assert.That(policy, Does.Contain($"arn:aws:cloudwatch:us-west-2:{RecordingMocks.Account}:alarm:*"), "only this account's alarms in this region");
        });
    }
}
