using System.CommandLine;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Cli.Commands;

/// <summary><c>drkit failover &lt;stack&gt;</c>: fence, promote, scale, shift traffic and verify, from the recovery region.</summary>
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
        var down = new Option<string[]>("--provider-down") { Description = "a model-provider rung known to be down; the provider switch skips it (repeatable)", AllowMultipleArgumentsPerToken = false };
        var operationId = new Option<string?>("--operation-id") { Description = "resume this operation from its journal instead of starting a new one" };
        var format = FormatOption.Create();
        var takeOver = OperationLeaseSupport.TakeOverOption();
        var resume = OperationLeaseSupport.ResumeOption();
        var command = new Command("failover", "Fail a stack over to its recovery region: readiness, fence, promote, scale, shift traffic, verify; measures the RTO.")
        {
            stack, dryRun, force, reason, down, operationId, format, takeOver, resume,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = StackLocator.Resolve(parse.GetValue(stack)!);
            var (plan, topology, root) = OperationCommandSupport.Load(path);
            // Failover has Azure adapters (the az CLI); the other operations still refuse Azure stacks.
            if (parse.GetValue(force) && string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                throw new DrKitCommandException("--force needs --reason: say why accepting data loss is right; it is journaled.", ExitCodes.BadInput);
            }

            var providersDown = parse.GetValue(down) ?? [];
            var rungs = Core.Providers.ProviderFailover.RungNames(topology.Components);
            if (providersDown.FirstOrDefault(r => !rungs.Contains(r)) is { } unknown)
            {
                throw new DrKitCommandException($"--provider-down {unknown}: not a rung of this stack's model-provider chains ({(rungs.Count == 0 ? "it has none" : string.Join(", ", rungs.Order()))}). Nothing was changed.", ExitCodes.BadInput);
            }

            var leases = OperationLeaseSupport.Leases(root, path, plan.PrimaryRegion, topology.RecoveryRegion, cloud, clock);
            var resumed = parse.GetValue(resume) && !parse.GetValue(dryRun)
                ? await OperationLeaseSupport.ResumedOperationAsync(leases, topology.Stack, FailoverProgram.Name, ct).ConfigureAwait(false)
                : null;
            var settings = new FailoverSettings
            {
                ProvidersDown = providersDown,
                OperationId = resumed ?? parse.GetValue(operationId) ?? OperationCommandSupport.DefaultOperationId(FailoverProgram.Name, topology.Stack, clock),
                Force = parse.GetValue(force),
                ForceReason = parse.GetValue(reason),
            };
            var steps = OperationCommandSupport.Planned(() => FailoverProgram.Plan(topology, settings));
            if (parse.GetValue(dryRun))
            {
                return OperationCommandSupport.PrintDryRun(io, FailoverProgram.Name, topology.Stack, steps, parse.GetValue(format));
            }

            // Verify probes the recovery region's health-check URL as users would reach it (a substituted cloud has none).
            using var http = cloud is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(10) } : null;
            return await OperationLeaseSupport.RunLeasedAsync(io, leases, topology.Stack, FailoverProgram.Name, settings.OperationId, parse.GetValue(takeOver) || resumed is not null, clock, () =>
            {
                var gateway = OperationLeaseSupport.Recording((gateways ?? GatewayFactory.Create)(root), leases);
                var journal = OperationLeaseSupport.Journal(leases, root, topology.Stack);
                return new FailoverProgram(
                    gateway, OperationCommandSupport.GlobalDatastores(cloud, clock), OperationCommandSupport.ReplicaLag(cloud, clock), OperationCommandSupport.Aws(cloud, clock), journal, clock, new ConsoleProgress(io.Console),
                    new ModelProviderSwitch(cloud ?? new ProcessCloudCommand(clock)),
                    new DrKit.Operations.Platforms.Kubernetes.Kubectl(cloud ?? new ProcessCloudCommand(clock)),
                    // The switchover reads WAL positions on the recovery replica; a substituted cloud has no database to ask.
                    cloud is null ? new Drills.Adapters.NpgsqlWalReceiverReader() : null, http,
                    new DrKit.Operations.Platforms.Azure.AzCli(cloud ?? new ProcessCloudCommand(clock))).RunAsync(topology, settings, ct);
            }, ct).ConfigureAwait(false);
        });
        return command;
    }
}
