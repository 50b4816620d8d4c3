using DrKit.Core.Operations;

namespace DrKit.Kubernetes.Tests;

/// <summary>What the bundled k8s-pilot-light stack declares where: providers, the distributed topology, GPUs, Redis.</summary>
public sealed class TopologyTests
{
    private static OperationsState Ops(string key, string value) => OperationsConfig.FromRaw("test", new Dictionary<string, string> { [OperationsKeys.Full(key)] = value }, Core.Planning.Planner.PlanFile(KubernetesRun.StackFile));

    [Test]
    public async Task EveryResource_UsesTheProviderOfTheRegionInItsName()
    {
        var run = await KubernetesRun.OfAsync();
        var declared = run.Resources.Where(r => !(r.Type ?? string.Empty).StartsWith("pulumi:providers:", StringComparison.Ordinal) && !(r.Type ?? string.Empty).StartsWith("drkit:", StringComparison.Ordinal) && !(r.Type ?? string.Empty).StartsWith("random:", StringComparison.Ordinal)).ToList();
        Assert.That(declared, Is.Not.Empty, "the stack declares Kubernetes objects");
        foreach (var r in declared)
        {
            var region = KubernetesRun.RegionOf(r);
            Assert.That(region, Is.Not.Null, $"{r.Type} {r.Name} has an explicit regional provider");
            Assert.That(r.Name, Does.Contain(region!), $"{r.Name} is declared in the cluster of its own region");
        }
    }

    [Test]
    public async Task Providers_OnePerRegionWithItsContextAndSkipUnreachable()
    {
        var run = await KubernetesRun.OfAsync();
        var providers = run.OfType("pulumi:providers:kubernetes").ToDictionary(p => p.Name!);
        Assert.Multiple(() =>
        {
            Assert.That(providers.Keys, Is.EquivalentTo(new[] { "k8s-us-east-1", "k8s-us-west-2" }), "one provider per region's cluster");
            Assert.That(providers["k8s-us-west-2"].Inputs["context"], Is.EqualTo("eks-rag-usw2"), "the recovery provider uses the recovery cluster's context");
            Assert.That(providers["k8s-us-east-1"].Inputs["skipUpdateUnreachable"], Is.EqualTo("true").Or.EqualTo(true), "an up during an outage skips the lost cluster");
        });
    }

