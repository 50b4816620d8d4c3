using System.CommandLine;
using DrKit.Core.Planning;
using DrKit.Operations.Runbooks;
using Spectre.Console;

namespace DrKit.Cli.Commands;

/// <summary><c>drkit runbook &lt;stack&gt;</c>: the stack's DR runbook as Markdown (default) or HTML, to stdout or a file.</summary>
public static class RunbookCommand
{
    public static Command Create(CliIO io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var stack = new Argument<string>("stack") { Description = "stack name (stacks/Pulumi.<stack>.yaml) or path to a stack file" };
        var html = new Option<bool>("--html") { Description = "a self-contained HTML page (the drill reports' look) instead of Markdown" };
        var output = new Option<string?>("--output", "-o") { Description = "write to this file instead of standard output" };
        var command = new Command("runbook", "Generate the stack's DR runbook: detect, assess, decide, execute, verify, communicate, fail back, with this stack's checks and commands.")
        {
            stack, html, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var plan = Planner.PlanFile(StackLocator.Resolve(parse.GetValue(stack)!));
            // An Azure stack gets an Azure runbook: Azure's signals and the Azure failover's calls, no AWS command.
            var runbook = RunbookBuilder.Build(plan, await DrillSummaries.ReadAsync(plan, ct).ConfigureAwait(false));
            var text = parse.GetValue(html) ? RunbookHtml.Render(runbook) : RunbookMarkdown.Render(runbook);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, text, ct).ConfigureAwait(false);
                io.Console.MarkupLine($"[green]runbook written[/] {Markup.Escape(Path.GetFullPath(file))}");
            }
            else
            {
                await io.Out.WriteAsync(text).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
