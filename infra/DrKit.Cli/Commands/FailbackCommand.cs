using System.CommandLine;
using DrKit.Core.Objectives;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Cli.Commands;

/// <summary><c>drkit failback &lt;stack&gt;</c>: resync checks, traffic back 10% -> 50% -> 100% with error-rate rollback, writers returned.</summary>
public static class FailbackCommand
{
    public static Command Create(CliIO io, Func<string, IStackGateway>? gateways = null, TimeProvider? time = null, ICloudCommand? cloud = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        var clock = time ?? TimeProvider.System;
        var stack = OperationCommandSupport.StackArgument("stack to return to its primary region");
        var dryRun = OperationCommandSupport.DryRunOption();
        var settle = new Option<string>("--settle") { Description = "how long each stage runs before its error rate is judged", DefaultValueFactory = _ => "2m" };
        var url = new Option<string?>("--error-rate-url") { Description = "URL sampled for the error rate (default: https://<traffic.domain><healthCheckPath>)" };
        var operationId = new Option<string?>("--operation-id") { Description = "journal operation id (default: failback-<stack>-<utc time>)" };
        var format = FormatOption.Create();
        var takeOver = OperationLeaseSupport.TakeOverOption();
        var command = new Command("failback", "Return a failed-over stack to its primary region gradually (10% -> 50% -> 100%), rolling a stage back when the error rate rises.")
        {
            stack, dryRun, settle, url, operationId, format, takeOver,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = StackLocator.Resolve(parse.GetValue(stack)!);
            var (plan, topology, root) = OperationCommandSupport.Load(path);
            if (!DurationText.TryParse(parse.GetValue(settle), out var settleTime))
            {
                throw new DrKitCommandException($"--settle: expected {DurationText.Expected}.", ExitCodes.BadInput);
            }

            var settings = new FailbackSettings
            {
                OperationId = parse.GetValue(operationId) ?? OperationCommandSupport.DefaultOperationId(FailbackProgram.Name, topology.Stack, clock),
                SettleTime = settleTime,
            };
            var steps = OperationCommandSupport.Planned(() => FailbackProgram.Plan(topology, settings));
            if (parse.GetValue(dryRun))
            {
                return OperationCommandSupport.PrintDryRun(io, FailbackProgram.Name, topology.Stack, steps, parse.GetValue(format));
            }

            var target = parse.GetValue(url) ?? (plan.Traffic.Domain is { } domain ? $"https://{domain}{plan.Traffic.HealthCheckPath}" : null);
            if (target is null || !Uri.TryCreate(target, UriKind.Absolute, out var probeUrl))
            {
                throw new DrKitCommandException($"stack {topology.Stack} has no drkit:traffic.domain to sample the error rate from; pass --error-rate-url. Nothing was changed.", ExitCodes.BadInput);
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var leases = OperationLeaseSupport.Leases(root, path, plan.PrimaryRegion, topology.RecoveryRegion, cloud, clock);
            return await OperationLeaseSupport.RunLeasedAsync(io, leases, topology.Stack, FailbackProgram.Name, settings.OperationId, parse.GetValue(takeOver), clock, () =>
            {
                var gateway = OperationLeaseSupport.Recording((gateways ?? GatewayFactory.Create)(root), leases);
                var journal = OperationLeaseSupport.Journal(leases, root, topology.Stack);
                return new FailbackProgram(gateway, OperationCommandSupport.GlobalDatastores(cloud, clock), OperationCommandSupport.ReplicaLag(cloud, clock),
                        OperationCommandSupport.Aws(cloud, clock), journal, new HttpErrorRateProbe(http, probeUrl), clock, new ConsoleProgress(io.Console),
                        new DrKit.Operations.Platforms.Kubernetes.Kubectl(cloud ?? new ProcessCloudCommand(clock)),
                        new ModelProviderSwitch(cloud ?? new ProcessCloudCommand(clock)), new RungHealthProbe(http, clock),
                        new DrKit.Operations.Platforms.Azure.AzCli(cloud ?? new ProcessCloudCommand(clock)))
                    .RunAsync(topology, settings, ct);
            }, ct).ConfigureAwait(false);
        });
        return command;
    }
}
