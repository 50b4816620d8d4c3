using DrKit.Failover;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

public sealed class KubernetesFailbackTests
{
    [Test]
    public async Task Failback_AfterASwitchover_ReturnsTheWriterWithTheRecoveryClustersTokenThenTrafficThenGpus()
    {
        var harness = new KubernetesFailoverHarness();
        var topology = harness.WithoutRedis;
        var failover = await harness.RunAsync(topology: topology);
        Assert.That(failover.Outcome, Is.EqualTo(OperationOutcome.Succeeded), failover.Summary);

        var result = await harness.FailbackAsync(topology);

        var kube = harness.Kube;
        Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[] { "Prerequisites", "SelectStack", KubeAccess.Step }.Concat(FailoverSteps.Ordered).Append(KubernetesFailback.ReleaseRecovery)),
            $"failback runs the engine's steps in reverse roles, and releases the recovery GPUs last ({result.Summary})");
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(kube.RecoverySpec, Is.EqualTo(FakeKube.PrimaryCluster), "the recovery cluster was demoted: it names the primary cluster");
            Assert.That(kube.PrimaryPromotions, Is.EqualTo(new[] { ((string?)FakeKube.Token, true) }),
                "the primary cluster was promoted once, with the recovery cluster's token, after replaying up to it (lag 0)");
            Assert.That((kube.PrimaryIsPrimary, kube.RecoveryIsPrimary), Is.EqualTo((true, false)), "one writer, in the primary region");
            Assert.That(harness.Aws.Controls, Is.EqualTo(new Dictionary<string, string> { [PilotLightProgram.Primary] = "On", [PilotLightProgram.Recovery] = "Off" }),
                "all traffic is back through the routing controls");
            Assert.That((kube.InferenceReady, kube.Placeholders), Is.EqualTo((0, 2)), "recovery inference is scaled back and the placeholders hold the GPUs again");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:fence.context-store").WithValue("false"), "the stack declares the primary cluster primary again");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:promote.context-store").WithValue("false"), "and the recovery cluster its replica");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:recovery.running").WithValue("0"), "pilot light runs no inference in the recovery region again");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:traffic.activeRegion").WithValue(PilotLightProgram.Primary), "the traffic gate is recorded");
        });
    }

    [Test]
    public async Task Failback_WithASentinelRedisTier_IsRefusedBeforeAnyChange()
    {
        var harness = new KubernetesFailoverHarness();
        await harness.RunAsync();
        var writes = harness.World.ConfigWrites.Count;
        var patches = harness.Kube.Calls.Count(c => c.Line.StartsWith("patch ", StringComparison.Ordinal));

        var result = await harness.FailbackAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), result.Summary);
            Assert.That(result.Summary, Does.Contain("session-cache").And.Contain("retired"), "the refusal says why Redis cannot come back");
            Assert.That(harness.World.ConfigWrites, Has.Count.EqualTo(writes), "nothing was recorded");
            Assert.That(harness.Kube.Calls.Count(c => c.Line.StartsWith("patch ", StringComparison.Ordinal)), Is.EqualTo(patches), "no cluster was patched");
        });
    }

    [Test]
    public async Task Failback_RecoveryClusterDoesNotConfirmItsDemotion_NeverPromotesWithoutAToken()
    {
        var harness = new KubernetesFailoverHarness();
        var topology = harness.WithoutRedis;
        await harness.RunAsync(topology: topology);
        harness.Kube.RecoveryDown = true;

        var result = await harness.FailbackAsync(topology);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.PrimaryPromotions, Is.Empty, "a tokenless promotion could leave two writers once the recovery cluster answers again");
            Assert.That(harness.Kube.PrimaryIsPrimary, Is.False, "the primary cluster stays a replica");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Recovery], Is.EqualTo("On"), "traffic stays with the writer");
        });
    }

    [Test]
    public async Task FailbackDryRun_OfK8sPilotLight_PrintsTheReverseSwitchoverAndTheRedisRefusal()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("failback", "k8s-pilot-light", "--dry-run", "--format", "markdown");

        var steps = FailbackProgram.Plan(BundledStacks.Topology("k8s-pilot-light"), new FailbackSettings { OperationId = "plan" });
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(Cli.ExitCodes.Ok), cli.Error);
            Assert.That(cli.FactoryCalls, Is.Zero, "a dry run calls nothing");
            Assert.That(steps.Single(s => s.Name == FailoverSteps.Fence).Calls,
                Does.Contain("kubectl --context eks-rag-usw2 --namespace rag-assistant --request-timeout=20s patch clusters.postgresql.cnpg.io context-store-us-west-2 --type merge -p '{\"spec\":{\"replica\":{\"primary\":\"context-store-us-east-1\",\"promotionToken\":null}}}'"),
                "the recovery cluster is demoted first, in its own context, and the token of its own promotion is deleted (CNPG refuses a replica spec that keeps one)");
            Assert.That(steps.Single(s => s.Name == FailoverSteps.Promote).Calls, Does.Contain("--context eks-rag-use1").And.Contain("promotionToken").And.Contain("never without the token"),
                "the primary cluster is promoted with the token");
            Assert.That(steps.Single(s => s.Name == FailoverSteps.Readiness).Calls, Does.Contain("session-cache: REFUSED"), "the dry run says the Redis tier stops a real run");
        });
    }

    [Test]
    public async Task CloudDrill_OfAStackWithDataOnKubernetes_IsRefusedRatherThanDrilledWithoutItsData()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("drill", "k8s-pilot-light", "--dry-run");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(Cli.ExitCodes.BadInput), "a drill that restores none of the stack's data would report a hollow success");
            Assert.That(cli.Error, Does.Contain("context-store runs on Kubernetes").And.Contain("Nothing was changed"), "the refusal names the tier");
            Assert.That(cli.FactoryCalls, Is.Zero, "nothing is called");
        });
    }
}
