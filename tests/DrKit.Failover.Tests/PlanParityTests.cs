using DrKit.Core.Planning;
using DrKit.Failover.Tests.Fakes;

namespace DrKit.Failover.Tests;

/// <summary>
/// The plan's RTO is composed from the steps the engine runs: a step that exists in one and not the other, or runs in
/// another order, makes the estimate a promise about a different program.
/// </summary>
[TestFixture]
public sealed class PlanParityTests
{
    [TestCase("pilot-light")]
    [TestCase("active-active")]
    [TestCase("k8s-pilot-light")]
    public async Task EngineRun_WalksExactlyTheStepsThePlanEstimateComposes(string stack)
    {
        var plan = Planner.PlanFile(RepoPaths.Stack(stack));
        var result = await new FailoverScenario().RunAsync();
        var estimated = plan.Timeline.Where(s => s.Timeout is not null).Select(s => s.Step).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the engine run completes; reason: {result.Reason}");
            Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(estimated), "the engine runs exactly the steps, in the order, that the plan's RTO adds up");
        });
    }

    [Test]
    public void StepBounds_AreTheOnesTheCloudProgramsRun()
    {
        var plan = Planner.PlanFile(RepoPaths.Stack("pilot-light"));
        Assert.That(plan.Timeline.Where(s => s.Timeout is not null).Select(s => s.Timeout!.Value), Is.EqualTo(FailoverSteps.Ordered.Select(StepTimeouts.Cloud.For)),
            "each step's worst case is held to the bound the program enforces");
    }
}
