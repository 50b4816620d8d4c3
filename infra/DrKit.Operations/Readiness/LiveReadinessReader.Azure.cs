using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Platforms.Azure;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Readiness;

/// <summary>
/// The live read of a stack on Azure: the same reads the Azure failover's readiness makes, all in the recovery region's
/// groups (Traffic Manager's profile lives there too), each resource by the name the core decided: each replica's state
/// and Azure Monitor lag, each Managed Redis member's geo-replication health, the GPU reservation's reserved count beside the fleet size, and
/// each enabled Traffic Manager endpoint's monitor status. Nothing is read from stack outputs.
/// </summary>
public sealed partial class LiveReadinessReader
{
    /// <summary>The Azure CLI, for stacks on Azure; without it such a stack's live read fails with the reason.</summary>
    public AzCli? Azure { get; init; }

    private async Task<LiveReadings> ReadAzureAsync(DrPlan plan, OperationTopology topology, string recovery, CancellationToken ct)
    {
        var az = Azure ?? throw new OperationRefusedException($"stack {plan.Stack} runs on Azure and no Azure CLI was given to read it. Nothing was read.");
        var state = new StackStateRecord(gateway, plan.Stack);
        var notes = new List<string>();
        var lags = new List<LagObservation>();
        foreach (var tier in topology.DataTiers.Where(AzureFailover.Handles))
        {
            var promoter = AzureFailover.Promoter(topology, tier, recovery, az, state, gateway, time);
            var status = await promoter.GetStatusAsync(ct).ConfigureAwait(false);
            if (status.ReplicaIsPrimary)
            {
                notes.Add($"{tier.Component}: the {recovery} member is the writer now (failed over): there is no replica lag to read until 'drkit failback' re-seeds a replica");
                continue;
            }

            var reading = AzureFailover.LastLag(promoter);
            lags.Add(new LagObservation(tier.Component, recovery, status.ReplicaReachable ? status.Lag : null, tier.RpoTarget,
                status.ReplicaReachable ? reading?.Source ?? "no lag read" : $"the {recovery} member does not answer Ready/Running"));
        }

        var capacity = new List<CapacityObservation>();
        if (AzureFailover.Gpu(topology, recovery) is { ReservationGroup: not null } gpu)
        {
            // On-demand capacity holds nothing to read; the scorer judges reserved capacity only.
            var gpuComponent = topology.Components.First(c => c.Settings is Core.Platforms.Azure.AzureGpuSettings).Name;
            try
            {
                var now = await new ScaleSetCapacity(az, gpu, state).GetAsync(ct).ConfigureAwait(false);
                capacity.Add(new CapacityObservation(gpuComponent, recovery, now.Available, topology.DesiredRunning,
                    AzureFailoverPlan.Capacity(gpu)) { Running = now.Running });
            }
            catch (CloudCommandFailedException e)
            {
                capacity.Add(new CapacityObservation(gpuComponent, recovery, null, topology.DesiredRunning, e.Message));
            }
        }

        var health = new List<HealthObservation>();
        if (AzureFailover.Traffic(topology) is { } traffic)
        {
            foreach (var region in traffic.Regions)
            {
                var call = AzureCalls.EndpointShow(traffic.Group, traffic.GroupRegion, traffic.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(region));
                try
                {
                    var endpoint = await az.ReadAsync(call, ct).ConfigureAwait(false);
                    var monitor = AwsCli.Text(endpoint, "endpointMonitorStatus");
                    if (AwsCli.Text(endpoint, "endpointStatus") != "Enabled")
                    {
                        notes.Add($"endpoint {region}: disabled in the profile (no share of traffic in this state), so its probe is not scored");
                        continue;
                    }

                    health.Add(new HealthObservation(region, monitor switch { "Online" => true, "Degraded" or "Stopped" or "Inactive" => false, _ => null },
                        $"Traffic Manager endpoint monitor status {monitor ?? "unknown"} ({call.CommandLine})"));
                }
                catch (CloudCommandFailedException e)
                {
                    health.Add(new HealthObservation(region, null, e.Message));
                }
            }
        }

        return new LiveReadings(lags, capacity, health, []) { Notes = notes };
    }

    /// <summary>The dry-run description of an Azure live read: the exact <c>az</c> calls with their regions.</summary>
    private static IReadOnlyList<string> DescribeAzure(OperationTopology topology, string recovery)
    {
        var traffic = AzureFailover.Traffic(topology);
        return
        [
            .. AzureFailoverPlan.Postgres(topology, recovery).Select(p =>
                $"{p.Component}: {AzureCalls.ServerShow(p.RecoveryGroup, recovery, p.Replica).Describe()}, then {AzureCalls.ReplicaLag(p.RecoveryGroup, recovery, p.Replica, "<now-10m>", "<now>").Describe()}"),
            .. AzureFailoverPlan.Redis(topology, recovery).Select(r =>
                $"{r.Component}: {AzureCalls.RedisDatabaseShow(r.RecoveryGroup, recovery, r.RecoveryInstance).Describe()}, then {AzureCalls.RedisGeoHealth(r.RecoveryGroup, recovery, r.RecoveryInstance, "<now-10m>", "<now>").Describe()}"),
            .. AzureFailover.Gpu(topology, recovery) is { } gpu ? [$"capacity: {AzureFailoverPlan.Capacity(gpu)}"] : Array.Empty<string>(),
            .. traffic is null ? [] : traffic.Regions.Select(r =>
                $"health {r}: {AzureCalls.EndpointShow(traffic.Group, traffic.GroupRegion, traffic.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(r)).Describe()} (endpointMonitorStatus of an enabled endpoint)"),
        ];
    }
}
