using DrKit.Core.Planning;
using DrKit.Core.Reporting;
using Spectre.Console;

namespace DrKit.Cli.Output;

internal static class DiffTable
{
    public static void Write(IAnsiConsole console, PlanDiffResult diff)
    {
        console.Write(new Rule($"[bold]DR plan diff[/] {Markup.Escape(diff.OldSource)} -> {Markup.Escape(diff.NewSource)}").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded).AddColumns("[bold]Component[/]", "[bold]Change[/]", "[bold]Details[/]");
        foreach (var c in diff.Changes.OrderByDescending(c => c.Kind))
        {
            var change = c.Kind switch
            {
                ChangeKind.Regressed or ChangeKind.Removed => $"[red bold]{c.Kind.ToString().ToLowerInvariant()}[/]",
                ChangeKind.Improved => "[green]improved[/]",
                ChangeKind.Unchanged => "[grey]unchanged[/]",
                _ => c.Kind.ToString().ToLowerInvariant(),
            };
            table.AddRow(new Markup($"[bold]{Markup.Escape(c.Component)}[/]"), new Markup(change), new Text(c.Details.Count == 0 ? "-" : string.Join(Environment.NewLine, c.Details)));
        }

        console.Write(table);
        var regressions = diff.Changes.Count(c => c.Kind is ChangeKind.Regressed or ChangeKind.Removed);
        console.MarkupLine(regressions == 0
            ? "[green]No component's achievable RPO or RTO got worse.[/]"
            : $"[red bold]{regressions} regression(s)[/]: achievable recovery got worse.");
        console.MarkupLine($"Cost {Format.Cost(diff.OldCost)} -> {Format.Cost(diff.NewCost)}");
        if (diff.RunbookChanges.Count > 0)
        {
            console.MarkupLine($"[blue bold]Runbook changes ({diff.RunbookChanges.Count})[/]: regenerate it with drkit runbook");
            foreach (var change in diff.RunbookChanges)
            {
                console.MarkupLine($"  - {Markup.Escape(change)}");
            }
        }
    }
}
