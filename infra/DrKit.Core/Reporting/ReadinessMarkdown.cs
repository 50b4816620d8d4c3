using System.Text;
using DrKit.Core.Readiness;

namespace DrKit.Core.Reporting;

/// <summary>The readiness score as Markdown for pull requests and tickets: score, verdict, every deduction, what was not checked.</summary>
public static class ReadinessMarkdown
{
    public static string Render(ReadinessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.AppendLine($"### DR readiness: `{report.Stack}` {(report.BelowThreshold ? "❌" : "✅")} **{report.Score}/100**");
        sb.AppendLine();
        sb.AppendLine($"{(report.Live ? "Offline and live checks" : "Offline checks only")}; {report.Verdict}.");
        sb.AppendLine();
        if (report.Deductions.Count == 0)
        {
            sb.AppendLine("No deductions.");
        }
        else
        {
            sb.AppendLine("| Points | Category | Subject | Why |");
            sb.AppendLine("|---:|---|---|---|");
            foreach (var d in report.Deductions)
            {
                sb.AppendLine($"| -{d.Points} | {d.Category} | {PlanMarkdown.Cell(d.Subject)} | {PlanMarkdown.Cell(d.Why)} |");
            }
        }

        foreach (var line in report.NotChecked)
        {
            sb.AppendLine();
            sb.AppendLine($"> Not checked: {line}");
        }

        return sb.ToString();
    }
}
