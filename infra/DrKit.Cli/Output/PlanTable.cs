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
        foreach (var column in new[] { "Component", "Kind", "Tier", "Strategy", "Mechanism", "RPO typical-worst / target", "RTO typical-worst / target", "Verdict", "Cost", "Reason" })
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
                new Text($"{Format.Rpo(c.Estimate)} / {Format.Duration(c.Target.Rpo)}"),
                new Text($"{Format.Rto(c.Estimate)} / {Format.Duration(c.Target.Rto)}"),
                new Markup(VerdictMarkup(c.Verdict)),
                new Text(Format.Cost(c.CostFactor)),
                new Text(c.Reason));
        }

        console.Write(table);
        console.MarkupLine($"Overall {VerdictMarkup(plan.Overall)}  service RTO [bold]{Format.ServiceRto(plan)}[/] (typical-worst), data RPO [bold]{Format.ServiceRpo(plan)}[/], " +
            $"release propagation {Format.Duration(plan.PropagationDelay)}, cost [bold]{Format.Cost(plan.TotalCostFactor)}[/] of single-region{(plan.Calibrated ? ", [bold]drill-calibrated[/]" : string.Empty)}");
        foreach (var note in plan.Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }

        WriteChains(console, plan);
        if (details)
        {
            WriteDetails(console, plan);
        }
    }

    private static void WriteChains(IAnsiConsole console, DrPlan plan)
    {
        foreach (var (component, chain) in ProviderChainRows.Chains(plan))
        {
            var table = new Table().Border(TableBorder.Rounded).Expand()
                .Title($"[bold]Model providers[/] {Markup.Escape(component.Name)} [grey](switch RTO {Format.Duration(component.Estimate.Rto)} / target {Format.Duration(component.Target.Rto)})[/]");
            foreach (var column in ProviderChainRows.Columns)
            {
                table.AddColumn(new TableColumn($"[bold]{column}[/]"));
            }

            foreach (var r in ProviderChainRows.Rows(chain))
            {
                table.AddRow(new Text(r.Position), new Markup($"[bold]{Markup.Escape(r.Rung)}[/]"), new Text(r.Where), new Text(r.Chat), new Text(r.Embeddings),
                    new Text(r.SwitchRto), new Markup(StatusMarkup(r.Status)), new Text(r.Meaning));
            }

            console.Write(table);
            console.MarkupLine($"[grey]{Markup.Escape(ProviderChainRows.Footer(chain, plan))}[/]");
        }
    }

    private static string StatusMarkup(RungStatus status) => status switch
    {
        RungStatus.Primary or RungStatus.Compatible => $"[green]{Format.Status(status)}[/]",
        RungStatus.Degraded => $"[yellow]{Format.Status(status)}[/]",
        _ => $"[red bold]{Format.Status(status)}[/]",
    };

    private static void WriteDetails(IAnsiConsole console, DrPlan plan)
    {
        WriteTimeline(console, plan);
        foreach (var c in plan.Components)
        {
            var tree = new Tree($"[bold]{Markup.Escape(c.Name)}[/] [grey]{Markup.Escape(c.Mechanism)}[/]  RPO {Markup.Escape(Format.Rpo(c.Estimate))}, RTO {Markup.Escape(Format.Rto(c.Estimate))} (typical-worst)");
            foreach (var term in c.Estimate.Terms)
            {
                tree.AddNode(Markup.Escape(Format.Term(term)));
            }

            foreach (var line in c.CostBasis)
            {
                tree.AddNode($"[grey]cost:[/] {Markup.Escape(line)}");
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

    private static void WriteTimeline(IAnsiConsole console, DrPlan plan)
    {
        if (plan.Timeline.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Expand().Title("[bold]Failover timeline[/] [grey](the steps the failover program runs, in order)[/]");
        foreach (var column in PlanMarkdown.TimelineColumns)
        {
            table.AddColumn(new TableColumn($"[bold]{column}[/]"));
        }

        foreach (var row in PlanMarkdown.TimelineRows(plan))
        {
            table.AddRow([.. row.Select(cell => new Text(cell))]);
        }

        console.Write(table);
    }

    public static string VerdictMarkup(Verdict verdict) => verdict switch
    {
        Core.Planning.Verdict.Met => "[green]met[/]",
        Core.Planning.Verdict.AtRisk => "[yellow]at risk[/]",
        _ => "[red bold]breached[/]",
    };
}
