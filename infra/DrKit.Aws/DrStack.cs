using System.Collections.Immutable;
using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws;

/// <summary>
/// DrKit as a <see cref="Stack"/> class, for hosts that need one (<c>Deployment.RunAsync&lt;DrStack&gt;()</c>,
/// <c>PulumiFn.Create&lt;DrStack&gt;()</c>). It declares exactly what <see cref="DrProgram"/> declares, with the same
/// URNs, but a Stack exports only fixed properties: the structured outputs below, not the flat per-component
/// outputs DR operations read. Run <see cref="DrProgram"/> where operations drive the stack.
/// </summary>
public sealed class DrStack : Stack
{
    public DrStack()
    {
        Resources = DrProgram.Declare(this);
    }

    public DrResources Resources { get; }

    public DrPlan Plan => Resources.Plan;

    [Output("primaryRegion")]
    public Output<string> PrimaryRegion => Resources.PrimaryRegion;

    [Output("recoveryRegions")]
    public Output<ImmutableArray<string>> RecoveryRegions => Resources.RecoveryRegions;

    [Output("planSummary")]
    public Output<string> PlanSummary => Resources.PlanSummary;

    [Output("postgresEndpoints")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresEndpoints => Resources.PostgresEndpoints;

    [Output("postgresInstanceArns")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresInstanceArns => Resources.PostgresInstanceArns;

    [Output("postgresInstanceIdentifiers")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresInstanceIdentifiers => Resources.PostgresInstanceIdentifiers;

    [Output("postgresWalSettings")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresWalSettings => Resources.PostgresWalSettings;

    [Output("walShipperRoleArns")]
    public Output<ImmutableDictionary<string, string>> WalShipperRoleArns => Resources.WalShipperRoleArns;

    [Output("postgresMasterPasswords")]
    public Output<ImmutableDictionary<string, string>> PostgresMasterPasswords => Resources.PostgresMasterPasswords;

    [Output("redisGlobalDatastoreIds")]
    public Output<ImmutableDictionary<string, string>> RedisGlobalDatastoreIds => Resources.RedisGlobalDatastoreIds;

    [Output("redisReplicationGroupIds")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> RedisReplicationGroupIds => Resources.RedisReplicationGroupIds;

    [Output("redisEndpoints")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> RedisEndpoints => Resources.RedisEndpoints;

    [Output("redisAuthTokens")]
    public Output<ImmutableDictionary<string, string>> RedisAuthTokens => Resources.RedisAuthTokens;

    [Output("bucketNames")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> BucketNames => Resources.BucketNames;

    [Output("capacityReservationIds")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> CapacityReservationIds => Resources.CapacityReservationIds;

    [Output("gpuDesiredRunning")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, int>>> GpuDesiredRunning => Resources.GpuDesiredRunning;

    [Output("ecrRepositoryUrls")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, ImmutableDictionary<string, string>>>> EcrRepositoryUrls => Resources.EcrRepositoryUrls;

    [Output("dynamoTableNames")]
    public Output<ImmutableDictionary<string, string>> DynamoTableNames => Resources.DynamoTableNames;

    [Output("postgresFenceSecurityGroupIds")]
    public Output<ImmutableDictionary<string, string>> PostgresFenceSecurityGroupIds => Resources.PostgresFenceSecurityGroupIds;

    [Output("postgresRecoveryFenceSecurityGroupIds")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresRecoveryFenceSecurityGroupIds => Resources.PostgresRecoveryFenceSecurityGroupIds;

    [Output("postgresClientSecurityGroupIds")]
    public Output<ImmutableDictionary<string, string>> PostgresClientSecurityGroupIds => Resources.PostgresClientSecurityGroupIds;

    [Output("postgresRecoveryClientSecurityGroupIds")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresRecoveryClientSecurityGroupIds => Resources.PostgresRecoveryClientSecurityGroupIds;

    [Output("postgresWriterParameterGroups")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> PostgresWriterParameterGroups => Resources.PostgresWriterParameterGroups;

    [Output("recoveryAutoScalingGroup")]
    public Output<string> RecoveryAutoScalingGroup => Resources.RecoveryAutoScalingGroup;

    [Output("recoveryCapacityReservation")]
    public Output<string> RecoveryCapacityReservation => Resources.RecoveryCapacityReservation;

    [Output("routingControlArns")]
    public Output<ImmutableDictionary<string, string>> RoutingControlArns => Resources.RoutingControlArns;

    [Output("routingControlEndpoints")]
    public Output<ImmutableDictionary<string, string>> RoutingControlEndpoints => Resources.RoutingControlEndpoints;

    [Output("trafficManaged")]
    public Output<bool> TrafficManaged => Resources.TrafficManaged;

    [Output("healthCheckIds")]
    public Output<ImmutableDictionary<string, string>> HealthCheckIds => Resources.HealthCheckIds;

    [Output("trafficRecords")]
    public Output<ImmutableDictionary<string, string>> TrafficRecords => Resources.TrafficRecords;

    [Output("modelSwitchParameters")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> ModelSwitchParameters => Resources.ModelSwitchParameters;

    [Output("modelProviderEndpoints")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> ModelProviderEndpoints => Resources.ModelProviderEndpoints;

    [Output("modelProviderKeys")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> ModelProviderKeys => Resources.ModelProviderKeys;

    [Output("modelProviderKeySecrets")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> ModelProviderKeySecrets => Resources.ModelProviderKeySecrets;

    [Output(DrKit.Core.Platforms.Aws.RegistryReplication.OutputName)]
    public Output<string> RegistryReplication => Resources.RegistryReplicationNeed;

    [Output("alarmTopicArns")]
    public Output<ImmutableDictionary<string, string>> AlarmTopicArns => Resources.AlarmTopicArns;

    [Output("alarmNames")]
    public Output<ImmutableDictionary<string, string>> AlarmNames => Resources.AlarmNames;

    [Output(DrKit.Core.Operations.OperationsOutputNames.CanaryNames)]
    public Output<ImmutableDictionary<string, string>> CanaryNames => Resources.CanaryNames;

    [Output(DrKit.Core.Operations.OperationsOutputNames.ProbeNames)]
    public Output<ImmutableDictionary<string, string>> ProbeNames => Resources.ProbeNames;
}
