using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

public sealed class CnpgPromoterTests
{
    private static (CnpgPromoter Promoter, FakeKube Kube, StackWorld World) Create()
    {
        var kube = new FakeKube();
        var world = new StackWorld().WithStack(KubernetesFailoverHarness.Stack, _ => []);
        var promoter = new CnpgPromoter(
            new Kubectl(kube), new StackTarget(world.Gateway.Object, KubernetesFailoverHarness.Stack), "context-store",
            new KubeTarget("us-east-1", FakeKube.PrimaryContext, "rag-assistant"), FakeKube.PrimaryCluster,
            new KubeTarget("us-west-2", FakeKube.RecoveryContext, "rag-assistant"), FakeKube.RecoveryCluster,
            new ManualTimeProvider())
        {
            PollInterval = TimeSpan.Zero,
        };
        return (promoter, kube, world);
    }

    [Test]
    public async Task Fence_PrimaryAnswers_DemotesAndKeepsTheTokenAndItsWalLocation()
    {
        var (promoter, kube, world) = Create();

        await promoter.FenceAsync(CancellationToken.None);
        var status = await promoter.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(kube.PrimarySpec, Is.EqualTo(FakeKube.RecoveryCluster), "the fence names the replica cluster primary in the primary cluster's spec");
            Assert.That(promoter.DemotionToken, Is.EqualTo(FakeKube.Token), "the token the demoted primary published is kept for the promotion");
            Assert.That(world.ConfigValue(KubernetesFailoverHarness.Stack, "drkit-ops:demotionToken.context-store"), Is.EqualTo(FakeKube.Token), "and recorded for a resumed run");
            Assert.That(status.PrimaryReachable, Is.True, "the primary answered the fence, so a rollback can give it its writes back");
            Assert.That(status.Lag, Is.Not.EqualTo(TimeSpan.Zero), "the replica has not replayed up to the token yet: not lag 0");
        });
    }

    [Test]
    public void Fence_PrimaryDoesNotAnswer_ThrowsSoTheEngineReportsItNotConfirmed()
    {
        var (promoter, kube, world) = Create();
        kube.PrimaryDown = true;

        var error = Assert.ThrowsAsync<StackCommandFailedException>(() => promoter.FenceAsync(CancellationToken.None), "an unanswered demotion is no fence");

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(FakeKube.PrimaryContext).And.Contain("us-east-1"), "the message names the cluster that did not answer");
            Assert.That(world.ConfigValue(KubernetesFailoverHarness.Stack, "drkit-ops:fence.context-store"), Is.EqualTo("true"),
                "the intent is recorded, so the old primary's next deployment declares it demoted");
            Assert.That(kube.CallsTo(FakeKube.PrimaryContext).ToList(), Has.Count.EqualTo(1), "one attempt, no polling of a cluster that does not answer");
        });
    }

    [Test]
    public async Task GetStatus_NeverCallsThePrimaryCluster()
    {
        var (promoter, kube, _) = Create();

        var status = await promoter.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(kube.CallsTo(FakeKube.PrimaryContext), Is.Empty, "readiness reads the recovery cluster only");
            Assert.That(status.Lag, Is.EqualTo(TimeSpan.FromSeconds(2.5)), "lag is read inside the recovery cluster's designated primary");
            Assert.That(promoter.LastLag!.Source, Does.Contain("pg_last_xact_replay_timestamp").And.Contain("upper bound"), "the source says what the figure is");
        });
    }

    [Test]
    public void TokenLsn_ReadsCnpgsTokenAndRejectsAnythingElse()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CnpgCalls.TokenLsn(FakeKube.Token), Is.EqualTo(FakeKube.TokenLsn), "latestCheckpointREDOLocation of the base64 JSON token");
            Assert.That(CnpgCalls.TokenLsn("not base64!"), Is.Null, "text that is no token reads as none");
            var injected = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("{\"latestCheckpointREDOLocation\":\"0/1'; DROP TABLE x; --\"}"));
            Assert.That(CnpgCalls.TokenLsn(injected), Is.Null, "only a WAL location ever reaches the SQL DrKit runs");
        });
    }

    [Test]
    public void CommandLine_QuotesForAPosixShell()
    {
        var line = Kubectl.CommandLine(CnpgCalls.InRecovery(new KubeTarget("us-west-2", "eks-rag-usw2", "rag-assistant"), "context-store-us-west-2-1"));

        Assert.That(line, Is.EqualTo("kubectl --context eks-rag-usw2 --namespace rag-assistant --request-timeout=20s exec context-store-us-west-2-1 -c postgres -- psql -XAtc 'SELECT pg_is_in_recovery()'"),
            "a printed call can be pasted into a shell as it is");
        Assert.That(Kubectl.CommandLine(["-p", "it's"]), Is.EqualTo("kubectl -p 'it'\\''s'"), "a quote inside an argument survives");
    }
}

public sealed class KubernetesDryRunTests
{
    [Test]
    public async Task FailoverDryRun_OfK8sPilotLight_PrintsEachKubectlCallWithItsContextAndCallsNothing()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("failover", "k8s-pilot-light", "--dry-run", "--format", "markdown");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(Cli.ExitCodes.Ok), cli.Error);
            Assert.That(cli.Out, Does.Contain("kubectl --context eks-rag-usw2 --namespace rag-assistant --request-timeout=20s patch clusters.postgresql.cnpg.io context-store-us-west-2")
                .And.Contain("[us-west-2]").And.Contain("promotionToken"), "the promotion patch is printed with its context and region");
            Assert.That(cli.Out, Does.Contain("update-routing-control-states"), "traffic moves through the routing controls the stack declares");
            Assert.That(cli.FactoryCalls, Is.Zero, "a dry run calls nothing");
        });
    }

    [Test]
    public void FailoverPlan_OfK8sPilotLight_NamesThePrimaryClusterInTheFenceStepOnly()
    {
        var steps = FailoverProgram.Plan(BundledStacks.Topology("k8s-pilot-light"), new FailoverSettings { OperationId = "plan" });

        Assert.Multiple(() =>
        {
            Assert.That(steps.Where(s => s.Calls.Contains("--context eks-rag-use1", StringComparison.Ordinal)).Select(s => s.Name), Is.EqualTo(new[] { FailoverSteps.Fence }),
                "static stability: the failed region's cluster is called by the bounded fence alone");
            Assert.That(steps.Single(s => s.Name == FailoverSteps.Fence).Calls, Does.Contain($"bounded {new DrKit.Failover.StepTimeouts().FenceAttempt.TotalMinutes:0}m").And.Contain("[us-east-1]"), "the fence says its bound and region");
            Assert.That(steps.Single(s => s.Name == FailoverSteps.ScaleCompute).Calls, Does.Contain("scale deployment/gpu-us-west-2-inference --replicas=2"),
                "inference scales in the recovery cluster");
            Assert.That(steps.Single(s => s.Name == FailoverSteps.Verify).Calls, Does.Contain("pg_is_in_recovery()").And.Contain("ROLE").And.Contain("readyReplicas >= 2"),
                "verification reads the writers and the ready inference pods");
        });
    }
}
