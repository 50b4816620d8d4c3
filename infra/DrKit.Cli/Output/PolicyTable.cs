using DrKit.Policies;
using Spectre.Console;

namespace DrKit.Cli.Output;

/// <summary>Policy findings as a console table, mandatory first, with a one-line verdict.</summary>
internal static class PolicyTable
{
    public static void Write(IAnsiConsole console, PolicyReport report)
    {
        var mandatory = report.Mandatory.Count();
        var advisory = report.Advisory.Count();
        console.Write(new Rule($"[bold]DR policy[/] {Markup.Escape(report.Stack)} [grey]({report.RulesEvaluated} plan rules)[/]").LeftJustified());
        if (report.Findings.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Expand();
            foreach (var column in new[] { "Level", "Rule", "Subject", "Finding", "Fix" })
            {
                table.AddColumn(new TableColumn($"[bold]{column}[/]"));
            }

            foreach (var f in report.Findings)
            {
                table.AddRow(new Markup(LevelMarkup(f.Level)), new Text(f.RuleId), new Text(f.Subject), new Text(f.Message), new Text(f.Fix));
            }

            console.Write(table);
        }

        console.MarkupLine(mandatory > 0
            ? $"[red bold]{mandatory} mandatory violation{(mandatory == 1 ? string.Empty : "s")}[/], {advisory} advisory"
            : $"[green]no mandatory violations[/], {advisory} advisory");
    }

    private static string LevelMarkup(PolicyLevel level) => level == PolicyLevel.Mandatory ? "[red bold]mandatory[/]" : "[yellow]advisory[/]";
}
