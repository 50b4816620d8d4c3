using DrKit.Failover;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class FailoverProgramTests
{
    private static FailoverSettings Settings => new() { OperationId = "failover-test" };

    [Test]
    public async Task Failover_RunsPrerequisitesStackAndEngineSteps_InOrder()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        var program = new FailoverProgram(world.Gateway.Object, new InMemoryFailoverJournal(), new ManualClock());

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[]
        {
            "Prerequisites", "SelectStack", "Readiness", "Fence", "Promote", "ScaleCompute", "ShiftTraffic", "Verify", "Report",
        }), "a failover checks prerequisites and the stack first, then runs the engine's steps in their fixed order");
        Assert.That(result.MeasuredRto, Is.Not.Null, "a successful failover reports its measured RTO");
    }

    [Test]
    public async Task Failover_ChangesTheStackThroughTheConfigContract_FenceBeforePromoteBeforeTraffic()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        var program = new FailoverProgram(world.Gateway.Object, new InMemoryFailoverJournal(), new ManualClock());

        await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(world.Changes, Is.EqualTo(new[]
        {
            "SetConfig pilot-light drkit-ops:fence.context-store=true", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:fence.session-cache=true", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:promote.context-store=true", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:writerRegion.session-cache=us-west-2", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:recovery.running=2", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:traffic.activeRegion=us-west-2,drkit-ops:traffic.percent=100", "Up pilot-light",
        }), "the RDS replica is promoted by dropping its source, the Global Datastore by its writer region, each followed by an up; traffic moves last");
        Assert.That(world.Calls[0], Is.EqualTo("EnsureReady"), "prerequisites are checked before the first call that could change anything");
    }

    [Test]
    public async Task Failover_WithReplicaLagBeyondTheRpo_IsRefusedWithoutChangingTheStack()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: 7200));
        var program = new FailoverProgram(world.Gateway.Object, new InMemoryFailoverJournal(), new ManualClock());

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "two hours of lag exceeds both tiers' RPO");
        Assert.That(world.Changes, Is.Empty, "a refused failover must not set config or run up");
    }

    [Test]
    public async Task Failover_WhenPromotionDoesNotTakeEffect_RollsBackTheFence()
    {
        // The stack ignores the promote key: the replica never reports itself primary.
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(
            c.Where(p => !p.Key.StartsWith("drkit-ops:promote.", StringComparison.Ordinal)).ToDictionary()));
        var program = new FailoverProgram(world.Gateway.Object, new InMemoryFailoverJournal(), new ManualClock());

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "a promotion the outputs do not confirm is a failure");
        Assert.That(world.ConfigValue("pilot-light", "drkit-ops:traffic.percent"), Is.Null, "traffic must not move after a failed promotion");
        Assert.That(result.Steps.Select(s => s.Name), Does.Contain(FailoverSteps.Rollback), "the engine's rollback runs through the same stack adapters");
    }

    [Test]
    public void Failover_OfASingleRegionStack_IsRefusedBeforeAnyCall()
    {
        var world = new StackWorld();
        var program = new FailoverProgram(world.Gateway.Object, new InMemoryFailoverJournal(), new ManualClock());

        var error = Assert.ThrowsAsync<Gateway.OperationRefusedException>(
            () => program.RunAsync(BundledStacks.Topology("primary"), Settings, CancellationToken.None),
            "a stack without a recovery region has nowhere to fail over to");

        Assert.That(error!.Message, Does.Contain("primary"), "the refusal names the stack");
        Assert.That(world.Calls, Is.Empty, "nothing is called for a refused failover");
    }
}
