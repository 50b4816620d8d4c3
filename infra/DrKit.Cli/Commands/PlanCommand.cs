using System.CommandLine;
using DrKit.Cli.Output;
using DrKit.Core.Planning;
using DrKit.Core.Reporting;

namespace DrKit.Cli.Commands;

internal static class PlanCommand
{
    public static Command Create(CliIO io)
    {
        var stack = new Argument<string>("stack") { Description = "stack name (stacks/Pulumi.<stack>.yaml) or path to a stack file" };
        var format = FormatOption.Create();
        var details = new Option<bool>("--details") { Description = "show per-region settings and how each estimate was reached" };
        var command = new Command("plan", "Show what recovery each component can achieve, against its target, before anything is deployed.") { stack, format, details };
        command.SetAction(parse =>
        {
            var plan = Planner.PlanFile(StackLocator.Resolve(parse.GetValue(stack)!));
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    io.Out.WriteLine(PlanJson.Serialize(plan));
                    break;
                case OutputFormat.Markdown:
                    io.Out.Write(PlanMarkdown.Render(plan));
                    break;
                default:
                    PlanTable.Write(io.Console, plan, parse.GetValue(details));
                    PolicyTable.Write(io.Console, CheckCommand.Evaluate(plan));
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
