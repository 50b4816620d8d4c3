using System.Collections.Immutable;
using System.Reflection;
using DrKit.Core.Model;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Policies.Pulumi;
using Pulumi;

namespace DrKit.Aws;

/// <summary>
/// Everything a DrKit stack declares for a plan and the operations state: each component's resources through its
/// component resource, in explicit regional providers, under the DR policy transformation, and the outputs failover,
/// failback and drills read.
/// </summary>
public sealed partial class DrResources
{
    /// <param name="parent">The stack to declare under; null: the program's root stack.</param>
    public DrResources(StackOperations operations, Resource? parent)
    {
        ArgumentNullException.ThrowIfNull(operations);
        Operations = operations;
        var plan = operations.Plan;
        var tags = new StackTags(plan.Stack, plan.Service);
        var providers = RegionalProviders.Create(plan.PrimaryRegion, plan.RecoveryRegions, tags, parent);
        var policy = PolicyTransformation.ForPlan(plan);
        var drill = operations.State.Drill is not null;
        var built = drill ? Built.None() : Compose(operations, providers, tags, parent, policy);
        var restored = drill ? ComposeDrill(operations, providers, tags, parent, policy) : null;

        PrimaryRegion = Output.Create(plan.PrimaryRegion);
        RecoveryRegions = Output.Create(plan.RecoveryRegions.ToImmutableArray());
        PlanSummary = Output.Create(PlanJson.Serialize(plan));
        PostgresEndpoints = OutputMaps.Of(built.Postgres.ToDictionary(c => c.Key, c => c.Value.Endpoints, StringComparer.Ordinal));
        PostgresInstanceArns = OutputMaps.Of(built.Postgres.ToDictionary(c => c.Key, c => c.Value.InstanceArns, StringComparer.Ordinal));
        PostgresInstanceIdentifiers = OutputMaps.Of(built.Postgres.ToDictionary(c => c.Key, c => c.Value.InstanceIdentifiers, StringComparer.Ordinal));
        PostgresWalSettings = OutputMaps.Of(built.Postgres.ToDictionary(c => c.Key, c => c.Value.WalSettings, StringComparer.Ordinal));
        WalShipperRoleArns = OutputMaps.Of(built.Postgres.ToDictionary(c => c.Key, c => c.Value.WalShipperRoleArn, StringComparer.Ordinal));
        PostgresMasterPasswords = Output.CreateSecret(OutputMaps.Of(built.Postgres.ToDictionary(c => c.Key, c => c.Value.MasterPassword, StringComparer.Ordinal)));
        RedisGlobalDatastoreIds = OutputMaps.Of(built.Redis.ToDictionary(c => c.Key, c => c.Value.GlobalDatastoreId, StringComparer.Ordinal));
        RedisReplicationGroupIds = OutputMaps.Of(built.Redis.ToDictionary(c => c.Key, c => c.Value.ReplicationGroupIds, StringComparer.Ordinal));
        RedisEndpoints = OutputMaps.Of(built.Redis.ToDictionary(c => c.Key, c => c.Value.Endpoints, StringComparer.Ordinal));
        RedisAuthTokens = Output.CreateSecret(OutputMaps.Of(built.Redis.ToDictionary(c => c.Key, c => c.Value.AuthToken, StringComparer.Ordinal)));
        BucketNames = OutputMaps.Of(built.Buckets.ToDictionary(c => c.Key, c => c.Value.BucketNames, StringComparer.Ordinal));
        CapacityReservationIds = OutputMaps.Of(built.Gpu.ToDictionary(c => c.Key, c => c.Value.ReservationIds, StringComparer.Ordinal));
        GpuDesiredRunning = OutputMaps.Of(built.Gpu.ToDictionary(c => c.Key, c => c.Value.DesiredRunning, StringComparer.Ordinal));
        EcrRepositoryUrls = OutputMaps.Of(built.Registries.ToDictionary(c => c.Key, c => c.Value.RepositoryUrls, StringComparer.Ordinal));
        DynamoTableNames = OutputMaps.Of(built.FeatureStores.ToDictionary(c => c.Key, c => c.Value.TableName, StringComparer.Ordinal));
        var rdsTiers = built.Postgres.Where(c => Plan.Components.Any(p => p.Name == c.Key && p.Settings is PostgresSettings { Engine: PostgresEngine.Rds }))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        PostgresFenceSecurityGroupIds = OutputMaps.Of(rdsTiers.ToDictionary(c => c.Key, c => c.Value.FenceSecurityGroupId, StringComparer.Ordinal));
        PostgresRecoveryFenceSecurityGroupIds = OutputMaps.Of(rdsTiers.ToDictionary(c => c.Key, c => c.Value.RecoveryFenceSecurityGroupIds, StringComparer.Ordinal));
        PostgresClientSecurityGroupIds = OutputMaps.Of(rdsTiers.ToDictionary(c => c.Key, c => c.Value.ClientSecurityGroupIds, StringComparer.Ordinal));
        PostgresRecoveryClientSecurityGroupIds = OutputMaps.Of(rdsTiers.ToDictionary(c => c.Key, c => c.Value.RecoveryClientSecurityGroupIds, StringComparer.Ordinal));
        PostgresWriterParameterGroups = OutputMaps.Of(rdsTiers.ToDictionary(c => c.Key, c => c.Value.WriterParameterGroups, StringComparer.Ordinal));
        var recovery = operations.Recovery;
        var gpu = recovery.GpuComponent is { } g && built.Gpu.TryGetValue(g, out var capacity) ? capacity : null;
        RecoveryAutoScalingGroup = gpu is null || recovery.Region is null ? Output.Create(string.Empty) : gpu.GroupNames.Apply(n => n.GetValueOrDefault(recovery.Region) ?? string.Empty);
        RecoveryCapacityReservation = gpu is null || recovery.Region is null ? Output.Create(string.Empty) : gpu.ReservationIds.Apply(n => n.GetValueOrDefault(recovery.Region) ?? string.Empty);
        RoutingControlArns = built.Traffic?.RoutingControlArns ?? OutputMaps.Empty<string>();
        RoutingControlEndpoints = built.Traffic?.RoutingControlEndpoints ?? OutputMaps.Empty<string>();
        TrafficManaged = built.Traffic?.Managed ?? Output.Create(false);
        HealthCheckIds = built.Traffic?.HealthCheckIds ?? OutputMaps.Empty<string>();
        TrafficRecords = built.Traffic?.RecordFqdns ?? OutputMaps.Empty<string>();
        RegistryReplicationNeed = built.Registries.Count == 0
            ? Output.Create(string.Empty)
            : Output.All(built.Registries.Values.Select(r => r.ReplicationNeed)).Apply(needs => needs.FirstOrDefault(n => n.Length > 0) ?? string.Empty);
        ModelOutputs(built.Models);
        AlarmTopicArns = built.Alarms?.TopicArns ?? OutputMaps.Empty<string>();
        AlarmNames = built.Alarms?.AlarmNames ?? OutputMaps.Empty<string>();
        CanaryNames = built.Alarms?.CanaryNames ?? OutputMaps.Empty<string>();
        ProbeNames = built.Alarms?.ProbeNames ?? OutputMaps.Empty<string>();
        OperationsOutputs = FlatOutputs(operations, built, restored);
    }

