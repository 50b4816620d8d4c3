using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Platforms.Azure;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

/// <summary>
/// The failover of a stack on Azure: the same engine and journal, with the Azure CLI adapters of
/// <see cref="AzureFailover"/>. Every call names the recovery region's resource group, except the fence's bounded reads
/// of the primary servers; nothing is read from stack outputs (every resource has the name the core decided).
/// </summary>
public sealed partial class FailoverProgram
{
    /// <summary>The model switch is an AWS Systems Manager parameter; a stack on Azure has none to flip.</summary>
    internal const string AzureModelSwitch =
        "not available on Azure: the model switch is an AWS Systems Manager parameter, and 'drkit switch-model' refuses Azure stacks; " +
        "point the application at a surviving provider by its own configuration";

    private static IReadOnlyList<OperationStep> AzurePlan(OperationTopology topology, FailoverSettings settings, string recovery)
    {
        AzureFailover.RequireSupported(topology, recovery);
        AzureFailover.RequireWriterEndpoints(topology, recovery, settings.Force);
        var steps = AzureFailoverPlan.Steps(topology, settings, recovery);
        return Chains(topology).Any()
            ? [.. steps.SelectMany(s => s.Name == FailoverSteps.ShiftTraffic ? [new OperationStep(SwitchModelProvider, AzureModelSwitch, "no call is made"), s] : new[] { s })]
            : steps;
    }

