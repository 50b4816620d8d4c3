using System.CommandLine;
using DrKit.Core.Config;
using DrKit.Core.Operations;
using DrKit.Core.Providers;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Programs;

namespace DrKit.Cli.Commands;

/// <summary>
/// <c>drkit switch-model &lt;stack&gt;</c>: moves a model-provider chain to another rung when only the provider fails,
/// without a regional failover. Needs the AWS CLI, not Pulumi: it writes the switch parameter in the serving regions.
/// </summary>
public static class SwitchModelCommand
{
    public static Command Create(CliIO io, TimeProvider? time = null, ICloudCommand? cloud = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        var clock = time ?? TimeProvider.System;
        var stack = OperationCommandSupport.StackArgument("stack whose model-provider chain to switch");
        var dryRun = OperationCommandSupport.DryRunOption();
        var to = new Option<string?>("--to") { Description = $"the rung to switch to, or '{ProviderFailover.Degraded}' (default: the next healthy rung after the active one)" };
        var component = new Option<string?>("--component") { Description = "the model-provider component (needed when the stack has several parameter-switched chains)" };
        var region = new Option<string?>("--region") { Description = "write this stack region only (default: the regions serving now, from the traffic state operations recorded)" };
        var down = new Option<string[]>("--provider-down") { Description = "a rung known to be down; skipped (repeatable)", AllowMultipleArgumentsPerToken = false };
        var force = new Option<bool>("--force") { Description = "switch to a rung that breaks retrieval, fails its health check or shares the active rung's outage; needs --reason" };
        var reason = new Option<string?>("--reason") { Description = "why the refusal is overridden; journaled and reported" };
        var operationId = new Option<string?>("--operation-id") { Description = "journal operation id (default: switch-model-<stack>-<utc time>)" };
        var format = FormatOption.Create();
        var takeOver = OperationLeaseSupport.TakeOverOption();
        var resume = OperationLeaseSupport.ResumeOption();
        var command = new Command("switch-model", "Switch a model-provider chain to another rung when only the provider is down (no regional failover); refuses rungs that break retrieval unless forced.")
        {
            stack, dryRun, to, component, region, down, force, reason, operationId, format, takeOver, resume,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = StackLocator.Resolve(parse.GetValue(stack)!);
            var (plan, topology, root) = OperationCommandSupport.Load(path);
            OperationCommandSupport.RequireAdapters(plan, "switch-model");
            if (parse.GetValue(force) && string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                throw new DrKitCommandException("--force needs --reason: say why switching to a refused rung is right; it is journaled.", ExitCodes.BadInput);
            }

            var leases = OperationLeaseSupport.Leases(root, path, plan.PrimaryRegion, topology.RecoveryRegion, cloud, clock);
            // A resumed switch starts over under the same id: every run reads SSM before writing, so nothing is done twice.
            var resumed = parse.GetValue(resume) && !parse.GetValue(dryRun)
                ? await OperationLeaseSupport.ResumedOperationAsync(leases, topology.Stack, ModelSwitchProgram.Name, ct).ConfigureAwait(false)
                : null;
            ModelSwitchScope scope;
            ModelSwitchSettings settings;
            try
            {
                scope = ModelSwitchScope.Of(plan, RecordedOperations(path, plan), parse.GetValue(component), parse.GetValue(region));
                var rungs = scope.Chain.Providers.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var providersDown = parse.GetValue(down) ?? [];
                if (providersDown.FirstOrDefault(r => !rungs.Contains(r)) is { } unknown)
                {
                    throw new ArgumentException($"--provider-down {unknown}: not a rung of {scope.Component} ({string.Join(", ", rungs)})");
                }

                settings = new ModelSwitchSettings
                {
                    OperationId = resumed ?? parse.GetValue(operationId) ?? OperationCommandSupport.DefaultOperationId(ModelSwitchProgram.Name, topology.Stack, clock),
                    To = parse.GetValue(to),
                    Down = providersDown,
                    Force = parse.GetValue(force),
                    ForceReason = parse.GetValue(reason),
                };
                var (steps, refused) = ModelSwitchProgram.Plan(scope, settings);
                if (parse.GetValue(dryRun))
                {
                    OperationCommandSupport.PrintDryRun(io, ModelSwitchProgram.Name, topology.Stack, steps, parse.GetValue(format));
                    return refused is null ? ExitCodes.Ok : throw new DrKitCommandException(refused.Refusal!, ExitCodes.Findings);
                }
            }
            catch (ArgumentException e)
            {
                throw new DrKitCommandException($"{e.Message}. Nothing was changed.", ExitCodes.BadInput);
            }

            using var client = http is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(10) } : null;
            return await OperationLeaseSupport.RunLeasedAsync(io, leases, topology.Stack, ModelSwitchProgram.Name, settings.OperationId, parse.GetValue(takeOver) || resumed is not null, clock, () =>
            {
                var command = cloud ?? new ProcessCloudCommand(clock);
                return new ModelSwitchProgram(OperationCommandSupport.GlobalDatastores(cloud, clock), new ModelProviderSwitch(command), new RungHealthProbe(http ?? client!, clock),
                    OperationLeaseSupport.Journal(leases, root, topology.Stack), clock, new ConsoleProgress(io.Console)).RunAsync(topology.Stack, scope, settings, ct);
            }, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The traffic state operations recorded in the stack file (<c>drkit-ops:*</c>, written by failover and failback).</summary>
    private static OperationsState RecordedOperations(string path, Core.Planning.DrPlan plan)
    {
        var raw = YamlStackFile.Load(path).Entries
            .Where(e => e.Key.StartsWith(OpsConfig.Namespace + ":", StringComparison.Ordinal) && e.Key != OpsConfig.StateBucket && e.Value is ConfigScalar)
            .ToDictionary(e => e.Key, e => ((ConfigScalar)e.Value).Value, StringComparer.Ordinal);
        return OperationsConfig.FromRaw($"stack file {Path.GetFileName(path)}", raw, plan);
    }
}
