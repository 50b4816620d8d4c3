using DrKit.Core.Config;
using DrKit.Core.Planning;
using DrKit.Core.Reporting;

namespace DrKit.Core.Tests.Planning;

public sealed class BundledStackTests
{
    private static IEnumerable<string> Stacks => RepoPaths.BundledStacks;

    private static IReadOnlyList<string> DeclaredComponents(string stack) =>
        ((ConfigMap)YamlStackFile.Load(RepoPaths.Stack(stack))["drkit:components"]!).Entries.Select(e => e.Key).ToList();

    [TestCaseSource(nameof(Stacks))]
    public void Stack_PlansEveryDeclaredComponent(string stack)
    {
        var plan = Planner.PlanFile(RepoPaths.Stack(stack));
        Assert.Multiple(() =>
        {
            Assert.That(plan.Stack, Is.EqualTo(stack), "the stack is named after its file");
            Assert.That(plan.Components.Select(c => c.Name), Is.EqualTo(DeclaredComponents(stack)), "every component, in file order");
            Assert.That(plan.Components, Has.All.Matches<ComponentPlan>(c => c.Estimate.Reasoning.Count > 0 && c.Reason.Length > 0), "every estimate explains itself");
            Assert.That(plan.ServiceRtoTypical, Is.GreaterThanOrEqualTo(plan.Components.Where(c => c.Tier == plan.Components.Min(x => x.Tier)).Max(c => c.Estimate.TypicalRto)),
                "the service is back no earlier than its most urgent tier's slowest component");
            Assert.That(plan.ServiceRtoTypical, Is.LessThanOrEqualTo(plan.ServiceRto), "typical never exceeds worst");
        });
    }

    [Test]
    public void PrimaryStack_NotesThatTheRegionItselfIsNotCovered()
    {
        var plan = Planner.PlanFile(RepoPaths.Stack("primary"));
        Assert.That(plan.Notes, Has.Some.StartWith("Single-region stack"), "a single-region plan must say it does not survive the region's loss");
    }

    [TestCaseSource(nameof(Stacks))]
    public void Json_RoundTripsToTheSameDocument(string stack)
    {
        var plan = Planner.PlanFile(RepoPaths.Stack(stack));
        var json = PlanJson.Serialize(plan);
        var back = PlanJson.Deserialize(json);
        Assert.Multiple(() =>
        {
            Assert.That(PlanJson.Serialize(back), Is.EqualTo(json), "serializing the parsed plan gives the same JSON");
            Assert.That(back.Components, Has.Count.EqualTo(plan.Components.Count), "every component survives");
            Assert.That((back.Stack, back.PrimaryRegion, back.TotalCostFactor, back.ServiceRto, back.ServiceRpo, back.Overall),
                Is.EqualTo((plan.Stack, plan.PrimaryRegion, plan.TotalCostFactor, plan.ServiceRto, plan.ServiceRpo, plan.Overall)), "stack-level fields survive");
            Assert.That((back.ServiceRtoTypical, back.ServiceRpoTypical, back.PropagationDelay, back.Timeline.Count, back.RecoveryPoints.Count),
                Is.EqualTo((plan.ServiceRtoTypical, plan.ServiceRpoTypical, plan.PropagationDelay, plan.Timeline.Count, plan.RecoveryPoints.Count)), "ranges, timeline and recovery-point gaps survive");
        });
        for (var i = 0; i < plan.Components.Count; i++)
        {
            var (a, b) = (plan.Components[i], back.Components[i]);
            Assert.That(
                (b.Name, b.Kind, b.Tier, b.Strategy, b.Mechanism, b.Target, b.Verdict, b.Reason, b.CostFactor, b.Estimate.Rpo, b.Estimate.Rto, b.Estimate.RpoGuaranteed, b.Estimate.RtoGuaranteed, b.Estimate.RtoTypical, b.Estimate.Terms.Count, b.Settings.GetType()),
                Is.EqualTo((a.Name, a.Kind, a.Tier, a.Strategy, a.Mechanism, a.Target, a.Verdict, a.Reason, a.CostFactor, a.Estimate.Rpo, a.Estimate.Rto, a.Estimate.RpoGuaranteed, a.Estimate.RtoGuaranteed, a.Estimate.RtoTypical, a.Estimate.Terms.Count, a.Settings.GetType())),
                $"{stack}/{a.Name}: scalar fields and the settings type survive the round trip");
        }
    }

    [Test]
    public void Json_UsesKebabCaseEnums()
    {
        var json = PlanJson.Serialize(Planner.PlanFile(RepoPaths.Stack("pilot-light")));
        Assert.That(json, Does.Contain("\"strategy\": \"pilot-light\"").And.Contain("\"kind\": \"inference-endpoint\""), "enums are written as the stack file spells them");
    }

    [TestCaseSource(nameof(Stacks))]
    public void Markdown_HasAHeaderAndOneRowPerComponent(string stack)
    {
        var plan = Planner.PlanFile(RepoPaths.Stack(stack));
        var lines = PlanMarkdown.Render(plan).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.StartsWith("| Component | Kind | Tier | Strategy |", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), "the table has a header row");
        Assert.That(lines[header + 1], Does.StartWith("|---|"), "a separator row follows the header");
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(plan.Components.Count), "one row per component");
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.That(rows[i], Does.StartWith($"| `{plan.Components[i].Name}` |"), "rows follow the plan's order");
                Assert.That(rows[i].Count(ch => ch == '|') - rows[i].Split("\\|").Length + 1, Is.EqualTo(11), $"row {i} has ten cells (pipes in text are escaped)");
            }
        });
    }
}
