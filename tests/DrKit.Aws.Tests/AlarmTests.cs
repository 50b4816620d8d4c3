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
        var canaries = AlarmPlanner.Canaries(run.Plan);
        var topics = run.OfType(Types.Topic).Select(t => (RecordingMocks.RegionOf(t), t.Name)).ToList();
        var expected = AlarmPlanner.TopicRegions(run.Plan).SelectMany(r => AlarmPlanner.Severities.Select(s => (r, $"alarms-{r}-{DrAlarms.SeverityName(s)}"))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.MetricAlarm).Select(a => a.Name), Is.EquivalentTo(decided.Select(a => $"alarms-{a.Key}")), "one alarm per decision");
            Assert.That(topics, Is.EquivalentTo(expected), "one topic per planned region and every severity, in that region, whatever alarms exist now");
            Assert.That(decided.Select(a => (a.Region, $"alarms-{a.Region}-{DrAlarms.SeverityName(a.Severity)}")).Distinct(), Is.SubsetOf(expected), "every alarm finds its topic");
            Assert.That(run.OfType(Types.KmsKey).Where(k => k.Name!.EndsWith("-topics", StringComparison.Ordinal)).Select(RecordingMocks.RegionOf), Is.EquivalentTo(AlarmPlanner.TopicRegions(run.Plan)), "one topic key per topic region");
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
                TopicRegions = ["eu-central-1", "eu-west-1", "us-east-1"],
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
            Assert.That(alarm.Inputs["alarmActions"], Is.EqualTo(new[] { "arn:aws:sns:us-east-1:123456789012:alarms-us-east-1-high" }), "its topic is in the same region");
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
            Assert.That(StackRun.At(canary.Inputs, "runConfig", "environmentVariables"), Is.Null, "no environment variables: Synthetics never returns them, so the URL lives in the code");
            Assert.That((canary.Inputs["handler"], canary.Inputs["runtimeVersion"], canary.Inputs["startCanary"]), Is.EqualTo((OutageCanary.Handler, OutageCanary.RuntimeVersion, true)), "runs the probe script, started");
            Assert.That(StackRun.At(canary.Inputs, "schedule", "expression"), Is.EqualTo("rate(1 minute)"), "every minute");
            Assert.That(canary.Inputs["s3Key"], Is.EqualTo(code.Inputs["key"]), "runs the code object declared beside it");
            Assert.That(RecordingMocks.RegionOf(code), Is.EqualTo("us-west-2"), "its code sits in its own region");
            Assert.That(RecordingMocks.RegionOf(alarm), Is.EqualTo("us-west-2"), "the alarm and its topic live with the canary");
            Assert.That(Dimensions(alarm)["CanaryName"], Is.EqualTo(canary.Inputs["name"]), "the alarm watches that canary");
            Assert.That((alarm.Inputs["namespace"], alarm.Inputs["metricName"]), Is.EqualTo(("CloudWatchSynthetics", "SuccessPercent")), "Synthetics' pass rate");
            Assert.That(StackRun.Items(alarm.Inputs["alarmActions"]), Is.EqualTo(new[] { "arn:aws:sns:us-west-2:123456789012:alarms-us-west-2-critical" }), "pages: the decision is due in minutes");
            Assert.That(StackRun.At(run.Named(Types.Lifecycle, "alarms-api-canary-us-east-1-artifacts").Inputs, "rules"), Is.Not.Null, "runs expire");
            Assert.That(StackRun.At(StackRun.Items(run.Named(Types.Lifecycle, "alarms-api-canary-us-east-1-artifacts").Inputs["rules"]).Single(), "filter", "prefix"), Is.EqualTo(OutageCanary.RunsPrefix),
                "only the runs expire; the code object stays, so a refresh does not plan it again");
            Assert.That(code.Inputs["key"], Does.StartWith("code/"), "the code lives outside the runs prefix");
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
        var canary = new OutageCanary("api-canary-us-east-1", "api", "us-west-2", "us-east-1", "https://api.use1.example.com/healthz", "api.example.com", 2, false);
        var script = DrAlarms.ProbeScript(canary);
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("const url = \"https://api.use1.example.com/healthz\";"), "the URL is in the code, where a change shows as a new code object");
            Assert.That(script, Does.Not.Contain("process.env"), "nothing read from environment variables Synthetics does not return");
            Assert.That(script, Does.Contain("exports.handler"), $"the handler {OutageCanary.Handler} names");
            Assert.That(script, Does.Contain("throw new Error"), "a thrown error fails the run (SuccessPercent 0)");
            Assert.That(script, Does.Contain("status < 200 || status > 399"), "2xx and 3xx pass, as for a Route 53 HTTPS check");
            Assert.That(script, Does.Contain("servername: \"api.example.com\"").And.Contain("headers: { host: \"api.example.com\" }"),
                "connects to the regional endpoint but presents the public name users reach, for the certificate and the virtual host");
        });
    }

    [Test]
    public void ProbeScript_ADifferentUrlIsADifferentScript()
    {
        var canary = new OutageCanary("api-canary-us-east-1", "api", "us-west-2", "us-east-1", "https://a.example.com/healthz", null, 2, false);
        var a = DrAlarms.ProbeScript(canary);
        var b = DrAlarms.ProbeScript(canary with { Url = "https://b.example.com/healthz" });
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.Not.EqualTo(b), "the code key carries the script's hash: a changed URL is a new object and a visible canary update");
            Assert.That(a, Does.Not.Contain("servername"), "without a public name the regional one is presented");
        });
    }

    [Test]
    public async Task LongEndpointAndRegion_CanaryBucketAndRoleHaveExplicitNamesWithinAwsLimits()
    {
        var run = await StackRun.OfAsync("pilot-light");
        foreach (var canary in AlarmPlanner.Canaries(run.Plan))
        {
            var bucket = run.Named(Types.Bucket, $"alarms-{canary.Key}-artifacts");
            var role = run.Named(Types.Role, $"alarms-{canary.Key}-role");
            Assert.That(bucket.Inputs["bucketPrefix"], Is.EqualTo(canary.BucketPrefix("pilot-light")), "an explicit prefix, not an auto-name grown from the logical name");
            Assert.That(role.Inputs["name"], Is.EqualTo(canary.RoleName("pilot-light")), "an explicit role name");
        }

        var longest = new OutageCanary("a-thirty-one-character-endpoint-canary-ap-southeast-2", "a-thirty-one-character-endpoint", "us-west-2", "ap-southeast-2", "https://x/healthz", null, 2, false);
        const string stack = "a-rather-long-production-stack-name.v2";
        Assert.Multiple(() =>
        {
            Assert.That(longest.BucketPrefix(stack).Length, Is.LessThanOrEqualTo(OutageCanary.BucketPrefixMax), "S3 bucket prefixes hold at most 37 characters");
            Assert.That(longest.BucketPrefix(stack), Does.Match("^[a-z0-9][a-z0-9-]*-$"), "S3 bucket names are lower case letters, digits and hyphens");
            Assert.That(longest.RoleName(stack).Length, Is.LessThanOrEqualTo(OutageCanary.RoleNameMax), "IAM role names hold at most 64 characters");
            Assert.That(longest.RoleName(stack), Is.Not.EqualTo((longest with { ProbedRegion = "ap-southeast-1" }).RoleName(stack)), "two regions' roles stay distinct when cut");
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
                TopicRegions = ["us-east-1", "us-west-2"],
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
                ("us-west-2", "https", "https://events.example.com/sns", "arn:aws:sns:us-west-2:123456789012:alarms-us-west-2-critical"),
                ("us-east-1", "email", "ops@example.com", "arn:aws:sns:us-east-1:123456789012:alarms-us-east-1-medium"),
                ("us-west-2", "email", "ops@example.com", "arn:aws:sns:us-west-2:123456789012:alarms-us-west-2-medium"),
            }), "each severity's endpoints on that severity's topic in every region: already confirmed when an operation brings the first alarm there");
            Assert.That(topics.Select(t => t.Inputs["kmsMasterKeyId"]), Has.All.StartWith("arn:aws:kms:"), "topics are encrypted with a customer-managed key");
            Assert.That(topics, Has.Count.EqualTo(6), "every severity has a topic in every region, also those no alarm uses yet");
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

    [Test]
    [NonParallelizable]
    public async Task AlarmOptions_WaitForTheTopicKeysPolicy()
    {
        CustomResourceOptions? options = null;
        Pulumi.Aws.Kms.KeyPolicy? keyPolicy = null;
        await Deployment.TestAsync(new RecordingMocks(), new TestOptions { ProjectName = "drkit", StackName = "t", IsPreview = false }, () =>
        {
            var provider = new Pulumi.Aws.Provider("aws-us-west-2", new Pulumi.Aws.ProviderArgs { Region = "us-west-2" });
            keyPolicy = new Pulumi.Aws.Kms.KeyPolicy("k", new Pulumi.Aws.Kms.KeyPolicyArgs { KeyId = "k", Policy = "{}" }, new CustomResourceOptions { Provider = provider });
            options = DrAlarms.AlarmOptions(provider, provider, keyPolicy);
            return new Dictionary<string, object?>();
        });
        var dependsOn = await StackRun.Value(options!.DependsOn.ToOutput());
        Assert.That(dependsOn, Does.Contain(keyPolicy), "a new alarm publishes at once (most start in ALARM): before the key policy admits CloudWatch that publish fails silently with KMS AccessDenied");
    }

    [Test]
    public async Task AfterFailover_TopicsStayAndNothingIsCreatedInTheFailedPrimary()
    {
        var before = await StackRun.OfAsync("pilot-light");
        var after = await StackRun.OfAsync("pilot-light", ("traffic.activeRegion", "us-west-2"), ("promote.context-store", "true"), ("recovery.running", "2"));
        static IEnumerable<(string? Type, string? Name)> In(StackRun run, string region, params string[] types) =>
            run.Resources.Where(r => types.Contains(r.Type) && RecordingMocks.RegionOf(r) == region).Select(r => (r.Type, r.Name));
        string[] monitoring = [Types.Topic, Types.Subscription, Types.KmsKey, Types.KeyPolicy, Types.Canary, Types.Role, Types.Bucket, Types.BucketObject];
        Assert.Multiple(() =>
        {
            Assert.That(after.OfType(Types.Topic).Select(t => t.Name), Is.EquivalentTo(before.OfType(Types.Topic).Select(t => t.Name)), "no topic comes or goes with a failover: its ARN and confirmed subscriptions stay");
            Assert.That(In(after, "us-east-1", monitoring), Is.EquivalentTo(In(before, "us-east-1", monitoring)), "nothing of the monitoring is created in the failed primary");
            Assert.That(after.OfType(Types.Canary).Select(c => c.Name), Is.EquivalentTo(before.OfType(Types.Canary).Select(c => c.Name)), "the canary watching the failed primary stays");
        });
    }
}
