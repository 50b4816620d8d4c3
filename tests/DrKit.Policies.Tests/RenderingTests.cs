using System.Text.Json;
using DrKit.Core.Planning;
using DrKit.Policies.Rendering;

namespace DrKit.Policies.Tests;

/// <summary>Markdown and JSON forms of a report.</summary>
public sealed class RenderingTests
{
    private static PolicyReport Broken => Stacks.Check(Planner.PlanFile(Stacks.Broken));

    [Test]
    public void Markdown_IsATableWithOneRowPerFinding()
    {
        var lines = PolicyMarkdown.Render(Broken).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.EqualTo("| Level | Rule | Subject | Finding | Fix |"), "a table header");
            Assert.That(lines.Count(l => l.StartsWith("| mandatory |", StringComparison.Ordinal) || l.StartsWith("| advisory |", StringComparison.Ordinal)), Is.EqualTo(Broken.Findings.Count), "one row per finding");
        });
    }

    [Test]
    public void Json_CarriesCountsAndFindings()
    {
        using var doc = JsonDocument.Parse(PolicyReportJson.Serialize(Broken));
        var root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("passed").GetBoolean(), Is.False, "mandatory violations mean not passed");
            Assert.That(root.GetProperty("mandatory").GetInt32(), Is.EqualTo(7), "seven mandatory rules are violated in the broken stack");
            Assert.That(root.GetProperty("findings")[0].GetProperty("fix").GetString(), Is.Not.Empty, "findings carry their fix");
        });
    }
}
