using System.CommandLine;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Cli.Commands;

/// <summary><c>drkit failover &lt;stack&gt;</c>: fence, promote, scale, shift traffic and verify, through the stack.</summary>
public static class FailoverCommand
{
    public static Command Create(CliIO io, Func<string, IStackGateway>? gateways = null, TimeProvider? time = null, ICloudCommand? cloud = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        var clock = time ?? TimeProvider.System;
        var stack = OperationCommandSupport.StackArgument("stack to fail over to its recovery region");
        var dryRun = OperationCommandSupport.DryRunOption();
        var force = new Option<bool>("--force") { Description = "accept data loss beyond the RPO (replica lag too high, or unknown: no recent CloudWatch datapoint); needs --reason" };
        var reason = new Option<string?>("--reason") { Description = "why the RPO check is overridden; journaled and reported" };
        var operationId = new Option<string?>("--operation-id") { Description = "resume this operation from its journal instead of starting a new one" };
        var format = FormatOption.Create();
        var command = new Command("failover", "Fail a stack over to its recovery region: readiness, fence, promote, scale, shift traffic, verify; measures the RTO.")
        {
            stack, dryRun, force, reason, operationId, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (_, topology, root) = OperationCommandSupport.Load(parse.GetValue(stack)!);
            if (parse.GetValue(force) && string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                throw new DrKitCommandException("--force needs --reason: say why accepting data loss is right; it is journaled.", ExitCodes.BadInput);
            }

            var settings = new FailoverSettings
            {
                OperationId = parse.GetValue(operationId) ?? OperationCommandSupport.DefaultOperationId(FailoverProgram.Name, topology.Stack, clock),
                Force = parse.GetValue(force),
                ForceReason = parse.GetValue(reason),
            };
            var steps = OperationCommandSupport.Planned(() => FailoverProgram.Plan(topology, settings));
            if (parse.GetValue(dryRun))
            {
                return OperationCommandSupport.PrintDryRun(io, FailoverProgram.Name, topology.Stack, steps, parse.GetValue(format));
            }

            return await OperationCommandSupport.RunAsync(() =>
            {
                var gateway = (gateways ?? GatewayFactory.Create)(root);
                var journal = new FileFailoverJournal(OperationCommandSupport.JournalPath(root, topology.Stack));
                return new FailoverProgram(
                    gateway, OperationCommandSupport.GlobalDatastores(cloud, clock), OperationCommandSupport.ReplicaLag(cloud, clock), journal, clock, new ConsoleProgress(io.Console),
                    new DrKit.Operations.Platforms.Kubernetes.Kubectl(cloud ?? new ProcessCloudCommand(clock))).RunAsync(topology, settings, ct);
            }, io).ConfigureAwait(false);
        });
        return command;
    }
}
