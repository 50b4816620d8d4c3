using DrKit.Core.Config;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Core.Tests.Platforms.Kubernetes;

/// <summary>
/// A rebuilt CloudNativePG member archives under a new Barman server name (<c>archiveGeneration</c>), so its restore
/// job finds an empty destination and the old incarnation's history never mixes with the new one.
/// </summary>
public sealed class CnpgRebuildTests
{
    private static DrPlan Bundled() => Planner.PlanFile(Path.Combine(RepoPaths.Root, "stacks", "Pulumi.k8s-pilot-light.yaml"));

    private static OperationsState Ops(DrPlan plan, params (string Key, string Value)[] values) =>
        OperationsConfig.FromRaw("test", values.ToDictionary(v => OperationsKeys.Full(v.Key), v => v.Value, StringComparer.Ordinal), plan);

    private static CnpgSettings Cnpg(DrPlan plan) => (CnpgSettings)plan.Components.Single(c => c.Name == "context-store").Settings;

    [Test]
    public void ServerNames_FirstIncarnationIsTheClusterNameARebuildGetsItsOwn()
    {
        var plan = Bundled();
        var rebuilt = Ops(plan, (OperationsKeys.ArchiveGeneration("context-store", "us-east-1"), "2"));

        Assert.Multiple(() =>
        {
            Assert.That(Cnpg(plan).ServerNames(OperationsState.None, "context-store")["us-east-1"], Is.EqualTo("context-store-us-east-1"), "the first incarnation keeps the cluster's name (existing archives stay where they are)");
            Assert.That(Cnpg(plan).ServerNames(rebuilt, "context-store")["us-east-1"], Is.EqualTo("context-store-us-east-1-g2"), "a rebuilt cluster archives under a prefix its earlier incarnation never wrote");
            Assert.That(Cnpg(plan).ServerNames(rebuilt, "context-store")["us-west-2"], Is.EqualTo("context-store-us-west-2"), "the member not rebuilt keeps its name");
        });
    }

    [Test]
    public void Implied_ListsTheGenerationOfEveryMember()
    {
        var keys = OperationsKeys.Implied(Bundled());

        Assert.That(keys, Is.SupersetOf(new[] { "archiveGeneration.context-store.us-east-1", "archiveGeneration.context-store.us-west-2" }),
            "Pulumi config cannot list keys: the program reads exactly the keys the plan implies");
    }

    [TestCase("archiveGeneration.session-cache.us-east-1", "1", "CloudNativePG components with a replica cluster")]
    [TestCase("archiveGeneration.context-store.eu-west-1", "1", "runs no cluster of context-store")]
    [TestCase("archiveGeneration.context-store.us-east-1", "-1", "whole number from 0 to 999")]
    [TestCase("archiveGeneration.context-store.us-east-1", "two", "whole number from 0 to 999")]
    [TestCase("archiveGeneration.nothing.us-east-1", "1", "names no component")]
    public void ArchiveGeneration_BadKeyOrValue_NamesTheKeyAndWhatIsExpected(string key, string value, string expected)
    {
        var e = Assert.Throws<StackConfigException>(() => Ops(Bundled(), (key, value)))!;

        Assert.That(e.Problems.Single().KeyPath, Is.EqualTo(OperationsKeys.Full(key)), "the problem names the key");
        Assert.That(e.Problems.Single().Message, Does.Contain(expected), "and says what it expects");
    }
}