    /// <summary>The plan and operations state this deployment declares.</summary>
    public StackOperations Operations { get; }

    public DrPlan Plan => Operations.Plan;

    /// <summary>
    /// The flat outputs of docs/operations.md (<c>context-store.recoveryRole</c>, <c>traffic.percent</c>, ...), each
    /// its own stack output. Only endpoints wait for resources; everything else the core decided is known at once.
    /// </summary>
    public IReadOnlyDictionary<string, Output<string>> OperationsOutputs { get; }

    /// <summary>Every stack output by name: the structured ones and the flat operations outputs.</summary>
    public IDictionary<string, object?> StackOutputs()
    {
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in typeof(DrResources).GetProperties())
        {
            if (property.GetCustomAttribute<OutputAttribute>() is { Name: { } name })
            {
                outputs[name] = property.GetValue(this);
            }
        }

        foreach (var (name, value) in OperationsOutputs)
        {
            outputs[name] = value;
        }

        return outputs;
    }

    private static Dictionary<string, Output<string>> FlatOutputs(StackOperations operations, Built built, Restored? restored)
    {
        var flat = operations.FlatOutputs(new Dictionary<string, TierEndpoints>(StringComparer.Ordinal))
            .ToDictionary(o => o.Key, o => Output.Create(o.Value), StringComparer.Ordinal);
        if (restored is not null)
        {
            DrillOutputs(flat, operations, restored);
            return flat;
        }

        RestoreSources(flat, operations.Plan, built);
        foreach (var (component, postgres) in built.Postgres)
        {
            Endpoints(flat, operations.Tiers[component], postgres.PrimaryEndpoint, postgres.RecoveryEndpoint);
            if (postgres.WriterAddress is { } writer)
            {
                flat[OperationsOutputNames.WriterParameter(component)] = writer.ParameterName;
            }
        }

        foreach (var (component, redis) in built.Redis)
        {
            Endpoints(flat, operations.Tiers[component], redis.PrimaryEndpoint, redis.RecoveryEndpoint);
        }

        return flat;
    }

    private static void Endpoints(Dictionary<string, Output<string>> flat, DataTierState tier, Output<string> primary, Output<string> recovery)
    {
        flat[OperationsOutputNames.PrimaryEndpoint(tier.Component)] = primary;
        // The writer's endpoint, from the decided state: the promoted recovery member's after a failover, the primary
        // region's writer (the adopted re-seed after a failback) otherwise.
        flat[OperationsOutputNames.WriterEndpoint(tier.Component)] = tier.RecoveryRole == DataTierState.RolePrimary ? recovery : primary;
        if (tier.RecoveryRegion is not null)
        {
            flat[OperationsOutputNames.RecoveryEndpoint(tier.Component)] = recovery;
        }
    }
}
