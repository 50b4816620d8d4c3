using System.Text.Json;

namespace DrKit.Aws.Tests;

public sealed class RegionalProviderTests
{
    private static readonly string[] Stacks = StackConfig.BundledStacks;

    [TestCaseSource(nameof(Stacks))]
    public async Task EveryAwsResource_NamesAnExplicitRegionalProvider(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        var implicitRegion = run.Resources.Where(r => r.Type!.StartsWith("aws:", StringComparison.Ordinal) && RecordingMocks.RegionOf(r) is null).Select(r => $"{r.Type} {r.Name}").ToList();
        Assert.That(implicitRegion, Is.Empty, "nothing may depend on the ambient aws:region");
    }

    [TestCaseSource(nameof(Stacks))]
    public async Task Providers_OnePerPlannedRegion_WithStackDefaultTags(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        var providers = run.OfType(Types.Provider).ToList();
        Assert.That(providers.Select(p => p.Inputs["region"]), Is.EquivalentTo(run.Plan.Regions), "one provider per region of the plan");
        foreach (var provider in providers)
        {
            // defaultTags is a JSON-typed input: it reaches the engine as JSON text.
            var raw = provider.Inputs["defaultTags"];
            using var doc = JsonDocument.Parse(raw as string ?? JsonSerializer.Serialize(raw));
            var tags = doc.RootElement.GetProperty("tags");
            Assert.Multiple(() =>
            {
                Assert.That(provider.Name, Is.EqualTo($"aws-{provider.Inputs["region"]}"), "provider names carry their region");
                Assert.That(tags.GetProperty("stack").GetString(), Is.EqualTo(stack), "stack tag");
                Assert.That(tags.GetProperty("service").GetString(), Is.EqualTo(run.Plan.Service), "service tag");
                Assert.That(tags.GetProperty("managed-by").GetString(), Is.EqualTo("drkit"), "managed-by tag");
            });
        }
    }

    [Test]
    public async Task SingleRegion_DeclaresNothingOutsideThePrimaryRegion()
    {
        var run = await StackRun.OfAsync("primary");
        var elsewhere = run.Resources.Where(r => RecordingMocks.RegionOf(r) is { } region && region != "us-east-1").Select(r => $"{r.Type} {r.Name}").ToList();
        string[] crossRegion = [Types.Replication, Types.GlobalReplicationGroup, Types.BackupReplication, Types.EcrReplication];
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.Provider).Select(p => p.Name), Is.EqualTo(new[] { "aws-us-east-1" }), "a single-region stack has one provider");
            Assert.That(elsewhere, Is.Empty, "no resource in a recovery region");
            Assert.That(run.Resources.Where(r => r.Type is { } t && crossRegion.Contains(t)).Select(r => r.Name), Is.Empty, "no cross-region replication of any kind");
            Assert.That(run.OfType(Types.DbInstance).Where(i => i.Inputs.ContainsKey("replicateSourceDb")), Is.Empty, "no read replica");
        });
    }

    [Test]
    public async Task PilotLight_RecoveryResourcesUseTheRecoveryProvider()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var replica = run.Named(Types.DbInstance, "context-store-replica-us-west-2");
        var secondary = run.Named(Types.ReplicationGroup, "session-cache-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(replica.Provider, Does.Contain("pulumi:providers:aws::aws-us-west-2"), "the read replica is created in us-west-2");
            Assert.That(secondary.Provider, Does.Contain("pulumi:providers:aws::aws-us-west-2"), "the Redis secondary is created in us-west-2");
            Assert.That(run.Named(Types.Bucket, "model-artifacts-us-west-2").Provider, Does.Contain("aws-us-west-2"), "the replica bucket is in us-west-2");
        });
    }
}
