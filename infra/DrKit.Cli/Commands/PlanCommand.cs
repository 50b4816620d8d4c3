using System.CommandLine;
using DrKit.Cli.Output;
using DrKit.Core.Config;
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
        var measured = new Option<bool>("--measured") { Description = "use the step times the stack's drill history measured instead of the assumptions (as drkit:estimates.calibration: measured)" };
        var command = new Command("plan", "Show what recovery each component can achieve, typical and worst case, against its target, before anything is deployed.") { stack, format, details, measured };
        command.SetAction(parse =>
        {
            var spec = StackSpecReader.ReadFile(StackLocator.Resolve(parse.GetValue(stack)!));
            var plan = Planner.Plan(spec, DrillCalibration.Read(spec, parse.GetValue(measured)));
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
