using DrKit.Operations.Adapters;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Kubernetes;
using Moq;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

public sealed class CnpgPromoterTests
{
    private static (CnpgPromoter Promoter, FakeCluster Cluster, List<string> Config) Create()
    {
        var cluster = new FakeCluster();
        var config = new List<string>();
        var gateway = new Mock<IStackGateway>(MockBehavior.Strict);
        gateway.Setup(g => g.SetConfigAsync("k8s-pilot-light", It.IsAny<IReadOnlyDictionary<string, ConfigSetting>>(), It.IsAny<CancellationToken>()))
            .Callback<string, IReadOnlyDictionary<string, ConfigSetting>, CancellationToken>((_, values, _) => config.AddRange(values.Select(v => $"{v.Key}={v.Value.Value}")))
            .Returns(Task.CompletedTask);
        var promoter = new CnpgPromoter(
            new Kubectl(cluster), new StackTarget(gateway.Object, "k8s-pilot-light"), "context-store",
            new KubeTarget("us-east-1", FakeCluster.PrimaryContext, "rag-assistant"), FakeCluster.PrimaryCluster,
            new KubeTarget("us-west-2", FakeCluster.RecoveryContext, "rag-assistant"), FakeCluster.RecoveryCluster,
            new ManualTimeProvider())
        {
            PollInterval = TimeSpan.Zero,
        };
        return (promoter, cluster, config);
    }

    [Test]
    public async Task Switchover_DemotesThenPromotesWithTheDemotionToken()
    {
        var (promoter, cluster, config) = Create();

        await promoter.FenceAsync(CancellationToken.None);
        await promoter.PromoteAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(cluster.TopologyPrimaryInPrimary, Is.EqualTo(FakeCluster.RecoveryCluster), "the fence demotes the primary cluster declaratively");
            Assert.That(cluster.PromotionTokenSeen, Does.Contain("dG9rZW4="), "the demotion token is passed as promotionToken in the same patch as primary");
            Assert.That(config, Is.EqualTo(new[] { "drkit-ops:fence.context-store=true", "drkit-ops:promote.context-store=true" }), "the stack records each step before kubectl makes it");
        });
        Assert.That(await promoter.IsPromotedAsync(CancellationToken.None), Is.True, "verification reads isPrimary from the recovery cluster's status");
    }

    [Test]
    public async Task PrimaryDoesNotAnswer_FenceCountsAsDoneAndPromotionHasNoToken()
    {
        var (promoter, cluster, _) = Create();
        cluster.PrimaryAnswers = false;

        var status = await promoter.GetStatusAsync(CancellationToken.None);
        await promoter.FenceAsync(CancellationToken.None);
        await promoter.PromoteAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(status.PrimaryReachable, Is.False, "a primary cluster that does not answer is reported unreachable");
            Assert.That(status.Lag, Is.EqualTo(TimeSpan.FromSeconds(2.5)), "lag is read inside the designated primary's pod");
            Assert.That(cluster.PromotionTokenSeen, Is.Null, "without a demotion token the promotion is a failover");
            Assert.That(cluster.TopologyPrimaryInRecovery, Is.EqualTo(FakeCluster.RecoveryCluster), "the recovery cluster becomes the topology's primary");
            Assert.That(cluster.Calls.Where(c => c.Contains("patch", StringComparison.Ordinal)).Select(c => c.Split(' ')[1]), Is.EqualTo(new[] { FakeCluster.PrimaryContext, FakeCluster.RecoveryContext }),
                "one bounded fence attempt to the lost region, then only the recovery cluster");
        });
    }
}

public sealed class KubernetesDryRunTests
{
    [Test]
    public async Task FailoverDryRun_OfAKubernetesTier_IsRefusedUntilTheProgramRunsTheKubectlAdapters()
    {
        var cli = new Fakes.CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("failover", "k8s-pilot-light", "--dry-run", "--format", "markdown");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(Cli.ExitCodes.BadInput), "the statically stable program does not run kubectl adapters: it must refuse, not plan AWS calls for a CNPG tier");
            Assert.That(cli.Error, Does.Contain("runs on Kubernetes").And.Contain("Nothing was changed"), "the refusal names the tier and says nothing changed");
            Assert.That(cli.FactoryCalls, Is.Zero, "a dry run calls nothing");
        });
    }
}
