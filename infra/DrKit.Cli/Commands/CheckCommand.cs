using System.CommandLine;
using DrKit.Cli.Output;
using DrKit.Core.Planning;
using DrKit.Policies;
using DrKit.Policies.Rendering;

namespace DrKit.Cli.Commands;

/// <summary><c>drkit check</c>: the plan rules offline; exit 1 on any mandatory violation, advisory findings are printed only.</summary>
internal static class CheckCommand
{
    public static Command Create(CliIO io, TimeProvider? time = null)
    {
        var stack = new Argument<string>("stack") { Description = "stack name (stacks/Pulumi.<stack>.yaml) or path to a stack file" };
        var format = FormatOption.Create();
        var command = new Command("check", "Check a stack's DR plan against DrKit's policy rules (exit 1 on any mandatory violation).") { stack, format };
        command.SetAction(parse =>
        {
            var plan = Planner.PlanFile(StackLocator.Resolve(parse.GetValue(stack)!));
            var report = Evaluate(plan, time);
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    io.Out.WriteLine(PolicyReportJson.Serialize(report));
                    break;
                case OutputFormat.Markdown:
                    io.Out.Write(PolicyMarkdown.Render(report));
                    break;
                default:
                    PolicyTable.Write(io.Console, report);
                    break;
            }

            return report.HasMandatoryViolations ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Plan rules with drill history read relative to the project holding the stack file.</summary>
    public static PolicyReport Evaluate(DrPlan plan, TimeProvider? time = null)
    {
        var root = StackLocator.ProjectRoot(Path.GetDirectoryName(Path.GetFullPath(plan.Source)) ?? Directory.GetCurrentDirectory());
        return new PolicyEvaluator(new PolicyContext(time ?? TimeProvider.System, root)).Evaluate(plan);
    }
}
