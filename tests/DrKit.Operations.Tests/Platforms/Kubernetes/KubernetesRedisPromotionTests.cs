using DrKit.Failover;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary>
/// A Redis promotion on Kubernetes is what Sentinel-aware clients see: the recovery region's Sentinels forget what
/// their volumes kept and name the promoted pod with their quorum. A master found in the recovery region counts as
/// promoted only where the stack records it as the writer.
/// </summary>
public sealed class KubernetesRedisPromotionTests
{
    private const string Pod1 = "session-cache-us-west-2-redis-1.session-cache-us-west-2-redis.rag-assistant.svc";

    [Test]
    public async Task Failover_SentinelsRememberAnEarlierMaster_AreMadeToWatchThePromotedPod()
    {
        var harness = new KubernetesFailoverHarness();
        Array.Fill(harness.Kube.RecoveryWatching, Pod1);

        var result = await harness.RunAsync();

        var toRecovery = harness.Kube.CallsTo(FakeKube.RecoveryContext).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.RecoveryNamed, Is.EqualTo(Enumerable.Repeat(FakeKube.RecoveryRedisHost, 5)),
                "every Sentinel names pod 0: left alone they would turn it into a replica of the earlier epoch's master");
            Assert.That(toRecovery, Has.Some.Contains("SENTINEL REMOVE session-cache-us-west-2"), "their stale state is dropped first");
            Assert.That(toRecovery, Has.Some.Contains("SENTINEL CKQUORUM session-cache-us-west-2"), "and the promotion waits for their quorum");
        });
    }

    [Test]
    public async Task Verify_ReadsTheSentinelsNotOnlyTheRoleOfPod0()
    {
        var harness = new KubernetesFailoverHarness();
        var promoter = (Operations.Platforms.Kubernetes.RedisPromoter)Operations.Platforms.Kubernetes.KubernetesFailover.Promoter(
            harness.Topology, harness.Topology.DataTiers.Single(t => t.Component == "session-cache"), "us-west-2",
            new Operations.Platforms.Kubernetes.Kubectl(harness.Kube), new Operations.Adapters.StackTarget(harness.World.Gateway.Object, KubernetesFailoverHarness.Stack), harness.Clock);
        harness.Kube.RecoveryRedisRole = "master";

        var (writer, detail) = await promoter.ReadWriterAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(writer, Is.False, "pod 0 says master, but no Sentinel runs to tell clients so");
            Assert.That(detail, Does.Contain("CKQUORUM"), "the detail says what clients lack");
        });
    }

    [Test]
    public async Task Failover_RecoveryRedisAlreadyMasterWithoutRecord_IsRefusedWithTheSteps()
    {
        var harness = new KubernetesFailoverHarness();
        // A manual failback that never pointed the recovery pod back: a stale master holding the data as of then.
        harness.Kube.RecoveryRedisRole = "master";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Summary, Does.Contain("stale copy").And.Contain("REPLICAOF").And.Contain("master_link_status:up"), "the refusal gives the steps");
            Assert.That(harness.Kube.CallsTo(FakeKube.PrimaryContext), Is.Empty, "refused at Readiness: the primary cluster was never fenced");
            Assert.That(harness.Kube.RecoverySentinels, Is.Zero, "nothing was started");
        });
    }

    [Test]
    public async Task Failover_ResumedAfterReplicaOfNoOne_StartsTheSentinelsItHadNotStarted()
    {
        var harness = new KubernetesFailoverHarness();
        // An earlier run of this operation recorded the writer and ran REPLICAOF NO ONE, then died before the scale.
        await harness.World.Gateway.Object.SetConfigAsync(KubernetesFailoverHarness.Stack,
            new Dictionary<string, ConfigSetting>(StringComparer.Ordinal) { ["drkit-ops:writerRegion.session-cache"] = ConfigSetting.Plain("us-west-2") }, CancellationToken.None);
        harness.Kube.RecoveryRedisRole = "master";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.RecoverySentinels, Is.EqualTo(5), "a master without Sentinels is not promoted: clients could not find it");
            Assert.That(harness.Kube.RecoveryNamed, Has.All.EqualTo(FakeKube.RecoveryRedisHost), "and they name it");
        });
    }
}
