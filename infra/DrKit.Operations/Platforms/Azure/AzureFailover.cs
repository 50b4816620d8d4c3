using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// The Azure side of the failover program: which tiers it drives with the Azure CLI and the adapters behind the engine's
/// ports, every resource addressed by the name the core decided (<see cref="AzureNames"/>, the settings' groups), so no
/// stack output is read. Static stability: every call names the recovery region's resource group (Traffic Manager's
/// profile lives there too), except the fence's bounded reads of the primary servers, which the engine bounds per tier
/// and whose silence it reports as not confirmed.
/// </summary>
public static class AzureFailover
{
    public static bool Handles(DataTierSpec tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return tier.Kind is PromotionKind.FlexibleServerReplica or PromotionKind.ManagedRedisGeo;
    }

    /// <summary>Whether the stack runs on Azure (its operations then run the Azure CLI).</summary>
    public static bool Runs(OperationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Components.Any(c => c.Settings is AzureSettings);
    }

    internal static ComponentPlan Component(OperationTopology topology, string name) => topology.Components.First(c => c.Name == name);

    internal static IEnumerable<DataTierSpec> Tiers(OperationTopology topology) => topology.DataTiers.Where(Handles);

    public static FlexibleServerPair Postgres(OperationTopology topology, string component, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var s = (AzurePostgresSettings)Component(topology, component).Settings;
        return new FlexibleServerPair(component, s.ResourceGroups[s.PrimaryRegion], s.PrimaryRegion, s.Server, s.ResourceGroups[recovery], recovery,
            s.ReplicaServer ?? throw new InvalidOperationException($"{component} has no read replica"), s.VirtualEndpoint is not null, s.VirtualEndpoint);
    }

    public static ManagedRedisPair Redis(OperationTopology topology, string component, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var s = (AzureRedisSettings)Component(topology, component).Settings;
        return new ManagedRedisPair(component, s.ResourceGroups[topology.PrimaryRegion], topology.PrimaryRegion, s.Instances[topology.PrimaryRegion],
            s.ResourceGroups[recovery], recovery, s.Instances[recovery]);
    }

    /// <summary>The GPU scale set of the recovery region; null when the stack has no Azure GPU fleet.</summary>
    public static ScaleSetTarget? Gpu(OperationTopology topology, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Components.FirstOrDefault(c => c.Settings is AzureGpuSettings) is { } c && c.Settings is AzureGpuSettings g
            ? new ScaleSetTarget(g.ResourceGroups[recovery], recovery, AzureNames.GpuScaleSet(topology.Service, c.Name, recovery), g.In(recovery).ReservationGroup)
            : null;
    }

    /// <summary>The Traffic Manager profile and the region of its group; null when the stack has no Azure API endpoint.</summary>
    public static TrafficManagerTarget? Traffic(OperationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        if (topology.Components.Select(c => c.Settings).OfType<AzureTrafficSettings>().FirstOrDefault() is not { } t)
        {
            return null;
        }

        var groupRegion = t.ResourceGroups.First(g => g.Value == t.ProfileResourceGroup).Key;
        return new TrafficManagerTarget(t.ProfileResourceGroup, groupRegion, t.ProfileName, t, topology.PrimaryRegion);
    }

    /// <summary>The destination accounts of object replication in <paramref name="recovery"/>.</summary>
    public static IReadOnlyList<ReplicatedAccount> Accounts(OperationTopology topology, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return
        [
            .. topology.Components.SelectMany(c => (c.Settings switch
            {
                AzureBlobSettings b => [b],
                AzureVectorIndexSettings v => new[] { v.Store },
                _ => [],
            }).Where(b => b.Redundancy == BlobRedundancy.ObjectReplication && b.Accounts.ContainsKey(recovery))
              .Select(b => new ReplicatedAccount(c.Name, b.ResourceGroups[recovery], recovery, b.Accounts[recovery]))),
        ];
    }

    /// <summary>The adapter that fences and promotes one Azure data tier.</summary>
    public static IDataPromoter Promoter(OperationTopology topology, DataTierSpec tier, string recovery, AzCli az, StackStateRecord state, IStackGateway gateway, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return tier.Kind == PromotionKind.FlexibleServerReplica
            ? new FlexibleServerPromoter(az, Postgres(topology, tier.Component, recovery), state, time)
            : new ManagedRedisPromoter(az, Redis(topology, tier.Component, recovery), state, gateway, time);
    }

    /// <summary>Where an Azure tier's lag came from in its last read; null for other tiers.</summary>
    public static Cloud.LagReading? LastLag(IDataPromoter promoter) => promoter switch
    {
        FlexibleServerPromoter p => p.LastLag,
        ManagedRedisPromoter r => r.LastLag,
        _ => null,
    };

    /// <summary>Refuses what the Azure adapters cannot do yet, before anything is called.</summary>
    public static void RequireSupported(OperationTopology topology, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        if (Traffic(topology) is null)
        {
            throw new OperationRefusedException($"Stack {topology.Stack} has no Traffic Manager profile (no inference-endpoint component on Azure), so a failover could not move users. Nothing was changed.");
        }

        if (Traffic(topology)!.GroupRegion != recovery)
        {
            // Every endpoint change goes to the profile's group; in the region that failed it could not be made.
            throw new OperationRefusedException($"Stack {topology.Stack} keeps its Traffic Manager profile in {Traffic(topology)!.GroupRegion}'s group, not in {recovery}'s, " +
                "so the endpoint changes could depend on the region being left. Nothing was changed.");
        }

        if (Gpu(topology, recovery) is null && topology.DesiredRunning > 0)
        {
            throw new OperationRefusedException($"Stack {topology.Stack} has no Azure GPU fleet to scale in {recovery}. Nothing was changed.");
        }
    }

    /// <summary>
    /// Refuses a Flexible Server tier without a writer virtual endpoint unless the operator forces it: its replica can
    /// only be promoted standalone, where "both the primary and the promoted server function as two independent
    /// read-write servers" (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote),
    /// so the old server is a second writer the moment its region returns.
    /// </summary>
    public static void RequireWriterEndpoints(OperationTopology topology, string recovery, bool forced)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var standalone = AzureFailoverPlan.Postgres(topology, recovery).Where(p => !p.VirtualEndpoint).Select(p => p.Component).ToList();
        if (standalone.Count > 0 && !forced)
        {
            throw new OperationRefusedException(
                $"{string.Join(", ", standalone)} of stack {topology.Stack} has no writer virtual endpoint, so its replica could only be promoted standalone: " +
                $"the old server stays a writer, and when {topology.PrimaryRegion} returns there are two writers and clients split between them. " +
                "Declare the virtual endpoint, or re-run with --force and a reason to accept that. Nothing was changed.");
        }
    }
}
