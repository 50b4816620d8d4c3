using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Estimation;

/// <summary>Every estimate prints the figure it arrived at, so a reader can check the sum against the terms.</summary>
public sealed class ReasoningTests
{
    private static IEnumerable<TestCaseData> Components() =>
        RepoPaths.BundledStacks.SelectMany(s => Planner.PlanFile(RepoPaths.Stack(s)).Components.Select(c => new TestCaseData(s, c.Name).SetArgDisplayNames(s, c.Name)));

    [TestCaseSource(nameof(Components))]
    public void Reasoning_StatesTheEstimatedFigures(string stack, string component)
    {
        var c = Planner.PlanFile(RepoPaths.Stack(stack)).Component(component)!;
        AssertStates(c.Estimate.Reasoning, "RTO", c.Estimate.Rto);
        if (c.Estimate.Rpo is { } rpo)
        {
            AssertStates(c.Estimate.Reasoning, "RPO", rpo);
        }
        else
        {
            Assert.That(c.Estimate.Reasoning, Has.None.StartWith("RPO"), $"{component} is stateless: no RPO line");
        }
    }

    private static void AssertStates(IReadOnlyList<string> reasoning, string label, TimeSpan value)
    {
        var line = reasoning.Single(l => l.StartsWith($"{label} = ", StringComparison.Ordinal));
        var figure = DurationText.Format(value);

        // Several terms: "RTO = 15m30s: a 30s (...); b 5m (...)". One term: "RTO = detection 30s (...)".
        Assert.That(line.StartsWith($"{label} = {figure}: ", StringComparison.Ordinal) || (!line.Contains("; ", StringComparison.Ordinal) && line.Contains($" {figure} (", StringComparison.Ordinal)),
            Is.True, $"'{line}' should state {label} {figure}");
    }
}
