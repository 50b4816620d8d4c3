using System.CommandLine;
using System.Text.Json;
using DrKit.Cli.Output;
using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Core.Reporting;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Readiness;
using DrKit.Policies;

namespace DrKit.Cli.Commands;

/// <summary>
/// <c>drkit readiness &lt;stack&gt;</c>: the 0-100 failover readiness score with every deduction explained; offline from
/// the plan, policy findings, drill history and reservations, plus live state with <c>--live</c>. Exit 1 below the
/// alert threshold, like <c>check</c> on a mandatory violation.
/// </summary>
public static class ReadinessCommand
{
    public static Command Create(CliIO io, Func<string, IStackGateway>? gateways = null, TimeProvider? time = null, ICloudCommand? cloud = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        var clock = time ?? TimeProvider.System;
        var stack = new Argument<string>("stack") { Description = "stack name (stacks/Pulumi.<stack>.yaml) or path to a stack file" };
        var format = FormatOption.Create();
        var live = new Option<bool>("--live") { Description = "also read the deployed stack's outputs, AWS and the recovery Kubernetes cluster (replica lag, backup age, recovery capacity, health checks)" };
        var dryRun = OperationCommandSupport.DryRunOption();
        var command = new Command("readiness", $"Score failover readiness 0-100 with every deduction explained (exit 1 below {ReadinessScorer.AlertThreshold}).") { stack, format, live, dryRun };
        command.SetAction(async (parse, ct) =>
        {
            var path = StackLocator.Resolve(parse.GetValue(stack)!);
            var plan = Planner.PlanFile(path);
            if (parse.GetValue(dryRun))
            {
                foreach (var line in LiveReadinessReader.Describe(plan))
                {
                    io.Out.WriteLine(line);
                }

                return ExitCodes.Ok;
            }

            LiveReadings? readings = null;
            if (parse.GetValue(live))
            {
                var root = StackLocator.ProjectRoot(Path.GetDirectoryName(path)!) ?? Directory.GetCurrentDirectory();
                try
                {
                    var cli = cloud ?? new ProcessCloudCommand(clock);
                    var reader = new LiveReadinessReader((gateways ?? GatewayFactory.Create)(root), new ReplicaLagReader(cli, clock), clock) { Roles = new GlobalDatastoreSwitch(cli, clock), Kubernetes = new DrKit.Operations.Platforms.Kubernetes.Kubectl(cli), Azure = new DrKit.Operations.Platforms.Azure.AzCli(cli) };
                    readings = await reader.ReadAsync(plan, ct).ConfigureAwait(false);
                }
                catch (OperationException e)
                {
                    throw new DrKitCommandException(e.Message, e.IsBadInput ? ExitCodes.BadInput : ExitCodes.Failed);
                }
            }

            var report = await ScoreAsync(plan, clock, readings, ct).ConfigureAwait(false);
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    io.Out.WriteLine(PlanJson.Serialize(report));
                    break;
                case OutputFormat.Markdown:
                    io.Out.Write(ReadinessMarkdown.Render(report));
                    break;
                default:
                    ReadinessTable.Write(io.Console, report);
                    break;
            }

            return report.BelowThreshold ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The offline inputs (policy findings, drill history) gathered for a plan, scored with whatever live readings there are.</summary>
    internal static async Task<ReadinessReport> ScoreAsync(DrPlan plan, TimeProvider time, LiveReadings? live, CancellationToken ct)
    {
        var findings = CheckCommand.Evaluate(plan, time).Findings
            .Select(f => new ReadinessFinding(f.RuleId, f.Level == PolicyLevel.Mandatory, f.Subject, f.Message))
            .ToList();
        var drills = await DrillSummaries.ReadAsync(plan, ct).ConfigureAwait(false);
        return ReadinessScorer.Score(plan, findings, drills, time.GetUtcNow(), live);
    }
}
