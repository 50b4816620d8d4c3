using DrKit.Core.Readiness;
using DrKit.Operations.Runbooks;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Azure;

[TestFixture]
public sealed class AzureRunbookTests
{
    private static string Markdown() =>
        RunbookMarkdown.Render(RunbookBuilder.Build(Core.Planning.Planner.PlanFile(BundledStacks.Path(AzureFailoverHarness.Stack)), DrillSummary.None));

    [Test]
    public void Build_AzureStack_UsesAzureSignalsAndCalls()
    {
        var text = Markdown();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Azure Service Health"), "a regional outage is confirmed where Azure reports it");
            Assert.That(text, Does.Contain("az postgres flexible-server replica promote"), "the failover's own Azure calls are listed");
            Assert.That(text, Does.Contain("az network traffic-manager endpoint show"), "Traffic Manager's monitor status is a detection signal");
            Assert.That(text, Does.Contain("az redisenterprise delete"), "failback deletes and recreates a force-unlinked member");
        });
    }

    [Test]
    public void Build_AzureStack_NamesNoAwsCallOrSignal()
    {
        var text = Markdown();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("aws "), "no AWS CLI call");
            Assert.That(text, Does.Not.Contain("AWS Health Dashboard"), "no AWS signal");
            Assert.That(text, Does.Not.Contain("CloudWatch"), "no CloudWatch alarm or canary (an Azure stack declares none)");
            Assert.That(text, Does.Not.Contain("drkit readiness"), "readiness --live refuses Azure stacks, so the runbook does not send operators there");
            Assert.That(text, Does.Contain("drkit failback azure-pilot-light"), "failback runs on Azure, so the runbook sends operators to it");
        });
    }

    [Test]
    public void Build_AzureStack_FailBackCutsTheOldServerFirstAndNeverFlushes()
    {
        var text = Markdown();
        var failBack = text[text.IndexOf("Fail back", StringComparison.Ordinal)..];
        var ingress = failBack.IndexOf("cut its ingress", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(ingress, Is.GreaterThan(0), "the old server's ingress is cut when its region returns");
            Assert.That(failBack.IndexOf("az postgres flexible-server replica create", StringComparison.Ordinal), Is.GreaterThan(ingress), "before anything else");
            Assert.That(failBack.IndexOf("az postgres flexible-server delete", StringComparison.Ordinal), Is.LessThan(failBack.IndexOf("az postgres flexible-server replica create", StringComparison.Ordinal)),
                "the old name is freed before a replica takes it");
            Assert.That(failBack, Does.Not.Contain("flush it and"), "a flush removes the data of every linked cache, the survivor's included");
            Assert.That(failBack, Does.Contain("az storage account or-policy delete"), "the source account's replication policy is deleted once its region returns");
        });
    }
}
