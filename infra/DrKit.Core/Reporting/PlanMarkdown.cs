using System.Text;
using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Reporting;

/// <summary>Markdown for pull-request comments: a summary, a table, and the reasoning folded away.</summary>
public static class PlanMarkdown
{
    public static string Render(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        sb.AppendLine($"### DR plan: `{plan.Stack}` ({plan.Service})");
        sb.AppendLine();
        var recovery = plan.RecoveryRegions.Count == 0 ? "none (single region)" : string.Join(", ", plan.RecoveryRegions);
        sb.AppendLine($"Primary **{plan.PrimaryRegion}**, recovery **{recovery}**. Overall {Format.VerdictIcon(plan.Overall)} **{Format.Verdict(plan.Overall)}**; service RTO {Format.ServiceRto(plan)} (typical-worst), data RPO {Format.ServiceRpo(plan)}, release propagation {Format.Duration(plan.PropagationDelay)}{(plan.Calibrated ? " (drill-calibrated)" : string.Empty)}; cost **{Format.Cost(plan.TotalCostFactor)}** of single-region.");
        sb.AppendLine();
        sb.AppendLine("| Component | Kind | Tier | Strategy | Mechanism | RPO typical-worst / target | RTO typical-worst / target | Verdict | Cost | Reason |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var c in plan.Components)
        {
            sb.AppendLine($"| `{c.Name}` | {Names.Of(c.Kind)} | {Names.Of(c.Tier)} | {Names.Of(c.Strategy)} | {Cell(c.Mechanism)} | {Format.Rpo(c.Estimate)} / {Format.Duration(c.Target.Rpo)} | {Format.Rto(c.Estimate)} / {Format.Duration(c.Target.Rto)} | {Format.VerdictIcon(c.Verdict)} {Format.Verdict(c.Verdict)} | {Format.Cost(c.CostFactor)} | {Cell(c.Reason)} |");
        }

        sb.AppendLine();
        foreach (var note in plan.Notes)
        {
            sb.AppendLine($"> {note}");
        }

        sb.AppendLine();
        foreach (var (component, chain) in ProviderChainRows.Chains(plan))
        {
            sb.AppendLine($"#### Model providers: `{component.Name}`");
            sb.AppendLine();
            sb.AppendLine("| " + string.Join(" | ", ProviderChainRows.Columns) + " |");
            sb.AppendLine("|" + string.Concat(ProviderChainRows.Columns.Select(_ => "---|")));
            foreach (var r in ProviderChainRows.Rows(chain))
            {
                sb.AppendLine($"| {r.Position} | `{r.Rung}` | {Cell(r.Where)} | {Cell(r.Chat)} | {Cell(r.Embeddings)} | {r.SwitchRto} | {Format.StatusIcon(r.Status)} {Format.Status(r.Status)} | {Cell(r.Meaning)} |");
            }

            sb.AppendLine();
            sb.AppendLine(Cell(ProviderChainRows.Footer(chain, plan)));
            sb.AppendLine();
        }

        sb.AppendLine("<details><summary>How each estimate was reached</summary>");
        sb.AppendLine();
        if (plan.Timeline.Count > 0)
        {
            sb.AppendLine("**Failover timeline** (the steps the failover program runs, in order)");
            sb.AppendLine();
            sb.AppendLine("| " + string.Join(" | ", TimelineColumns) + " |");
            sb.AppendLine("|" + string.Concat(TimelineColumns.Select(_ => "---|")));
            foreach (var row in TimelineRows(plan))
            {
                sb.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
            }

            sb.AppendLine();
        }

        foreach (var c in plan.Components)
        {
            sb.AppendLine($"**{c.Name}** ({c.Mechanism}): RPO {Format.Rpo(c.Estimate)}, RTO {Format.Rto(c.Estimate)} (typical-worst)");
            foreach (var line in c.Estimate.Terms.Select(Format.Term).Concat(c.Estimate.Caveats.Select(x => "caveat: " + x)).Concat(c.CostBasis.Select(x => "cost: " + x)))
            {
                sb.AppendLine($"- {line}");
            }

            foreach (var r in c.Regions)
            {
                sb.AppendLine($"- {r.Region} ({r.Role}): {string.Join(", ", r.Values.Select(v => $"{v.Key} {v.Value}"))}");
            }

            sb.AppendLine();
        }

        sb.AppendLine("</details>");
        return sb.ToString();
    }

    /// <summary>Columns of the failover timeline, shared by the console and Markdown renderings.</summary>
    public static IReadOnlyList<string> TimelineColumns { get; } = ["Step", "Typical-worst", "Bound", "Runs", "Terms"];

    /// <summary>One row per timeline step: its range, the program's bound, how its terms combine, and the terms with their basis.</summary>
    public static IEnumerable<string[]> TimelineRows(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Timeline.Select(s => new[]
        {
            s.Step,
            Format.Range(s.Typical, s.Worst, s.Worst is not null),
            Format.Duration(s.Timeout),
            s.Composition,
            string.Join("; ", s.Terms.Select(t => $"{t.Name} {Format.Range(t.Typical, t.Worst, t.Worst is not null)} [{Format.Basis(t)}]{(t.Measured is { } m ? " " + m : string.Empty)}")),
        });
    }

    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
