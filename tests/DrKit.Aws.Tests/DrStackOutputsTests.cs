using System.Text.Json;
using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws.Tests;

public sealed class DrStackOutputsTests
{
    private static readonly string[] Stacks = StackConfig.BundledStacks;

    [TestCaseSource(nameof(Stacks))]
    public async Task EveryStackOutput_IsKnownAndNotNull(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        var outputs = await run.OutputsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outputs, Has.Count.GreaterThanOrEqualTo(20), "failover and drills read every export");
            foreach (var (name, known, value) in outputs)
            {
                Assert.That(known, Is.True, $"{stack}: output {name} must be known after an update");
                Assert.That(value, Is.Not.Null, $"{stack}: output {name} must have a value");
            }
        });
    }

    [TestCaseSource(nameof(Stacks))]
    public async Task PlanSummary_IsThePlanDrKitPlanPrints(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        var exported = PlanJson.Deserialize(await StackRun.Value(run.Stack.PlanSummary));
        Assert.Multiple(() =>
        {
            Assert.That(exported.Components.Select(c => (c.Name, c.Mechanism)), Is.EqualTo(run.Plan.Components.Select(c => (c.Name, c.Mechanism))), "the program plans from Pulumi config exactly as drkit plan does from the file");
            Assert.That(exported.RecoveryRegions, Is.EqualTo(run.Plan.RecoveryRegions), "same recovery regions");
        });
    }

    [Test]
    public async Task PilotLight_SecretsAreExportedOnlyAsSecrets()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var passwords = await Output.IsSecretAsync(run.Stack.PostgresMasterPasswords);
        var tokens = await Output.IsSecretAsync(run.Stack.RedisAuthTokens);
        var endpoints = await Output.IsSecretAsync(run.Stack.PostgresEndpoints);
        Assert.Multiple(() =>
        {
            Assert.That(passwords, Is.True, "the RDS master password must never be a plain output");
            Assert.That(tokens, Is.True, "the Redis auth token must never be a plain output");
            Assert.That(endpoints, Is.False, "endpoints are not secrets, failover reads them");
        });
    }

    [Test]
    public async Task PilotLight_ExportsWhatFailoverNeedsPerRegion()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var s = run.Stack;
        var pg = StackRun.Map(await StackRun.Value(s.PostgresEndpoints), "context-store");
        var redis = StackRun.Map(await StackRun.Value(s.RedisReplicationGroupIds), "session-cache");
        var reservations = StackRun.Map(await StackRun.Value(s.CapacityReservationIds), "gpu");
        var running = (await StackRun.Value(s.GpuDesiredRunning))["gpu"];
        var ecr = (await StackRun.Value(s.EcrRepositoryUrls))["images"];
        var buckets = StackRun.Map(await StackRun.Value(s.BucketNames), "model-artifacts");
        var primary = await StackRun.Value(s.PrimaryRegion);
        var recovery = await StackRun.Value(s.RecoveryRegions);
        var globalIds = await StackRun.Value(s.RedisGlobalDatastoreIds);
        var tables = await StackRun.Value(s.DynamoTableNames);
        var checks = await StackRun.Value(s.HealthCheckIds);
        var managed = await StackRun.Value(s.TrafficManaged);
        var wal = await StackRun.Value(s.PostgresWalSettings);
        Assert.Multiple(() =>
        {
            Assert.That(primary, Is.EqualTo("us-east-1"), "primary region");
            Assert.That(recovery, Is.EqualTo(new[] { "us-west-2" }), "recovery regions");
            Assert.That(pg.Keys, Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "primary and replica endpoints");
            Assert.That(pg["us-west-2"], Does.Contain("us-west-2"), "the replica endpoint is the recovery region's");
            Assert.That(redis.Keys, Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "primary and secondary replication groups");
            Assert.That(globalIds, Does.ContainKey("session-cache"), "the Global Datastore id is exported");
            Assert.That(reservations.Keys, Is.EquivalentTo(new[] { "us-west-2" }), "pilot light reserves only in the recovery region");
            Assert.That(running["us-west-2"], Is.EqualTo(0), "pilot light runs nothing in the recovery region");
            Assert.That(ecr["us-west-2"]["rag-api"], Does.Contain("dkr.ecr.us-west-2"), "repository URLs per region");
            Assert.That(buckets.Keys, Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "bucket names per region");
            Assert.That(tables, Does.ContainKey("features-online"), "the table name is exported");
            Assert.That(checks.Keys, Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "one health check per region");
            Assert.That(managed, Is.True, "the stack sets a domain and zone");
            Assert.That(wal["context-store"]["archive_timeout"], Is.EqualTo("60"), "WAL settings for the shipper and servers");
        });
    }

    [Test]
    public async Task PlanSummary_IsValidJson()
    {
        var run = await StackRun.OfAsync("primary");
        var json = await StackRun.Value(run.Stack.PlanSummary);
        Assert.That(() => JsonDocument.Parse(json).Dispose(), Throws.Nothing, "the plan summary is machine-readable");
    }
}
