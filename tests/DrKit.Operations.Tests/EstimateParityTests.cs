using DrKit.Core.Planning;
using DrKit.Failover;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>The tiers the plan's RTO promotes one after the other are the tiers the failover program promotes, in its order.</summary>
public sealed class EstimateParityTests
{
    [TestCase("pilot-light")]
    [TestCase("active-active")]
    [TestCase("k8s-pilot-light")]
    public void PromotedTiers_AreTheProgramsDataTiers_InItsOrder(string stack)
    {
        var plan = Planner.PlanFile(BundledStacks.Path(stack));
        var estimated = plan.Timeline.Single(s => s.Step == FailoverSteps.Promote).Terms
            .Select(t => plan.Components.Single(c => t.Name.StartsWith(c.Name + " ", StringComparison.Ordinal)).Name).Distinct();
        Assert.That(estimated, Is.EqualTo(OperationTopology.From(plan).DataTiers.Select(t => t.Component)),
            "a tier the estimate promotes and the program does not (or the reverse) would make the plan promise another failover");
    }
}
