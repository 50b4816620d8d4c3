using System.CommandLine;
using System.Text.Json;
using DrKit.Cli.Output;
using DrKit.Core.Planning;
using DrKit.Core.Reporting;

namespace DrKit.Cli.Commands;

internal static class DiffCommand
{
    public static Command Create(CliIO io)
    {
        var oldStack = new Argument<string>("old") { Description = "the stack file before the change (e.g. from main)" };
        var newStack = new Argument<string>("new") { Description = "the stack file after the change" };
        var format = FormatOption.Create();
        var command = new Command("diff", "Compare two stack files and call out every component whose achievable RPO or RTO got worse (exit 1 on regression).") { oldStack, newStack, format };
        command.SetAction(parse =>
        {
            var before = Planner.PlanFile(StackLocator.Resolve(parse.GetValue(oldStack)!));
            var after = Planner.PlanFile(StackLocator.Resolve(parse.GetValue(newStack)!));
            var diff = PlanDiff.Compare(before, after);
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    io.Out.WriteLine(PlanJson.Serialize(diff));
                    break;
                case OutputFormat.Markdown:
                    io.Out.Write(DiffMarkdown.Render(diff));
                    break;
                default:
                    DiffTable.Write(io.Console, diff);
                    break;
            }

            return diff.HasRegressions ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }
}
