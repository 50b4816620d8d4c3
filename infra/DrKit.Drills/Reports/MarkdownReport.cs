using System.Globalization;
using System.Text;

namespace DrKit.Drills.Reports;

/// <summary>Renders a drill result as Markdown (for pull requests, wikis, audit evidence).</summary>
public static class MarkdownReport
{
    public static string Render(DrillResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        var origin = ReportFormat.Origin(r);
        sb.AppendLine(CultureInfo.InvariantCulture, $"# DR drill `{r.DrillId}`: {r.Verdict}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Stack: **{Cell(r.Spec.StackName)}**");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Scenario: {ReportFormat.Mode(r.Spec)}; {r.Spec.WritesPerSecond} writes/s per tier");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Started {r.StartedAt:O}, took {ReportFormat.Seconds(r.FinishedAt - r.StartedAt)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Detection: {ReportFormat.Seconds(r.DetectionTime)} (probes every {r.Spec.ProbeInterval.TotalMilliseconds:0} ms)");
        sb.AppendLine();
        sb.AppendLine(Cell(r.Summary));
        sb.AppendLine();

        if (r.Tiers.Count > 0)
        {
            sb.AppendLine("## Measured vs target");
            sb.AppendLine();
            sb.AppendLine("| Tier | RTO | RTO target | RTO | Lost writes | RPO | RPO target | RPO |");
            sb.AppendLine("|---|---:|---:|---|---:|---:|---:|---|");
            foreach (var t in r.Tiers)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {t.Tier} | {ReportFormat.Seconds(t.Rto)} | {ReportFormat.Target(t.Targets.Rto)} | {ReportFormat.Ok(t.RtoMet)} | {t.LostWrites} of {t.AckedBeforeFailure} | {ReportFormat.Seconds(t.RpoSeconds)} | {ReportFormat.Target(t.Targets.Rpo)} | {ReportFormat.Ok(t.RpoMet)} |");
            }

            sb.AppendLine();
        }

        if (r.Engine is { } engine)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"## Failover engine: {engine.Outcome}{(engine.Forced ? $" (forced: {Cell(engine.ForceReason ?? string.Empty)})" : string.Empty)}");
            sb.AppendLine();
            sb.AppendLine("| Step | Outcome | Start (s) | Duration | Detail |");
            sb.AppendLine("|---|---|---:|---:|---|");
            foreach (var s in engine.Steps)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Name} | {s.Outcome} | {ReportFormat.Offset(s.Started, origin)} | {ReportFormat.Seconds(s.Duration)} | {Cell(s.Detail)} |");
            }

            sb.AppendLine();
        }

        if (r.Archive is { } a)
        {
            sb.AppendLine("## WAL archive outage");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"- Peak archive RPO exposure: {ReportFormat.Seconds(a.PeakExposure)} (target {ReportFormat.Target(r.Spec.PostgresTargets.Rpo)})");
            sb.AppendLine(CultureInfo.InvariantCulture, $"- Peak backlog: {a.PeakPending} segments; failed archive attempts: {a.FailedAttempts}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"- Caught up {(a.CaughtUpAt is { } c && a.DestinationRestoredAt is { } d ? ReportFormat.Seconds(c - d) + " after the destination returned" : "never")}");
            sb.AppendLine();
        }

        if (r.Restore is { } restore)
        {
            sb.AppendLine("## Point-in-time restore");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"- Target: `{restore.TargetTime}`; {restore.SegmentsInArchive} WAL segments in the archive");
            sb.AppendLine(CultureInfo.InvariantCulture, $"- Rows: {restore.RestoredRows} restored, {restore.ExpectedRows} acknowledged by the target");
            sb.AppendLine(CultureInfo.InvariantCulture, $"- Checksum: {(restore.Verified ? "verified" : "MISMATCH")} (`{restore.RestoredChecksum}`); took {ReportFormat.Seconds(restore.Duration)}");
            sb.AppendLine();
        }

        sb.AppendLine("## Timeline");
        sb.AppendLine();
        sb.AppendLine("| t (s) | Kind | Event | Detail |");
        sb.AppendLine("|---:|---|---|---|");
        foreach (var e in r.Timeline)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {ReportFormat.Offset(e.At, origin)} | {e.Kind} | {Cell(e.Name)} | {Cell(e.Detail)} |");
        }

        if (r.Error is { } error)
        {
            sb.AppendLine();
            sb.AppendLine("## Error");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.AppendLine(error);
            sb.AppendLine("```");
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
