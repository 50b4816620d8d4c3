using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Planning;

public sealed class RunbookDiffTests
{
    [Test]
    public void TighterRpo_ChangesTheDecisionRowAndTheAlarmThreshold()
    {
        var before = TestStacks.Plan(TestStacks.Yaml(TestStacks.Component("kind: postgres", "tier: production", "strategy: pilot-light"), "us-west-2"));
        var after = TestStacks.Plan(TestStacks.Yaml(TestStacks.Component("kind: postgres", "tier: production", "strategy: pilot-light", "rpo: 5m"), "us-west-2"));
        var changes = PlanDiff.Compare(before, after).RunbookChanges;
        Assert.Multiple(() =>
        {
            Assert.That(changes, Has.Some.StartsWith("c: decision row changes"), "targets moved");
            Assert.That(changes, Has.Some.StartsWith("alarm c-replica-lag-us-west-2: threshold 660 -> 180"), "the lag alarm follows the RPO: 15m -> 660 s, 5m -> 180 s (fires by the RPO)");
        });
    }

    [Test]
    public void SamePlan_HasNoRunbookChanges()
    {
        var plan = Planner.PlanFile(RepoPaths.Stack("pilot-light"));
        Assert.That(PlanDiff.Compare(plan, plan).RunbookChanges, Is.Empty, "nothing to regenerate");
    }
}
