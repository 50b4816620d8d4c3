using DrKit.Core.Operations;

namespace DrKit.Kubernetes.Tests;

/// <summary>CloudNativePG: the bootstrap a member gets from its role at creation, and the replicaReady gate.</summary>
public sealed class CnpgTests
{
    private static OperationsState Promoted() => OperationsConfig.FromRaw("test",
        new Dictionary<string, string> { [OperationsKeys.Full(OperationsKeys.Promote("context-store"))] = "true" }, Core.Planning.Planner.PlanFile(KubernetesRun.StackFile));

    [Test]
    public async Task Bootstrap_InitdbForTheWriterRecoveryForTheReplica()
    {
        var run = await KubernetesRun.OfAsync();
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster")), "bootstrap", "initdb", "database"), Is.EqualTo("app"), "the writer starts empty");
            Assert.That(KubernetesRun.At(KubernetesRun.Spec(run.Named("context-store-us-west-2-cluster")), "bootstrap", "recovery", "source"), Is.EqualTo("context-store-us-east-1"), "the replica restores the writer's backup");
        });
    }

    [Test]
    public async Task AfterPromotion_TheOldPrimaryIsDeclaredToRebuildFromTheNewWritersArchive()
    {
        var run = await KubernetesRun.OfAsync(Promoted());
        var old = KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster"));
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(old, "bootstrap", "initdb"), Is.Null, "CNPG refuses initdb for a cluster created in replica mode");
            Assert.That(KubernetesRun.At(old, "bootstrap", "recovery", "source"), Is.EqualTo("context-store-us-west-2"), "a rebuilt old primary restores from the new writer");
            Assert.That(KubernetesRun.At(old, "externalClusters", "1", "plugin", "parameters", "serverName"), Is.EqualTo("context-store-us-west-2"), "the source is an external cluster of its own store");
            Assert.That(KubernetesRun.At(KubernetesRun.Spec(run.Named("context-store-us-west-2-cluster")), "bootstrap", "initdb"), Is.Not.Null, "the writer is the only member with initdb");
        });
    }

    [Test]
    public async Task Rebuild_ArchivesUnderTheNewIncarnationAndThePeerReadsItThere()
    {
        var plan = Core.Planning.Planner.PlanFile(KubernetesRun.StackFile);
        var rebuilt = OperationsConfig.FromRaw("test", new Dictionary<string, string>
        {
            [OperationsKeys.Full(OperationsKeys.Promote("context-store"))] = "true",
            [OperationsKeys.Full(OperationsKeys.ArchiveGeneration("context-store", "us-east-1"))] = "1",
        }, plan);
        var run = await KubernetesRun.OfAsync(rebuilt);
        var old = KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster"));
        var writer = KubernetesRun.Spec(run.Named("context-store-us-west-2-cluster"));
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(old, "plugins", "0", "parameters", "serverName"), Is.EqualTo("context-store-us-east-1-g1"),
                "the rebuilt cluster archives where its earlier incarnation never wrote: the plugin's restore job refuses a non-empty destination");
            Assert.That(KubernetesRun.At(old, "bootstrap", "recovery", "source"), Is.EqualTo("context-store-us-west-2"), "it restores from the writer");
            Assert.That(KubernetesRun.At(old, "externalClusters", "1", "plugin", "parameters", "serverName"), Is.EqualTo("context-store-us-west-2"), "the writer's archive keeps its name");
            Assert.That(KubernetesRun.At(writer, "externalClusters", "0", "plugin", "parameters", "serverName"), Is.EqualTo("context-store-us-east-1-g1"),
                "the writer reads the rebuilt cluster's WAL under its new name, which a failback replays");
            Assert.That(KubernetesRun.At(writer, "plugins", "0", "parameters", "serverName"), Is.EqualTo("context-store-us-west-2"), "the writer goes on archiving under its own name");
        });
    }

    [Test]
    public async Task FirstIncarnation_ArchivesUnderTheClusterName()
    {
        var run = await KubernetesRun.OfAsync();
        Assert.That(KubernetesRun.At(KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster")), "plugins", "0", "parameters", "serverName"), Is.EqualTo("context-store-us-east-1"),
            "the server name is explicit, and a first incarnation keeps the archive path existing clusters already use");
    }

    [Test]
    public async Task BundledStack_ShipsTheFirstPhaseWithTheStoreButNoReplicaCluster()
    {
        var run = await KubernetesRun.AsShippedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(run.Resources.Any(r => r.Name == "context-store-us-west-2-cluster"), Is.False, "the replica waits for the first base backup to be replicated");
            Assert.That(run.Resources.Any(r => r.Name == "context-store-us-west-2-backup"), Is.False, "no backup of a cluster that does not exist");
            Assert.That(run.Resources.Any(r => r.Name == "context-store-us-west-2-store"), Is.True, "the recovery store is declared for the replica to come");
            Assert.That(run.Resources.Any(r => r.Name == "context-store-us-east-1-cluster"), Is.True, "the primary is declared and archives");
        });
    }
}
