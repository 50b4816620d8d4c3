using System.Text;

namespace DrKit.Policies.Rendering;

/// <summary>A policy report as Markdown for pull-request comments.</summary>
public static class PolicyMarkdown
{
    public static string Render(PolicyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append("### DR policy: ").Append(report.Stack).Append('\n').Append('\n');
        var mandatory = report.Mandatory.Count();
        var advisory = report.Advisory.Count();
        sb.Append(mandatory > 0 ? $"**{mandatory} mandatory violation(s)**" : "No mandatory violations").Append($", {advisory} advisory finding(s).\n");
        if (report.Findings.Count == 0)
        {
            return sb.ToString();
        }

        sb.Append("\n| Level | Rule | Subject | Finding | Fix |\n|---|---|---|---|---|\n");
        foreach (var f in report.Findings)
        {
            sb.Append($"| {PolicyLevels.Name(f.Level)} | `{f.RuleId}` | {Cell(f.Subject)} | {Cell(f.Message)} | {Cell(f.Fix)} |\n");
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
