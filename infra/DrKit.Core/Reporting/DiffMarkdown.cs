using System.Text;
using DrKit.Core.Planning;

namespace DrKit.Core.Reporting;

/// <summary>A plan diff as a pull-request comment: regressions first.</summary>
public static class DiffMarkdown
{
    public static string Render(PlanDiffResult diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var sb = new StringBuilder();
        var regressions = diff.Changes.Count(c => c.Kind is ChangeKind.Regressed or ChangeKind.Removed);
        sb.AppendLine($"### DR plan diff: `{diff.OldSource}` → `{diff.NewSource}`");
        sb.AppendLine();
        sb.AppendLine(regressions == 0
            ? "✅ No component's achievable RPO or RTO got worse."
            : $"❌ **{regressions} regression(s)**: achievable recovery got worse.");
        sb.AppendLine();
        sb.AppendLine($"Cost {Format.Cost(diff.OldCost)} → {Format.Cost(diff.NewCost)}.");
        sb.AppendLine();
        var shown = diff.Changes.Where(c => c.Kind != ChangeKind.Unchanged).OrderByDescending(c => c.Kind).ToList();
        Runbook(sb, diff);
        if (shown.Count == 0)
        {
            sb.AppendLine("No component changed.");
            return sb.ToString();
        }

        sb.AppendLine("| Component | Change | Details |");
        sb.AppendLine("|---|---|---|");
        foreach (var c in shown)
        {
            var icon = c.Kind is ChangeKind.Regressed or ChangeKind.Removed ? "❌" : c.Kind == ChangeKind.Improved ? "✅" : "➖";
            sb.AppendLine($"| `{c.Component}` | {icon} {c.Kind.ToString().ToLowerInvariant()} | {PlanMarkdown.Cell(string.Join("; ", c.Details))} |");
        }

        return sb.ToString();
    }

    private static void Runbook(StringBuilder sb, PlanDiffResult diff)
    {
        if (diff.RunbookChanges.Count == 0)
        {
            return;
        }

        sb.AppendLine($"📘 **Runbook changes** ({diff.RunbookChanges.Count}): regenerate it with `drkit runbook`.");
        sb.AppendLine();
        foreach (var change in diff.RunbookChanges)
        {
            sb.AppendLine($"- {change}");
        }

        sb.AppendLine();
    }
}
