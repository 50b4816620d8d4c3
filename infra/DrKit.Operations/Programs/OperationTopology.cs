using DrKit.Core.Model;
using DrKit.Core.Planning;
using DrKit.Operations.Adapters;

namespace DrKit.Operations.Programs;

/// <summary>One data tier a failover promotes: a Postgres cross-region replica or a Redis Global Datastore member.</summary>
public sealed record DataTierSpec(string Component, PromotionKind Kind, TimeSpan RpoTarget);

/// <summary>What DR operations act on, decided from a stack's plan: regions, promotable tiers, compute and objectives.</summary>
public sealed record OperationTopology(
    string Stack,
    string PrimaryRegion,
    string? RecoveryRegion,
    IReadOnlyList<DataTierSpec> DataTiers,
    int DesiredRunning,
    TimeSpan RtoTarget,
    TimeSpan? RpoTarget,
    IReadOnlyList<ComponentPlan> Components)
{
    /// <summary>The plan's health-checked DNS (null only for topologies built by hand).</summary>
    public TrafficPlan? Traffic { get; init; }

    /// <summary>The plan's service name, part of the names DrKit decides for cloud resources.</summary>
    public string Service { get; init; } = string.Empty;

    /// <summary>Recovery regions after the first: regions whose copies of stack-wide settings (the model switch) failback aligns too.</summary>
    public IReadOnlyList<string> OtherRegions { get; init; } = [];

    /// <summary>Every region of the stack: primary, recovery, then the others.</summary>
    public IReadOnlyList<string> AllRegions => [PrimaryRegion, .. RecoveryRegion is null ? Array.Empty<string>() : [RecoveryRegion], .. OtherRegions];

    public static OperationTopology From(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var tiers = new List<DataTierSpec>();
        foreach (var c in plan.Components)
        {
            var rpo = c.Target.Rpo ?? TimeSpan.Zero;
            switch (c.Settings)
            {
                // A self-managed standby is promoted on its host, never through RDS (which knows nothing of it).
                case PostgresSettings { CrossRegionReplica: true, Engine: PostgresEngine.SelfManaged }:
                    tiers.Add(new DataTierSpec(c.Name, PromotionKind.SelfManagedStandby, rpo));
                    break;
                case PostgresSettings { CrossRegionReplica: true }:
                    tiers.Add(new DataTierSpec(c.Name, PromotionKind.ReadReplica, rpo));
                    break;
                case RedisSettings { GlobalDatastore: true }:
                    tiers.Add(new DataTierSpec(c.Name, PromotionKind.GlobalDatastore, rpo));
                    break;
                case Core.Platforms.Kubernetes.CnpgSettings { ReplicaCluster: true }:
                    tiers.Add(new DataTierSpec(c.Name, PromotionKind.CnpgReplicaCluster, rpo));
                    break;
                case Core.Platforms.Kubernetes.SentinelRedisSettings { ReplicaOf: not null }:
                    tiers.Add(new DataTierSpec(c.Name, PromotionKind.SentinelRedis, rpo));
                    break;
                case Core.Platforms.Azure.AzurePostgresSettings { ReplicaServer: not null }:
                    tiers.Add(new DataTierSpec(c.Name, PromotionKind.FlexibleServerReplica, rpo));
                    break;
                case Core.Platforms.Azure.AzureRedisSettings { GeoReplicationGroup: not null }:
                    tiers.Add(new DataTierSpec(c.Name, PromotionKind.ManagedRedisGeo, rpo));
                    break;
            }
        }

        var gpu = plan.Components.Select(c => c.Settings).OfType<GpuSettings>().FirstOrDefault();
        var endpoint = plan.Components.Select(c => c.Settings).OfType<EndpointSettings>().FirstOrDefault();
        // GPU nodes are what an inference service cannot serve without; the endpoint count applies when there are none.
        var inference = plan.Components.Select(c => c.Settings).OfType<Core.Platforms.Kubernetes.GpuInferenceSettings>().FirstOrDefault();
        var azureGpu = plan.Components.Select(c => c.Settings).OfType<Core.Platforms.Azure.AzureGpuSettings>().FirstOrDefault();
        var running = gpu?.Count ?? inference?.Replicas ?? azureGpu?.Count ?? endpoint?.RecoveryRunning ?? 0;
        var rpos = plan.Components.Where(c => c.Target.Rpo is not null).Select(c => c.Target.Rpo!.Value).ToList();
        return new OperationTopology(
            plan.Stack,
            plan.PrimaryRegion,
            plan.RecoveryRegions.Count > 0 ? plan.RecoveryRegions[0] : null,
            tiers,
            running,
            plan.Components.Count == 0 ? TimeSpan.Zero : plan.Components.Min(c => c.Target.Rto),
            rpos.Count == 0 ? null : rpos.Min(),
            plan.Components)
        {
            Traffic = plan.Traffic,
            Service = plan.Service,
            OtherRegions = [.. plan.RecoveryRegions.Skip(1)],
        };
    }

    /// <summary>The recovery region, or a refusal naming the stack when it has none.</summary>
    public string RequireRecoveryRegion(string program) => RecoveryRegion ?? throw new Gateway.OperationRefusedException(
        $"Stack {Stack} has no recovery region (drkit:recoveryRegions is empty), so there is nothing to {program} to. " +
        $"Its components recover from backups: run 'drkit drill {Stack}' to rehearse a restore.");

    /// <summary>Postgres components that recover by restore (no replica): drills restore these.</summary>
    public IEnumerable<string> RestoredComponents => Components
        .Where(c => c.Kind is ComponentKind.Postgres or ComponentKind.Redis && DataTiers.All(t => t.Component != c.Name))
        .Select(c => c.Name);
}
