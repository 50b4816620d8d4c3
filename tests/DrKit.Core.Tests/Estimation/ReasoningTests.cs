using DrKit.Core.Planning;
using DrKit.Core.Reporting;

namespace DrKit.Core.Tests.Estimation;

/// <summary>
/// Every estimate prints the range it arrived at, so a reader can check the sum against the terms, and every term says
/// where it comes from: a plan never states an assumption with a source's confidence.
/// </summary>
public sealed class ReasoningTests
{
    private static IEnumerable<TestCaseData> Components() =>
        RepoPaths.BundledStacks.SelectMany(s => Planner.PlanFile(RepoPaths.Stack(s)).Components.Select(c => new TestCaseData(s, c.Name).SetArgDisplayNames(s, c.Name)));

    [TestCaseSource(nameof(Components))]
    public void Reasoning_StatesTheEstimatedRange(string stack, string component)
    {
        var c = Planner.PlanFile(RepoPaths.Stack(stack)).Component(component)!;
        Assert.That(c.Estimate.Reasoning, Has.One.StartWith($"RTO = {Format.Rto(c.Estimate)}: "), $"the RTO line states typical-worst {Format.Rto(c.Estimate)}");
        if (c.Estimate.Rpo is not null)
        {
            Assert.That(c.Estimate.Reasoning, Has.One.StartWith($"RPO = {Format.Rpo(c.Estimate)}: "), $"the RPO line states typical-worst {Format.Rpo(c.Estimate)}");
        }
        else
        {
            Assert.That(c.Estimate.Reasoning, Has.None.StartWith("RPO"), $"{component} is stateless: no RPO line");
        }
    }

    [TestCaseSource(nameof(Components))]
    public void EveryTerm_IsMarkedSourcedAssumedConfiguredOrMeasured_WithItsSource(string stack, string component)
    {
        var c = Planner.PlanFile(RepoPaths.Stack(stack)).Component(component)!;
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Terms, Is.Not.Empty, "an estimate without terms explains nothing");
            foreach (var t in c.Estimate.Terms)
            {
                Assert.That(t.Source, Is.Not.Empty, $"{t.Measure} {t.Name} names its source, note or key");
                if (t.Basis == TermBasis.Sourced)
                {
                    Assert.That(t.Source, Does.StartWith("https://").Or.StartWith("seed:"), $"{t.Measure} {t.Name} is sourced, so it cites a URL or a seed article");
                }

                Assert.That(t.Worst is not null || !string.IsNullOrEmpty(t.UnboundedBecause), Is.True, $"{t.Measure} {t.Name} has a worst case or says why it has none");
            }
        });
    }

    [Test]
    public void UnsourcedFigures_AreMarkedAssumed()
    {
        // Restore rate, provisioning, GPU boot, model load, index rebuild, snapshot load and re-embedding have no
        // published figure: the plan must not state them with a source's confidence.
        var terms = RepoPaths.BundledStacks.SelectMany(s => Planner.PlanFile(RepoPaths.Stack(s)).Components.SelectMany(c => c.Estimate.Terms)).ToList();
        foreach (var name in new[] { "restore", "provision", "boot", "load", "rebuild", "re-embed" })
        {
            var found = terms.Where(t => t.Name == name || t.Name.EndsWith(" " + name, StringComparison.Ordinal)).ToList();
            Assert.That(found.Where(t => t.Basis == TermBasis.Sourced), Is.Empty, $"'{name}' terms are DrKit's assumptions, never sourced");
        }
    }
}