    private async Task<OperationResult> RunAzureAsync(OperationTopology topology, FailoverSettings settings, string recovery, CancellationToken ct)
    {
        AzureFailover.RequireSupported(topology, recovery);
        AzureFailover.RequireWriterEndpoints(topology, recovery, settings.Force);
        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, settings.OperationId);
        var cli = az ?? new AzCli(new ProcessCloudCommand(time));
        await CommonSteps.RunAzurePrerequisitesAsync(runner, gateway, cli, ct).ConfigureAwait(false);
        await CommonSteps.RunSelectStackAsync(runner, gateway, topology.Stack, ct).ConfigureAwait(false);
        var state = new StackStateRecord(gateway, topology.Stack);
        var promoters = topology.DataTiers.Select(t => AzureFailover.Promoter(topology, t, recovery, cli, state, gateway, time)).ToList();
        var gpu = AzureFailover.Gpu(topology, recovery);
        IRecoveryCapacity capacity = gpu is null ? new NoCapacity() : new ScaleSetCapacity(cli, gpu, state);
        var traffic = new TrafficManagerTraffic(cli, AzureFailover.Traffic(topology)!, state);
        var unlock = new BlobReplicationUnlock(cli, AzureFailover.Accounts(topology, recovery));
        var beforeShift = new ProgramRunner(time, observer, settings.OperationId);
        string? unlockFailure = null;
        var request = new FailoverRequest
        {
            OperationId = settings.OperationId,
            DataTiers = [.. promoters.Select((p, i) => new DataTier(p, topology.DataTiers[i].RpoTarget) { CatchUp = p as ISwitchoverCatchUp })],
            ReadinessProbes = [.. AzureReadiness(cli, topology, recovery)],
            Capacity = capacity,
            DesiredRunning = topology.DesiredRunning,
            TrafficSwitch = new SwitchFirstTrafficSwitch(traffic, recovery, async c =>
            {
                if (Chains(topology).Any())
                {
                    beforeShift.Record(SwitchModelProvider, StepOutcome.Skipped, AzureModelSwitch);
                }

                try
                {
                    await beforeShift.RunAsync(AzureBlobUnlock, () => unlock.UnlockAsync(c)).ConfigureAwait(false);
                }
                catch (CloudCommandFailedException e)
                {
                    // Users still move: reads work, and the failure says which containers stay read-only.
                    unlockFailure = $"Data, compute and traffic are in the recovery region, but the replicated containers are still read-only: {e.Message}";
                }
            }),
            RecoveryRegion = recovery,
            VerificationProbes =
            [
                .. promoters.Select(p => p is FlexibleServerPromoter server
                    ? new CloudCheck($"{p.Name} writer", "promoted server Primary and Ready", server.ServingAsync, time)
                    : CloudCheck.Writer(p, "recovery member is a writer", time)),
                .. AzureFailoverPlan.Postgres(topology, recovery).Where(p => p.WriterEndpoint is not null)
                    .Select(p => WriterEndpointCheck.For(p, p.WriterEndpoint!, dns ?? new SystemHostResolver(), time)),
                CloudCheck.OnlyOn(traffic, recovery, time),
                EndpointOnline(cli, AzureFailover.Traffic(topology)!, recovery),
                new CloudCheck("capacity", $"{topology.DesiredRunning} running", async c =>
                {
                    var now = await capacity.GetAsync(c).ConfigureAwait(false);
                    return (now.Running >= topology.DesiredRunning, $"{now.Running}/{topology.DesiredRunning} running");
                }, time),
            ],
            Timeouts = settings.Timeouts,
            Force = settings.Force,
            ForceReason = settings.ForceReason,
        };
        return await RunEngineAsync(topology, settings, recovery, start, runner, request, promoters, beforeShift.Records, () => unlockFailure, ct).ConfigureAwait(false);
    }

    /// <summary>The step that makes the recovery region's replicated containers writable, just before traffic moves.</summary>
    public const string AzureBlobUnlock = "UnlockReplicatedContainers";

    /// <summary>Readiness from Azure in the recovery region: the recovery endpoint is in the profile, each destination account answers.</summary>
    private IEnumerable<IHealthProbe> AzureReadiness(AzCli cli, OperationTopology topology, string recovery)
    {
        var traffic = AzureFailover.Traffic(topology)!;
        yield return new CloudCheck($"endpoint {recovery}", "in the Traffic Manager profile", async c =>
        {
            System.Text.Json.JsonElement endpoint;
            try
            {
                endpoint = await cli.ReadAsync(AzureCalls.EndpointShow(traffic.Group, traffic.GroupRegion, traffic.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(recovery)), c).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException e)
            {
                return (false, e.Message);
            }

            return (AwsCli.Text(endpoint, "target") is { Length: > 0 }, $"target {AwsCli.Text(endpoint, "target") ?? "(none)"}, monitor {AwsCli.Text(endpoint, "endpointMonitorStatus") ?? "unknown"}");
        }, time);
        foreach (var a in AzureFailover.Accounts(topology, recovery))
        {
            yield return new CloudCheck($"{a.Component} in {recovery}", $"{a.Account} answers", async c =>
            {
                try
                {
                    await cli.ReadAsync(AzureCalls.ReplicationPolicies(a.Group, recovery, a.Account), c).ConfigureAwait(false);
                    return (true, $"{a.Account} answers");
                }
                catch (CloudCommandFailedException e)
                {
                    return (false, e.Message);
                }
            }, time);
        }
    }

    /// <summary>
    /// The recovery endpoint's probe as Traffic Manager reports it: its status says users are sent there, only its
    /// monitor status Online says they get answers (a Degraded endpoint has no healthy target behind it). Traffic Manager
    /// probes only enabled endpoints, so this is read after the shift; Verify polls it until its step bound.
    /// https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring
    /// </summary>
    private CloudCheck EndpointOnline(AzCli cli, TrafficManagerTarget traffic, string recovery) =>
        new($"endpoint {recovery} probe", "monitor status Online", async c =>
        {
            var endpoint = await cli.ReadAsync(AzureCalls.EndpointShow(traffic.Group, traffic.GroupRegion, traffic.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(recovery)), c).ConfigureAwait(false);
            var monitor = AwsCli.Text(endpoint, "endpointMonitorStatus");
            return (monitor == "Online", $"monitor status {monitor ?? "unknown"}");
        }, time);

    /// <summary>A stack without a GPU fleet on Azure has no compute to start (the API's own instances are the stack's).</summary>
    private sealed class NoCapacity : IRecoveryCapacity
    {
        public Task<CapacityStatus> GetAsync(CancellationToken ct) => Task.FromResult(new CapacityStatus(0, 0));

        public Task ScaleAsync(int desiredRunning, CancellationToken ct) => Task.CompletedTask;
    }
}
