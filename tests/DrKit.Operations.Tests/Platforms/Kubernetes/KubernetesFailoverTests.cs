using DrKit.Failover;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

public sealed class KubernetesFailoverTests
{
    [Test]
    public async Task Failover_PrimaryClusterAnswers_IsAZeroLossSwitchover()
    {
        var harness = new KubernetesFailoverHarness();

        var result = await harness.RunAsync();

        var kube = harness.Kube;
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Failover!.UnconfirmedFences, Is.Empty, "both fences were confirmed by the primary cluster's answers");
            Assert.That(kube.PrimarySpec, Is.EqualTo(FakeKube.RecoveryCluster), "the fence demoted the primary cluster declaratively");
            Assert.That(kube.RecoveryPromotions, Is.EqualTo(new[] { ((string?)FakeKube.Token, true) }),
                "one promotion, carrying the demotion token, after the replica had replayed up to the token's location (lag 0)");
            Assert.That(kube.MasterPaused, Is.True, "the old Redis master stays paused for writes");
            Assert.That(kube.OffsetAtRedisPromotion, Is.EqualTo(kube.MasterOffset), "Redis was promoted only once it held the paused master's offset");
            Assert.That(kube.RecoverySentinels, Is.EqualTo(5), "the recovery cluster's Sentinels start watching the new master");
            Assert.That(kube.InferenceReady, Is.EqualTo(2), "inference runs in the recovery cluster");
            Assert.That(kube.Placeholders, Is.Zero, "the placeholders gave their GPUs to inference");
            Assert.That(harness.Aws.Controls, Is.EqualTo(new Dictionary<string, string> { [PilotLightProgram.Primary] = "Off", [PilotLightProgram.Recovery] = "On" }),
                "traffic moved through the ARC routing controls the stack declares");
        });
    }

    [Test]
    public async Task Failover_RunsTheEngineStepsInOrder_AndRecordsEachEffectInStackConfig()
    {
        var harness = new KubernetesFailoverHarness();

        var result = await harness.RunAsync();

        Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[] { "Prerequisites", "SelectStack", KubeAccess.Step }.Concat(FailoverSteps.Ordered)),
            "Kubernetes tiers go through the same engine and step list as AWS ones, after the recovery cluster's permissions are checked");
        Assert.Multiple(() =>
        {
            Assert.That(harness.World.Calls.Where(c => c.StartsWith("Up", StringComparison.Ordinal)), Is.Empty, "no pulumi up runs during a failover");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:fence.context-store").WithValue("true"), "the fence is recorded");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:promote.context-store").WithValue("true"), "the promotion is recorded so the next up declares it");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:demotionToken.context-store").WithValue(string.Empty), "the spent token is cleared");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:writerRegion.session-cache").WithValue(PilotLightProgram.Recovery), "the Redis writer is recorded");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:recovery.running").WithValue("2"), "the inference count is recorded");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:traffic.activeRegion").WithValue(PilotLightProgram.Recovery), "the traffic gate is recorded");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Readiness).Detail, Does.Contain("replayed up to the demotion token's WAL location").And.Contain("against the paused master's 1000"),
                "the run reports the last lag figures it read and where they came from: the switchover's lag 0");
        });
    }

    [TestCase(OutageMode.Fail)]
    [TestCase(OutageMode.Hang)]
    public async Task Failover_PrimaryClusterDown_CompletesWithoutCallingItExceptTheFence(OutageMode mode)
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.PrimaryDown = true;
        harness.Kube.Outage = mode;
        harness.Aws.FailedRegion = PilotLightProgram.Primary;
        harness.Aws.Outage = mode;

        var result = await harness.RunAsync();

        var toPrimary = harness.Kube.CallsTo(FakeKube.PrimaryContext).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Steps.Where(s => s.Outcome == StepOutcome.TimedOut), Is.Empty, "every step finishes within its timeout");
            Assert.That(toPrimary, Has.Count.EqualTo(2), "one bounded fence attempt per tier reaches the lost cluster, nothing else");
            Assert.That(toPrimary, Has.One.StartsWith($"patch clusters.postgresql.cnpg.io {FakeKube.PrimaryCluster}")
                .And.One.StartsWith("exec statefulset/session-cache-us-east-1-sentinel"), "the two calls are the demotion and the Sentinel question of the fence");
            Assert.That(result.Failover!.UnconfirmedFences, Has.Some.Contains("context-store").And.Some.Contains("session-cache"), "the result says neither fence is confirmed");
            Assert.That(result.Summary, Does.Contain("FENCE NOT CONFIRMED"), "so does the summary an operator reads");
            Assert.That(harness.Kube.RecoveryPromotions, Is.EqualTo(new[] { ((string?)null, false) }), "without a token the promotion is a failover, made once");
            Assert.That(harness.Kube.RecoveryRedisRole, Is.EqualTo("master"), "Redis in the recovery cluster is the writer");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Recovery], Is.EqualTo("On"), "the recovery region's routing control is On");
        });
    }

    [Test]
    public async Task Failover_WithReplicaLagBeyondTheRpo_IsRefusedWithoutAnyChange()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.ReplayLagSeconds = "7200";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "two hours of replay lag exceeds context-store's 30m RPO");
            Assert.That(harness.World.Changes, Is.Empty, "a refused failover records nothing");
            Assert.That(harness.Kube.Calls.Where(c => !c.Line.StartsWith("get ", StringComparison.Ordinal) && !c.Line.Contains(" -- psql", StringComparison.Ordinal)
                && !c.Line.EndsWith("INFO replication", StringComparison.Ordinal) && !c.Line.StartsWith("auth can-i ", StringComparison.Ordinal)), Is.Empty, "and only reads the clusters");
        });
    }

    [Test]
    public async Task Failover_PromotionRejected_RollsBackToTheOldPrimaryAlone()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.RejectPromotion = "admission webhook \"vcluster.cnpg.io\" denied the request: invalid promotion token";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.RolledBack), result.Summary);
            Assert.That(harness.Kube.RecoveryIsPrimary, Is.False, "the recovery cluster was never promoted");
            Assert.That(harness.Kube.PrimarySpec, Is.EqualTo(FakeKube.PrimaryCluster), "so the old primary takes writes again");
            Assert.That(harness.Kube.MasterPaused, Is.False, "and the old Redis master takes writes again");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("On"), "traffic does not move");
        });
    }

    [Test]
    public async Task Failover_PromotionAcceptedButNeverFinishing_KeepsTheOldPrimaryDemoted()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.PromotionStalls = true;

        var result = await harness.RunAsync(new FailoverSettings { OperationId = "stalls", Timeouts = FailoverSettings.CloudTimeouts with { Promote = TimeSpan.FromMinutes(3) } });

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), result.Summary);
            Assert.That(harness.Kube.RecoverySpec, Is.EqualTo(FakeKube.RecoveryCluster), "CNPG holds the promotion request");
            Assert.That(harness.Kube.PrimarySpec, Is.EqualTo(FakeKube.RecoveryCluster), "a cluster CNPG may still promote must not meet an undemoted old primary: two writers");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("On"), "traffic does not move after a failed promotion");
        });
    }

    [Test]
    public async Task Failover_PromotionAnswerLost_ReadsTheClusterBackAndDoesNotPromoteAgain()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.LosePromotionAnswer = true;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.RecoveryPromotions, Has.Count.EqualTo(1), "the spec the API server holds says the promotion is under way: it is not repeated");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail, Does.Contain("read-back confirms"), "the step says why it went on");
        });
    }
}
