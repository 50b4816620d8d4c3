using System.Collections.Immutable;
using Pulumi;

namespace DrKit.Aws;

/// <summary>Structured stack outputs (component -> region -> value), for operators and tools; the flat operations outputs are in <see cref="StackOutputs"/>.</summary>
public sealed partial class DrResources
{
    [Output("primaryRegion")]
    public Output<string> PrimaryRegion { get; }

    [Output("recoveryRegions")]
    public Output<ImmutableArray<string>> RecoveryRegions { get; }

    /// <summary>The whole plan as JSON (<c>PlanJson</c>), so operators see what this deployment was planned as.</summary>
    [Output("planSummary")]
    public Output<string> PlanSummary { get; }

    [Output("postgresEndpoints")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresEndpoints { get; }

    [Output("postgresInstanceArns")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresInstanceArns { get; }

    [Output("postgresInstanceIdentifiers")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresInstanceIdentifiers { get; }

    [Output("postgresWalSettings")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresWalSettings { get; }

    [Output("walShipperRoleArns")]
    public Output<ImmutableDictionary<string, string>> WalShipperRoleArns { get; }

    /// <summary>Secret.</summary>
    [Output("postgresMasterPasswords")]
    public Output<ImmutableDictionary<string, string>> PostgresMasterPasswords { get; }

    [Output("redisGlobalDatastoreIds")]
    public Output<ImmutableDictionary<string, string>> RedisGlobalDatastoreIds { get; }

    [Output("redisReplicationGroupIds")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> RedisReplicationGroupIds { get; }

    [Output("redisEndpoints")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> RedisEndpoints { get; }

    /// <summary>Secret.</summary>
    [Output("redisAuthTokens")]
    public Output<ImmutableDictionary<string, string>> RedisAuthTokens { get; }

    /// <summary>Bucket component (a PostgreSQL component for its WAL archive) -> region -> bucket name.</summary>
    [Output("bucketNames")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> BucketNames { get; }

    [Output("capacityReservationIds")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> CapacityReservationIds { get; }

    [Output("gpuDesiredRunning")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, int>>> GpuDesiredRunning { get; }

    /// <summary>Component -> region -> repository -> URL.</summary>
    [Output("ecrRepositoryUrls")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, ImmutableDictionary<string, string>>>> EcrRepositoryUrls { get; }

    [Output("dynamoTableNames")]
    public Output<ImmutableDictionary<string, string>> DynamoTableNames { get; }

    /// <summary>RDS Postgres component -> fence security group id (primary region).</summary>
    [Output("postgresFenceSecurityGroupIds")]
    public Output<ImmutableDictionary<string, string>> PostgresFenceSecurityGroupIds { get; }

    /// <summary>RDS Postgres component -> recovery region -> fence security group id there (a failback fences the promoted writer with it).</summary>
    [Output("postgresRecoveryFenceSecurityGroupIds")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresRecoveryFenceSecurityGroupIds { get; }

    /// <summary>RDS Postgres component -> space-separated client security groups of its primary.</summary>
    [Output("postgresClientSecurityGroupIds")]
    public Output<ImmutableDictionary<string, string>> PostgresClientSecurityGroupIds { get; }

    /// <summary>RDS Postgres component -> recovery region -> space-separated client groups of the replica there (a failback's rollback restores them).</summary>
    [Output("postgresRecoveryClientSecurityGroupIds")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresRecoveryClientSecurityGroupIds { get; }

    /// <summary>RDS Postgres component -> primary region -> unfenced writer parameter group a failback gives its re-seed.</summary>
    [Output("postgresWriterParameterGroups")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresWriterParameterGroups { get; }

    /// <summary>Name of the recovery region's GPU serving group (empty without GPU capacity or recovery region).</summary>
    [Output("recoveryAutoScalingGroup")]
    public Output<string> RecoveryAutoScalingGroup { get; }

    /// <summary>Capacity reservation the recovery serving group launches into (empty without one).</summary>
    [Output("recoveryCapacityReservation")]
    public Output<string> RecoveryCapacityReservation { get; }

    [Output("routingControlArns")]
    public Output<ImmutableDictionary<string, string>> RoutingControlArns { get; }

    [Output("routingControlEndpoints")]
    public Output<ImmutableDictionary<string, string>> RoutingControlEndpoints { get; }

    [Output("trafficManaged")]
    public Output<bool> TrafficManaged { get; }

    [Output("healthCheckIds")]
    public Output<ImmutableDictionary<string, string>> HealthCheckIds { get; }

    [Output("trafficRecords")]
    public Output<ImmutableDictionary<string, string>> TrafficRecords { get; }

    /// <summary>What this stack needs of its account's ECR registry replication (JSON), merged by the account's registry
    /// owner; empty when it replicates no images (always on drill stacks).</summary>
    [Output(DrKit.Core.Platforms.Aws.RegistryReplication.OutputName)]
    public Output<string> RegistryReplicationNeed { get; }

    /// <summary>"region/severity" -> SNS topic ARN the DR alarms notify.</summary>
    [Output("alarmTopicArns")]
    public Output<ImmutableDictionary<string, string>> AlarmTopicArns { get; }

    /// <summary>Alarm key -> CloudWatch alarm name.</summary>
    [Output("alarmNames")]
    public Output<ImmutableDictionary<string, string>> AlarmNames { get; }

    /// <summary>Outage canary key -> Synthetics canary name; readiness reads each in its home region.</summary>
    [Output(DrKit.Core.Operations.OperationsOutputNames.CanaryNames)]
    public Output<ImmutableDictionary<string, string>> CanaryNames { get; }

    /// <summary>Freshness probe key -> Lambda function name.</summary>
    [Output(DrKit.Core.Operations.OperationsOutputNames.ProbeNames)]
    public Output<ImmutableDictionary<string, string>> ProbeNames { get; }
}
