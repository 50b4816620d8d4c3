using DrKit.Failover;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Tests.Platforms.Azure;

[TestFixture]
public sealed class AzureFailoverPlanTests
{
    [Test]
    public void Plan_AzurePilotLight_ListsExactAzCallsAndTheirRegions()
    {
        var h = new AzureFailoverHarness();
        var steps = FailoverProgram.Plan(h.Topology, new FailoverSettings { OperationId = "dry" });
        var calls = steps.ToDictionary(s => s.Name, s => s.Calls);
        Assert.Multiple(() =>
        {
            Assert.That(calls[FailoverSteps.Promote], Does.Contain(
                $"`az postgres flexible-server replica promote --resource-group {h.RecoveryGroup} --name {h.Az.Replica} --promote-mode switchover --promote-option planned --yes --output json` [centralus]"),
                "the planned switchover, exact, in the recovery region");
            Assert.That(calls[FailoverSteps.Promote], Does.Contain("--promote-option forced"), "and the forced promotion for an outage");
            Assert.That(calls[FailoverSteps.Promote], Does.Contain("az redisenterprise database force-unlink"), "Redis force-unlink");
            Assert.That(calls[FailoverSteps.ScaleCompute], Does.Contain("az vmss scale --resource-group " + h.RecoveryGroup), "scale set in the recovery group");
            Assert.That(calls[FailoverSteps.ShiftTraffic], Does.Contain("az storage account or-policy delete"), "the destination policy is removed before traffic moves");
            Assert.That(calls[FailoverSteps.ShiftTraffic], Does.Contain("--name centralus --type externalEndpoints --endpoint-status Enabled --weight 1000"), "the recovery endpoint enabled first");
            Assert.That(calls[FailoverSteps.ShiftTraffic], Does.Contain("--name eastus2 --type externalEndpoints --endpoint-status Disabled"), "then the primary's disabled");
            Assert.That(calls[FailoverSteps.ShiftTraffic], Does.Not.Contain("--routing-method"), "never a routing-method change");
            Assert.That(string.Join(' ', steps.Select(s => s.Calls)), Does.Not.Contain("aws "), "no AWS call");
            Assert.That(calls[FailoverProgram.SwitchModelProvider], Does.Contain("not available on Azure"), "no SSM parameter is advertised on Azure");
        });
        foreach (var step in steps.Where(s => s.Name != FailoverSteps.Fence))
        {
            Assert.That(step.Calls, Does.Not.Contain(h.PrimaryGroup), $"{step.Name}: only the fence names the primary region's group");
            Assert.That(step.Calls, Does.Not.Contain("[eastus2]"), $"{step.Name}: only the fence calls into the primary region");
        }

        Assert.That(calls[FailoverSteps.Fence], Does.Contain($"--resource-group {h.PrimaryGroup}").And.Contain("bounded"), "the fence's reads are bounded");
    }
}
