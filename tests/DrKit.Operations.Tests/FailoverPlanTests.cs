using DrKit.Failover;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class FailoverPlanTests
{
    private static readonly string[] RecoveryStacks = ["pilot-light", "active-active"];

    [TestCaseSource(nameof(RecoveryStacks))]
    public void DryRun_NamesThePrimaryRegionBeforeTrafficMovesOnlyInTheFence(string stack)
    {
        var topology = BundledStacks.Topology(stack);
        var steps = FailoverProgram.Plan(topology, new FailoverSettings { OperationId = "plan" });
        var primary = $"--region {topology.PrimaryRegion} ";
        var beforeTraffic = steps.TakeWhile(s => s.Name != FailoverSteps.ShiftTraffic).ToList();

        Assert.Multiple(() =>
        {
            foreach (var step in beforeTraffic.Where(s => s.Name != FailoverSteps.Fence))
            {
                Assert.That(step.Calls, Does.Not.Contain(primary), $"{stack} {step.Name}: no call to the region that may have failed");
            }

            foreach (var name in new[] { FailoverSteps.Readiness, FailoverSteps.Promote, FailoverSteps.ScaleCompute, FailoverSteps.Verify })
            {
                Assert.That(steps.Single(s => s.Name == name).Calls, Does.Contain("aws ").And.Contain($"--region {topology.RecoveryRegion}"),
                    $"{stack} {name}: the exact AWS CLI calls with their region");
            }

            Assert.That(steps.Single(s => s.Name == FailoverSteps.ShiftTraffic).Calls, Does.Contain("update-routing-control-states").And.Contain("--endpoint-url"),
                $"{stack}: traffic moves through the ARC data plane, on a cluster endpoint");
            Assert.That(steps.Where(s => s.Name != "Prerequisites").Select(s => s.Calls), Has.None.Contain("Up"), $"{stack}: no stack deployment during a failover");
        });
    }

    [Test]
    public void DryRun_ShowsTheBoundedBestEffortFenceInThePrimaryRegion()
    {
        var topology = BundledStacks.Topology("pilot-light");
        var fence = FailoverProgram.Plan(topology, new FailoverSettings { OperationId = "plan" }).Single(s => s.Name == FailoverSteps.Fence);

        Assert.That(fence.Calls, Does.Contain("best effort, bounded").And.Contain("rds modify-db-instance").And.Contain("rds reboot-db-instance").And.Contain("--region us-east-1"),
            "the fence cuts ingress and ends sessions on the old primary, in its own region, within a bound");
    }

    [Test]
    public void DryRun_ListsTheWriterAddressWritesWithTheirRegions()
    {
        var topology = BundledStacks.Topology("pilot-light");
        var promote = FailoverProgram.Plan(topology, new FailoverSettings { OperationId = "plan" }).Single(s => s.Name == FailoverSteps.Promote).Calls;
        var put = $"aws ssm put-parameter --name {PilotLightProgram.WriterParameter} --value <Endpoint.Address> --type String --overwrite";

        Assert.Multiple(() =>
        {
            Assert.That(promote, Does.Contain($"{put} --region us-west-2 --output json (required)"), "the recovery region's copy, which the step needs");
            Assert.That(promote, Does.Not.Contain($"{put} --region us-east-1"), "no write to the region that may have failed is listed before traffic moves");
            Assert.That(promote, Does.Contain("the old primary region's copy only when this run confirmed its fence").And.Contain("until the next pulumi up"),
                "the dry run says when the old primary region's copy is written, and what it holds otherwise");
            Assert.That(promote.IndexOf("ssm put-parameter", StringComparison.Ordinal), Is.GreaterThan(promote.IndexOf("promote-read-replica", StringComparison.Ordinal)),
                "written once the promotion is confirmed");
            Assert.That(promote, Does.Contain("Endpoint.Address from 'aws rds describe-db-instances"), "the address is read from RDS, not from config");
        });
    }

    [Test]
    public void DryRun_VerifyReadsTheWriterParameterBackInTheRecoveryRegion()
    {
        var verify = FailoverProgram.Plan(BundledStacks.Topology("pilot-light"), new FailoverSettings { OperationId = "plan" }).Single(s => s.Name == FailoverSteps.Verify).Calls;

        Assert.That(verify, Does.Contain($"aws ssm get-parameter --name {PilotLightProgram.WriterParameter} --region us-west-2"),
            "verification reads the parameter's real value where applications read it");
    }
}
