using DrKit.Core.Readiness;
using Spectre.Console;

namespace DrKit.Cli.Output;

/// <summary>The readiness score as a console table: every deduction with its reason, then the score against the alert threshold.</summary>
internal static class ReadinessTable
{
    public static void Write(IAnsiConsole console, ReadinessReport report)
    {
        console.Write(new Rule($"[bold]DR readiness[/] {Markup.Escape(report.Stack)} [grey]({(report.Live ? "offline and live" : "offline")})[/]").LeftJustified());
        if (report.Deductions.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Expand();
            foreach (var column in new[] { "Points", "Category", "Subject", "Why" })
            {
                table.AddColumn(new TableColumn($"[bold]{column}[/]"));
            }

            foreach (var d in report.Deductions)
            {
                table.AddRow(new Markup(d.Points > 0 ? $"[red]-{d.Points}[/]" : "[grey]0[/]"), new Text(d.Category), new Text(d.Subject), new Text(d.Why));
            }

            console.Write(table);
        }

        foreach (var line in report.NotChecked)
        {
            console.MarkupLine($"[grey]not checked: {Markup.Escape(line)}[/]");
        }

        var color = report.BelowThreshold ? "red bold" : "green bold";
        console.MarkupLine($"[{color}]{report.Score}/100[/], {Markup.Escape(report.Verdict)}");
    }
}
