using DrKit.Core.Model;
using DrKit.Core.Planning;
using DrKit.Core.Reporting;
using Spectre.Console;

namespace DrKit.Cli.Output;

/// <summary>The plan as console tables.</summary>
internal static class PlanTable
{
    public static void Write(IAnsiConsole console, DrPlan plan, bool details)
    {
        var recovery = plan.RecoveryRegions.Count == 0 ? "none (single region)" : string.Join(", ", plan.RecoveryRegions);
        console.Write(new Rule($"[bold]DR plan[/] {Markup.Escape(plan.Stack)} [grey]({Markup.Escape(plan.Service)}: {plan.PrimaryRegion} -> {Markup.Escape(recovery)})[/]").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded).Expand();
        foreach (var column in new[] { "Component", "Kind", "Tier", "Strategy", "Mechanism", "RPO est / target", "RTO est / target", "Verdict", "Cost", "Reason" })
        {
            table.AddColumn(new TableColumn($"[bold]{column}[/]"));
        }

        foreach (var c in plan.Components)
        {
            table.AddRow(
                new Markup($"[bold]{Markup.Escape(c.Name)}[/]"),
                new Text(Names.Of(c.Kind)),
                new Text(Names.Of(c.Tier)),
                new Text(Names.Of(c.Strategy)),
                new Text(c.Mechanism),
                new Text($"{Format.Estimate(c.Estimate.Rpo, c.Estimate.RpoGuaranteed)} / {Format.Duration(c.Target.Rpo)}"),
                new Text($"{Format.Estimate(c.Estimate.Rto, c.Estimate.RtoGuaranteed)} / {Format.Duration(c.Target.Rto)}"),
                new Markup(VerdictMarkup(c.Verdict)),
                new Text(Format.Cost(c.CostFactor)),
                new Text(c.Reason));
        }

        console.Write(table);
        console.MarkupLine($"Overall {VerdictMarkup(plan.Overall)}  service RTO [bold]{Format.Duration(plan.ServiceRto)}[/], worst RPO [bold]{Format.Duration(plan.ServiceRpo)}[/], cost [bold]{Format.Cost(plan.TotalCostFactor)}[/] of single-region");
        foreach (var note in plan.Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }

        if (details)
        {
            WriteDetails(console, plan);
        }
    }

    private static void WriteDetails(IAnsiConsole console, DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            var tree = new Tree($"[bold]{Markup.Escape(c.Name)}[/] [grey]{Markup.Escape(c.Mechanism)}[/]");
            foreach (var line in c.Estimate.Reasoning)
            {
                tree.AddNode(Markup.Escape(line));
            }

            foreach (var caveat in c.Estimate.Caveats)
            {
                tree.AddNode($"[yellow]caveat:[/] {Markup.Escape(caveat)}");
            }

            foreach (var r in c.Regions)
            {
                tree.AddNode($"[blue]{r.Region}[/] ({r.Role}): {Markup.Escape(string.Join(", ", r.Values.Select(v => $"{v.Key} {v.Value}")))}");
            }

            console.Write(tree);
        }
    }

    public static string VerdictMarkup(Verdict verdict) => verdict switch
    {
        Core.Planning.Verdict.Met => "[green]met[/]",
        Core.Planning.Verdict.AtRisk => "[yellow]at risk[/]",
        _ => "[red bold]breached[/]",
    };
}
