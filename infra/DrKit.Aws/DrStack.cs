using System.Collections.Immutable;
using DrKit.Core.Planning;
using DrKit.Policies.Pulumi;
using Pulumi;

namespace DrKit.Aws;

/// <summary>
/// The DrKit Pulumi stack: plans the selected stack's config with the Pulumi-free core, declares each
/// component's resources through its component resource, in explicit regional providers, under the DR policy
/// transformation, and exports what failover and drills need.
/// </summary>
public sealed partial class DrStack : Stack
{
    public DrStack()
        : this(StackPlan.Load())
    {
    }

    private DrStack(DrPlan plan)
        : base(new StackOptions { ResourceTransformations = { PolicyTransformation.ForPlan(plan) } })
    {
        Plan = plan;
        var tags = new StackTags(plan.Stack, plan.Service);
        var providers = RegionalProviders.Create(plan.PrimaryRegion, plan.RecoveryRegions, tags, this);
        var built = Compose(plan, providers, tags);

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
        TrafficManaged = built.Traffic.Managed;
        HealthCheckIds = built.Traffic.HealthCheckIds;
        TrafficRecords = built.Traffic.RecordFqdns;
    }

    /// <summary>The plan this deployment declares (the same one <c>drkit plan</c> prints).</summary>
    public DrPlan Plan { get; }
}
