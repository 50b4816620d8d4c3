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
        sb.AppendLine($"Primary **{plan.PrimaryRegion}**, recovery **{recovery}**. Overall {Format.VerdictIcon(plan.Overall)} **{Format.Verdict(plan.Overall)}**; service RTO {Format.Duration(plan.ServiceRto)}, worst RPO {Format.Duration(plan.ServiceRpo)}; cost **{Format.Cost(plan.TotalCostFactor)}** of single-region.");
        sb.AppendLine();
        sb.AppendLine("| Component | Kind | Tier | Strategy | Mechanism | RPO est / target | RTO est / target | Verdict | Cost | Reason |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var c in plan.Components)
        {
            sb.AppendLine($"| `{c.Name}` | {Names.Of(c.Kind)} | {Names.Of(c.Tier)} | {Names.Of(c.Strategy)} | {Cell(c.Mechanism)} | {Format.Estimate(c.Estimate.Rpo, c.Estimate.RpoGuaranteed)} / {Format.Duration(c.Target.Rpo)} | {Format.Estimate(c.Estimate.Rto, c.Estimate.RtoGuaranteed)} / {Format.Duration(c.Target.Rto)} | {Format.VerdictIcon(c.Verdict)} {Format.Verdict(c.Verdict)} | {Format.Cost(c.CostFactor)} | {Cell(c.Reason)} |");
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
            sb.AppendLine(Cell(ProviderChainRows.Footer(chain)));
            sb.AppendLine();
        }

        sb.AppendLine("<details><summary>How each estimate was reached</summary>");
        sb.AppendLine();
        foreach (var c in plan.Components)
        {
            sb.AppendLine($"**{c.Name}** ({c.Mechanism})");
            foreach (var line in c.Estimate.Reasoning.Concat(c.Estimate.Caveats.Select(x => "caveat: " + x)))
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

    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
