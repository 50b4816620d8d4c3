using System.CommandLine;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;

namespace DrKit.Cli.Commands;

/// <summary><c>drkit teardown &lt;stack&gt;</c>: destroy and remove an ephemeral (drill) stack; anything else is refused.</summary>
public static class TeardownCommand
{
    public static Command Create(CliIO io, Func<string, IStackGateway>? gateways = null, TimeProvider? time = null, ICloudCommand? cloud = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        var clock = time ?? TimeProvider.System;
        var stack = new Argument<string>("stack") { Description = "the ephemeral stack to destroy (e.g. pilot-light-drill-20260101120000-1a2b)" };
        var dryRun = OperationCommandSupport.DryRunOption();
        var format = FormatOption.Create();
        var takeOver = OperationLeaseSupport.TakeOverOption();
        var command = new Command("teardown", $"Destroy and remove an ephemeral stack (config {OpsConfig.Ephemeral}=true or tag {DrillProgram.EphemeralTag}=true); refuses any other stack.") { stack, dryRun, format, takeOver };
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(stack)!;
            if (parse.GetValue(dryRun))
            {
                return OperationCommandSupport.PrintDryRun(io, TeardownProgram.Name, name, TeardownProgram.Plan(name), parse.GetValue(format));
            }

            var root = StackLocator.ProjectRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
            // An ephemeral stack has no stack file here, so its lease is kept on this machine only.
            var leases = OperationLeaseSupport.Leases(root, null, null, null, null, clock);
            var operationId = OperationCommandSupport.DefaultOperationId(TeardownProgram.Name, name, clock);
            return await OperationLeaseSupport.RunLeasedAsync(io, leases, name, TeardownProgram.Name, operationId, parse.GetValue(takeOver), clock, () =>
                new TeardownProgram((gateways ?? GatewayFactory.Create)(root), clock, new ConsoleProgress(io.Console), new CanaryLogGroups(new AwsCli(cloud ?? new ProcessCloudCommand(clock)))).RunAsync(name, ct), ct).ConfigureAwait(false);
        });
        return command;
    }
}