    [Test]
    public async Task PilotLight_RunsNoInferenceInRecoveryWhilePlaceholdersHoldTheGpus()
    {
        var run = await KubernetesRun.OfAsync();
        var inference = run.Named("gpu-us-west-2-inference");
        var placeholders = run.Named("gpu-us-west-2-placeholder");
        var priority = run.Named("gpu-us-west-2-priority");
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(inference.Inputs, "spec", "replicas"), Is.EqualTo(0), "pilot light runs no inference in the recovery cluster");
            Assert.That(KubernetesRun.At(run.Named("gpu-us-east-1-inference").Inputs, "spec", "replicas"), Is.EqualTo(2), "the primary runs the planned count");
            Assert.That(KubernetesRun.At(placeholders.Inputs, "spec", "replicas"), Is.EqualTo(2), "placeholders hold the GPUs of every planned pod");
            Assert.That(KubernetesRun.At(placeholders.Inputs, "spec", "template", "spec", "containers", "0", "resources", "limits", "nvidia.com/gpu"), Is.EqualTo("4"), "each placeholder holds a pod's GPUs");
            Assert.That(KubernetesRun.At(placeholders.Inputs, "spec", "template", "spec", "priorityClassName"), Is.EqualTo("rag-assistant-gpu-placeholder"), "placeholders run at the negative priority of their namespace's class");
            Assert.That(Convert.ToDouble(KubernetesRun.At(priority.Inputs, "value"), System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(0), "a negative priority is preempted by every default-priority pod");
            Assert.That(KubernetesRun.At(priority.Inputs, "preemptionPolicy"), Is.EqualTo("Never"), "placeholders never preempt anything");
            Assert.That(KubernetesRun.At(inference.Inputs, "spec", "template", "spec", "containers", "0", "readinessProbe", "httpGet", "path"), Is.EqualTo("/ready"), "ready only once the model is loaded");
            Assert.That(run.Resources.Any(r => r.Name == "gpu-us-east-1-placeholder"), Is.False, "the serving region needs no placeholders");
        });
    }

    [Test]
    public async Task RecoveryScaledByOperations_RunsThatManyInferencePods()
    {
        var run = await KubernetesRun.OfAsync(Ops(OperationsKeys.RecoveryRunning, "2"));
        Assert.That(KubernetesRun.At(run.Named("gpu-us-west-2-inference").Inputs, "spec", "replicas"), Is.EqualTo(2), "drkit-ops:recovery.running sets the recovery Deployment");
    }

    [Test]
    public async Task ReplicaCluster_FollowsThePrimaryFromTheRecoveryRegionsStore()
    {
        var run = await KubernetesRun.OfAsync();
        var replica = KubernetesRun.Spec(run.Named("context-store-us-west-2-cluster"));
        var primary = KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster"));
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(replica, "replica", "primary"), Is.EqualTo("context-store-us-east-1"), "the topology's primary is the primary region's cluster");
            Assert.That(KubernetesRun.At(replica, "replica", "source"), Is.EqualTo("context-store-us-east-1"), "the replica follows the primary");
            Assert.That(KubernetesRun.At(primary, "replica", "primary"), Is.EqualTo("context-store-us-east-1"), "both clusters name the same primary");
            Assert.That(KubernetesRun.At(replica, "bootstrap", "recovery", "source"), Is.EqualTo("context-store-us-east-1"), "the replica bootstraps from the primary's archive");
            Assert.That(KubernetesRun.At(replica, "externalClusters", "0", "plugin", "parameters", "barmanObjectName"), Is.EqualTo("context-store-us-west-2"), "it reads the primary's WAL from the recovery region's store");
            Assert.That(KubernetesRun.At(replica, "instances"), Is.EqualTo(1), "pilot light keeps one instance following the archive");
        });
    }

    [Test]
    public async Task AppSecret_IsTheSameSecretPasswordInBothClusters()
    {
        var run = await KubernetesRun.OfAsync();
        var secrets = run.OfType("kubernetes:core/v1:Secret").Where(r => r.Name!.StartsWith("context-store-", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Select(KubernetesRun.RegionOf), Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "each cluster gets the role's secret");
            Assert.That(secrets.Select(r => KubernetesRun.At(r.Inputs, "metadata", "name")).Distinct().Single(), Is.EqualTo("context-store-app"), "the clusters' bootstrap names this secret");
            Assert.That(run.OfType("random:index/randomPassword:RandomPassword").Count(), Is.EqualTo(1), "one password for the whole topology, so promotion keeps it");
        });
    }

    [Test]
    public async Task Fenced_PrimaryClusterDemotesItselfDeclaratively()
    {
        var run = await KubernetesRun.OfAsync(Ops(OperationsKeys.Fence("context-store"), "true"));
        var primary = KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster"));
        Assert.That(KubernetesRun.At(primary, "replica", "primary"), Is.EqualTo("context-store-us-west-2"), "a fenced primary names the replica cluster as primary, which demotes it");
    }

    [Test]
    public async Task Promoted_BothClustersNameTheRecoveryClusterAsPrimary()
    {
        var run = await KubernetesRun.OfAsync(Ops(OperationsKeys.Promote("context-store"), "true"));
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(KubernetesRun.Spec(run.Named("context-store-us-west-2-cluster")), "replica", "primary"), Is.EqualTo("context-store-us-west-2"), "the promotion is declared, so the next up keeps it");
            Assert.That(KubernetesRun.At(KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster")), "replica", "primary"), Is.EqualTo("context-store-us-west-2"), "the old primary stays a replica: never two writers");
        });
    }

    [Test]
    public async Task Redis_RecoveryReplicatesAndRunsNoSentinelUntilPromoted()
    {
        var run = await KubernetesRun.OfAsync();
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-west-2-role").Inputs, "data", "upstream"), Is.EqualTo("session-cache.use1.assistant.example.com 6379"), "the recovery Redis replicates from the primary region, declared in its role ConfigMap");
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-east-1-role").Inputs, "data", "upstream"), Is.EqualTo(string.Empty), "the writer's region declares no upstream");
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-west-2-sentinel").Inputs, "spec", "replicas"), Is.EqualTo(0), "a Sentinel there would promote the local copy on its own");
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-east-1-sentinel").Inputs, "spec", "replicas"), Is.EqualTo(5), "2 x quorum 3 - 1 Sentinels keep the quorum when two are lost");
            Assert.That((string)KubernetesRun.At(run.Named("session-cache-us-east-1-sentinel").Inputs, "spec", "template", "spec", "containers", "0", "command", "2")!,
                Does.Contain("sentinel monitor session-cache-us-east-1 session-cache-us-east-1-redis-0.session-cache-us-east-1-redis.rag-assistant.svc 6379 3"), "quorum 3 on the region's master name");
        });
    }

    [Test]
    public async Task RedisWriterMoved_OldRegionIsScaledToZero()
    {
        var run = await KubernetesRun.OfAsync(Ops(OperationsKeys.WriterRegion("session-cache"), "us-west-2"));
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-east-1-redis").Inputs, "spec", "replicas"), Is.EqualTo(0), "never two writers: the old region's Redis stops");
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-west-2-sentinel").Inputs, "spec", "replicas"), Is.EqualTo(5), "Sentinel watches the new writer");
        });
    }

    [Test]
    public async Task RedisFenced_PrimaryRegionDeclaresItsSentinelsStopped()
    {
        var run = await KubernetesRun.OfAsync(Ops(OperationsKeys.Fence("session-cache"), "true"));
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-east-1-sentinel").Inputs, "spec", "replicas"), Is.EqualTo(0),
                "the fence scaled them to 0: declaring 5 would conflict with kubectl's count, or, forced, restart Sentinels that fail over to an unpaused replica");
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-east-1-redis").Inputs, "spec", "replicas"), Is.EqualTo(3), "the paused master itself stays until the writer moves");
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-west-2-sentinel").Inputs, "spec", "replicas"), Is.EqualTo(0), "nothing is promoted yet");
        });
    }
}
