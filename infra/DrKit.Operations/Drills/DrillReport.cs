using System.Globalization;
using System.Text;

namespace DrKit.Operations.Drills;

/// <summary>Renders a cloud drill as Markdown, laid out like the local drill reports (verdict, measured vs target, timeline).</summary>
public static class DrillReport
{
    public static string Render(DrillRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# DR drill `{r.DrillId}`: {r.Verdict}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Stack: **{Cell(r.Spec.StackName)}** (cloud drill, {r.Spec.Mode} into ephemeral stack `{r.DrillStack}`)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Started {r.StartedAt:O}, took {Seconds(r.FinishedAt - r.StartedAt)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- RTO: {Seconds(r.Rto)} (target {Seconds(r.RtoTarget)})");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Drill stack torn down: {(r.TornDown ? "yes" : "NO - run 'drkit teardown " + r.DrillStack + "'")}");
        sb.AppendLine();
        sb.AppendLine(Cell(r.Summary));
        sb.AppendLine();
        if (r.Tiers.Count > 0 || r.Unmeasured.Count > 0)
        {
            sb.AppendLine("## Measured vs target");
            sb.AppendLine();
            sb.AppendLine("| Tier | Path | RTO | RTO target | RTO | RPO | RPO target | RPO |");
            sb.AppendLine("|---|---|---:|---:|---|---:|---:|---|");
            foreach (var t in r.Tiers)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Cell(t.Tier)} | {Cell((t.Missed ?? t.Note) is { } said ? $"{t.Path}: {said}" : t.Path)} | {Seconds(t.Rto)} | {Seconds(t.Targets.Rto)} | {(t.Rto is null ? "—" : Ok(t.RtoMet))} | {Seconds(t.RpoSeconds)} | {Seconds(t.Targets.Rpo)} | {Ok(t.RpoMet)} |");
            }

            foreach (var gap in r.Gaps)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(gap.Tier)} | not measured: {Cell(gap.Reason)} | — | — | — | unknown | — | missed |");
            }

            foreach (var name in r.Unmeasured.Where(n => r.Gaps.All(g => g.Tier != n)))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(name)} | — | — | — | — | unknown | — | missed |");
            }

            sb.AppendLine();
        }

        if (r.Timeline.Count > 0)
        {
            sb.AppendLine("## Steps");
            sb.AppendLine();
            sb.AppendLine("| Start (s) | Step | Outcome | Detail |");
            sb.AppendLine("|---:|---|---|---|");
            foreach (var e in r.Timeline)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {(e.At - r.StartedAt).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} | {Cell(e.Name)} | {Cell(e.Kind)} | {Cell(e.Detail)} |");
            }

            sb.AppendLine();
        }

        if (r.Error is { } error)
        {
            sb.AppendLine("## Error");
            sb.AppendLine();
            sb.AppendLine(Cell(error));
        }

        return sb.ToString();
    }

    private static string Seconds(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "—";

    private static string Ok(bool met) => met ? "met" : "missed";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
