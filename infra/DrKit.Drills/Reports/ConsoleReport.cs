using Spectre.Console;

namespace DrKit.Drills.Reports;

/// <summary>The end-of-drill console summary: measured figures against targets, then the verdict.</summary>
public static class ConsoleReport
{
    public static void Render(IAnsiConsole console, DrillResult r)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(r);
        if (r.Tiers.Count > 0)
        {
            var table = new Table().Title("Measured vs target").Border(TableBorder.Rounded);
            foreach (var column in new[] { "Tier", "RTO", "RTO target", "Lost writes", "RPO", "RPO target" })
            {
                table.AddColumn(column);
            }

            foreach (var t in r.Tiers)
            {
                table.AddRow(
                    new Text(t.Tier),
                    Mark(ReportFormat.Seconds(t.Rto), t.RtoMet),
                    new Text(ReportFormat.Target(t.Targets.Rto)),
                    new Text($"{t.LostWrites} of {t.AckedBeforeFailure}"),
                    Mark(ReportFormat.Seconds(t.RpoSeconds), t.RpoMet),
                    new Text(ReportFormat.Target(t.Targets.Rpo)));
            }

            console.Write(table);
        }

        if (r.Engine is { } engine)
        {
            var steps = new Table().Title("Failover steps").Border(TableBorder.Simple).AddColumns("Step", "Outcome", "Duration");
            foreach (var s in engine.Steps)
            {
                steps.AddRow(new Text(s.Name), new Text(s.Outcome.ToString()), new Text(ReportFormat.Seconds(s.Duration)));
            }

            console.Write(steps);
        }

        if (r.Archive is { } a)
        {
            console.MarkupLine($"WAL archive: peak exposure [bold]{ReportFormat.Seconds(a.PeakExposure)}[/], backlog {a.PeakPending} segments, {a.FailedAttempts} failed attempts");
        }

        if (r.Restore is { } restore)
        {
            console.MarkupLine($"Restore: {restore.RestoredRows}/{restore.ExpectedRows} rows, checksum {(restore.Verified ? "[green]verified[/]" : "[red]mismatch[/]")}");
        }

        console.MarkupLine($"Detection: {ReportFormat.Seconds(r.DetectionTime)}");
        var colour = r.Verdict switch
        {
            DrillVerdict.Met => "green",
            DrillVerdict.Refused => "yellow",
            _ => "red",
        };
        console.MarkupLine($"[bold {colour}]{r.Verdict}[/]: {Markup.Escape(r.Summary)}");
    }

    private static Markup Mark(string text, bool met) => new($"[{(met ? "green" : "red")}]{Markup.Escape(text)}[/]");
}
