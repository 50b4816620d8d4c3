using System.CommandLine;
using DrKit.Core.Objectives;
using DrKit.Operations.Drills;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Cli.Commands;

/// <summary>
/// <c>drkit drill &lt;stack&gt;</c>: the cloud drill (an ephemeral DR stack, always torn down). With <c>--local</c> it runs
/// the local drill instead; that side lives in DrillCommand.Local.cs.
/// </summary>
public static partial class DrillCommand
{
    public static Command Create(CliIO io, Func<string, IStackGateway>? gateways = null, TimeProvider? time = null, ICloudCommand? cloud = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        var clock = time ?? TimeProvider.System;
        var stack = OperationCommandSupport.StackArgument("stack to drill (stacks/Pulumi.<stack>.yaml)");
        var local = new Option<bool>("--local") { Description = "run the local drill (PostgreSQL and Redis on this machine) instead of the cloud drill" };
        var dryRun = OperationCommandSupport.DryRunOption();
        var mode = new Option<DrillMode?>("--mode") { Description = "restore (the default and the only mode cloud drills run: from the source's backups and snapshots); promote is refused, since it would act on the source" };
        var ttl = new Option<string>("--ttl") { Description = "lifetime recorded in drkit-ops:ttl (config) and the drkit:ttl tag for cleanup jobs", DefaultValueFactory = _ => "4h" };
        var history = new Option<string?>("--history") { Description = "JSON-lines drill history (default: the stack's drkit:policy.drillHistory)" };
        var reports = new Option<string?>("--report-dir") { Description = "directory for the Markdown report", DefaultValueFactory = _ => ".drkit/drills/reports" };
        var cancelWait = new Option<string?>("--cancel-wait") { Description = "after Ctrl-C or SIGTERM, wait at most this long for the restores in flight to land so they can be destroyed (default: their create timeout); past it the deployment is cut and the drill stack kept if anything is left" };
        var stackFile = new Option<string?>("--drill-stack-file") { Description = "write the drill stack's name to this file before anything is created, so a job step that runs on cancel or failure can run 'drkit teardown' on it" };
        var format = FormatOption.Create();
        var takeOver = OperationLeaseSupport.TakeOverOption();
        var command = new Command("drill", "Drill recovery in the cloud: an ephemeral DR stack restored from the stack's backups and snapshots in the recovery region, probed, measured, always torn down.")
        {
            stack, local, dryRun, mode, ttl, cancelWait, stackFile, history, reports, format, takeOver,
        };
        AddLocalOptions(command);
        command.SetAction(async (parse, ct) =>
        {
            if (Cleanup(io, parse) is { } cleaned)
            {
                return cleaned;
            }

            if (parse.GetValue(local))
            {
                return await RunLocalAsync(io, parse, parse.GetValue(stack)!, ct).ConfigureAwait(false);
            }

            var path = StackLocator.Resolve(parse.GetValue(stack)!);
            var (plan, topology, root) = OperationCommandSupport.Load(path);
            // No adapter refusal here: a cloud drill of an Azure stack restores through AzureDrillRestore and reads with the
            // Azure CLI; it never promotes, fences or switches anything of the source.
            if (!DurationText.TryParse(parse.GetValue(ttl), out var lifetime) || lifetime <= TimeSpan.Zero)
            {
                throw new DrKitCommandException($"--ttl: expected {DurationText.Expected}, above zero.", ExitCodes.BadInput);
            }

            TimeSpan? wait = null;
            if (parse.GetValue(cancelWait) is { } waitText)
            {
                wait = DurationText.TryParse(waitText, out var parsed) && parsed > TimeSpan.Zero
                    ? parsed
                    : throw new DrKitCommandException($"--cancel-wait: expected {DurationText.Expected}, above zero.", ExitCodes.BadInput);
            }

            var historyPath = parse.GetValue(history) ?? plan.Policy.DrillHistory;
            var settings = new DrillSettings
            {
                Mode = parse.GetValue(mode),
                Ttl = lifetime,
                CancelWait = wait,
                SourceConfig = StackFileConfig.Read(path),
                HistoryPath = historyPath is null ? null : Path.Combine(root, historyPath),
                ReportDirectory = parse.GetValue(reports) is { } dir ? Path.Combine(root, dir) : null,
            };
            var now = clock.GetUtcNow();
            settings = settings with { DrillStack = DrillProgram.NewStackName(topology.Stack, now) };
            if (parse.GetValue(dryRun))
            {
                var steps = OperationCommandSupport.Planned(() => DrillProgram.Plan(topology, settings, settings.DrillStack!, now));
                return OperationCommandSupport.PrintDryRun(io, DrillProgram.Name, topology.Stack, steps, parse.GetValue(format));
            }

            if (parse.GetValue(stackFile) is { } nameFile)
            {
                // Before the lease and the drill: a CI job killed after its cancel signals still knows what to tear down.
                try
                {
                    await File.WriteAllTextAsync(nameFile, settings.DrillStack + Environment.NewLine, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new DrKitCommandException($"--drill-stack-file: cannot write {nameFile} ({e.Message}); expected a writable file path. Nothing was changed.", ExitCodes.BadInput);
                }
            }

            io.Signals.ListenForSecond(DrillProgram.CancelNotice(topology, settings), DrillProgram.StopNotice(settings.DrillStack!));
            var leases = OperationLeaseSupport.Leases(root, path, plan.PrimaryRegion, topology.RecoveryRegion, cloud, clock);
            return await OperationLeaseSupport.RunLeasedAsync(io, leases, topology.Stack, DrillProgram.Name, settings.DrillStack!, parse.GetValue(takeOver), clock, () =>
                new DrillProgram((gateways ?? GatewayFactory.Create)(root), OperationCommandSupport.GlobalDatastores(cloud, clock), OperationCommandSupport.RecoveryPoints(cloud, clock), OperationCommandSupport.ReplicaLag(cloud, clock), clock, new ConsoleProgress(io.Console)).RunAsync(topology, settings, ct, io.Signals.StopWaiting), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Adds the local drill's own options; implemented next to the local drill.</summary>
    static partial void AddLocalOptions(Command command);
}
