using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary>
/// A primary cluster that answers is up, whatever it answers: a webhook it cannot call, an operator that does not act
/// on a demotion, a Redis pod that is not running or a redis-cli that fails are failures of a reachable cluster, never
/// the silence of a lost region. Only where the old writer provably stopped does the run go on without a token.
/// </summary>
public sealed class KubernetesFenceAnswerTests
{
    [Test]
    public async Task Failover_CnpgWebhookCannotBeCalled_IsRefusedNotSilence()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.PrimaryWebhookDown = true;

        var result = await harness.RunAsync(topology: harness.WithoutRedis);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.RecoveryPromotions, Is.Empty, "a dead operator does not stop PostgreSQL: promoting would leave two writers");
            Assert.That(result.Summary, Does.Contain("fence REFUSED").And.Contain("failed calling webhook"), "the API server's words, read as an answer");
            Assert.That(harness.Kube.PrimaryIsPrimary, Is.True, "the old primary keeps its writes");
        });
    }

    [Test]
    public async Task Failover_DemotionAcceptedButOperatorDoesNotAct_IsRefusedAndTheSpecGivenBack()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.PrimaryOperatorStuck = true;

        var result = await harness.RunAsync(topology: harness.WithoutRedis);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Summary, Does.Contain("fence REFUSED").And.Contain("pg_is_in_recovery() = f"), "PostgreSQL itself says it still writes");
            Assert.That(harness.Kube.RecoveryPromotions, Is.Empty, "no tokenless promotion beside a live writer");
            Assert.That(harness.Kube.PrimarySpec, Is.EqualTo(FakeKube.PrimaryCluster), "the rollback names the old primary primary again, so its spec matches what it is");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:fence.context-store").WithValue("false"), "and the recorded intent is undone");
        });
    }

    [Test]
    public async Task Failover_DemotedWithoutAToken_PromotesWithoutTokenAndSaysSo()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.PrimaryPublishesNoToken = true;

        var result = await harness.RunAsync(topology: harness.WithoutRedis);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.PrimaryDemoted, Is.True, "the old primary no longer writes");
            Assert.That(harness.Kube.RecoveryPromotions, Is.EqualTo(new[] { ((string?)null, false) }), "no token, so a failover, within the tier's RPO");
            Assert.That(result.Failover!.UnconfirmedFences, Has.Some.Contains("published no demotion token").And.Some.Contains("rebuilt"),
                "not a switchover: the result says the old primary must be rebuilt");
        });
    }

    [Test]
    public void DemotionBound_IsBelowTheFenceAttempt() =>
        Assert.That(KubernetesAssumptions.CnpgDemotionBound, Is.LessThan(StepTimeouts.Cloud.FenceAttempt),
            "the adapter must judge a demotion that does not come before the engine's bound reads it as silence");

    [Test]
    public async Task Failover_PrimaryRedisPod0NotRunning_PausesFromAnotherPod()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.PrimaryRedisPodsDown.Add(0);

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.MasterPaused, Is.True, "the master was paused through pod 1");
            Assert.That(harness.Kube.PrimaryJumpPods, Does.Contain("session-cache-us-east-1-redis-1"), "any Redis pod reaches the master");
            Assert.That(result.Failover!.UnconfirmedFences, Is.Empty, "a confirmed, zero-loss fence");
        });
    }

    [Test]
    public async Task Failover_RedisCliFailsInAReachableCluster_IsRefusedAndTheSentinelsComeBack()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.PrimaryRedisCliFails = true;

        var result = await harness.RunAsync();

        var toPrimary = harness.Kube.CallsTo(FakeKube.PrimaryContext).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Summary, Does.Contain("fence REFUSED").And.Contain("could not be paused"), "a failure inside a pod of a cluster that answered is no outage");
            Assert.That(harness.Kube.RedisPromotions, Is.Zero, "the unpaused master keeps the writes alone");
            Assert.That(toPrimary.FindIndex(c => c.StartsWith("scale statefulset/session-cache-us-east-1-sentinel --replicas=0", StringComparison.Ordinal)),
                Is.LessThan(toPrimary.FindIndex(c => c.Contains("CLIENT PAUSE", StringComparison.Ordinal))), "the Sentinels are stopped as soon as the cluster answers, before the pause");
            Assert.That(harness.Kube.PrimarySentinels, Is.EqualTo(5), "the rollback starts them again: the run changed nothing");
        });
    }

    [TestCase(FakeKube.WebhookUnreachable, KubeOutcome.Refused)]
    [TestCase("Error from server (Forbidden): pods \"x\" is forbidden", KubeOutcome.Refused)]
    [TestCase("Error from server (InternalError): Internal error occurred: etcdserver: leader changed", KubeOutcome.Failed)]
    [TestCase("error: unable to upgrade connection: container not found (\"redis\")", KubeOutcome.Failed)]
    [TestCase("command terminated with exit code 1", KubeOutcome.Failed)]
    [TestCase("error: no pods found for statefulset session-cache-us-east-1-sentinel", KubeOutcome.Failed)]
    [TestCase("Error from server (InternalError): an error on the server (\"\") has prevented the request from succeeding", KubeOutcome.Silent)]
    [TestCase("Error from server (ServiceUnavailable): the server is currently unable to handle the request", KubeOutcome.Silent)]
    [TestCase("Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout", KubeOutcome.Silent)]
    [TestCase("error: You must be logged in to the server (Unauthorized)", KubeOutcome.Silent)]
    public void Classify_ReadsKubectlsErrorAsAnAnswerOrSilence(string stderr, KubeOutcome outcome) =>
        Assert.That(Kubectl.Classify(stderr), Is.EqualTo(outcome),
            "only the API server writes its own Status (and the kubelet its exec errors); a proxy in front of a failing control plane writes the generic ones");
}
