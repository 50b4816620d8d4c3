namespace DrKit.Core.Operations;

/// <summary>
/// Stack output names DR operations read after each <c>up</c> (docs/operations.md), in one place for the stack
/// that exports them and the programs that read them: <c>&lt;component&gt;.&lt;field&gt;</c> per data component,
/// and stack-wide <c>recovery.*</c>, <c>traffic.*</c> and <c>endpoint.&lt;region&gt;</c>.
/// </summary>
public static class OperationsOutputNames
{
    /// <summary>Endpoint (host:port) of the component's writer in the primary region; empty when there is none.</summary>
    public static string PrimaryEndpoint(string component) => $"{component}.primaryEndpoint";

    /// <summary>Endpoint (host:port) of the component's member in the recovery region; empty when there is none.</summary>
    public static string RecoveryEndpoint(string component) => $"{component}.recoveryEndpoint";

    /// <summary>
    /// host:port of the member holding the writer, whichever region and instance that is: where clients send writes.
    /// It is the declared state, not the live writer: it moves only with the deployment that records a move (the <c>up</c>
    /// after a failover's promotion, or the <c>up</c> that adopts a failback's re-seeded writer), which cannot run while the
    /// failed region is down. Applications read <see cref="WriterParameter"/> in their own region instead.
    /// </summary>
    public static string WriterEndpoint(string component) => $"{component}.writerEndpoint";

    /// <summary>
    /// Name of the SSM parameter holding the writer's address in every serving region (<see cref="Operations.WriterParameter"/>):
    /// exported only once the stack declares it, so operations write it only where the next <c>up</c> will find its own resource.
    /// </summary>
    public static string WriterParameter(string component) => $"{component}.writerParameter";

    /// <summary><c>replica</c> or <c>primary</c>: the role of the recovery-region member.</summary>
    public static string RecoveryRole(string component) => $"{component}.recoveryRole";

    /// <summary><c>true</c> when the primary-region writer is fenced.</summary>
    public static string Fenced(string component) => $"{component}.fenced";

    /// <summary>Region that holds the writer now.</summary>
    public static string WriterRegion(string component) => $"{component}.writerRegion";

    /// <summary>Seconds the recovery member lags behind the writer; absent when unknown (the AWS stack never knows it: DrKit reads CloudWatch).</summary>
    public static string ReplicaLagSeconds(string component) => $"{component}.replicaLagSeconds";

    /// <summary>Failback: seconds the re-seeded primary-region member lags behind the recovery writer; absent when not resynced.</summary>
    public static string ResyncLagSeconds(string component) => $"{component}.resyncLagSeconds";

    /// <summary>Drill stacks: ISO-8601 time the restored data is current to (the recovery point).</summary>
    public static string RecoveryPoint(string component) => $"{component}.recoveryPoint";

    /// <summary>Recovery compute instances that could run (provisioned, reserved).</summary>
    public const string RecoveryAvailable = "recovery.available";

    /// <summary>Recovery compute instances running.</summary>
    public const string RecoveryRunning = "recovery.running";

    /// <summary>Region receiving <see cref="TrafficPercent"/> percent of traffic.</summary>
    public const string TrafficActiveRegion = "traffic.activeRegion";

    /// <summary>Percent (0..100) of traffic on <see cref="TrafficActiveRegion"/>.</summary>
    public const string TrafficPercent = "traffic.percent";

    /// <summary>JSON map: outage canary key -> Synthetics canary name; each is read in its home region (<c>AlarmPlanner.Canaries</c>).</summary>
    public const string CanaryNames = "canaryNames";

    /// <summary>JSON map: freshness probe key -> Lambda function name, in the probe's region.</summary>
    public const string ProbeNames = "probeNames";

    /// <summary>JSON map: Postgres component -> region -> RDS instance identifier. Read for the CloudWatch <c>ReplicaLag</c> metric.</summary>
    public const string PostgresInstanceIdentifiers = "postgresInstanceIdentifiers";

    /// <summary>Secret JSON map: RDS Postgres component -> its master password. Read by a switchover to reach the recovery replica.</summary>
    public const string PostgresMasterPasswords = "postgresMasterPasswords";

    /// <summary>JSON map: Redis component -> Global Datastore id (empty without one). Read by the AWS CLI primary switch.</summary>
    public const string RedisGlobalDatastoreIds = "redisGlobalDatastoreIds";

    /// <summary>JSON map: Redis component -> region -> replication group id. Read by the AWS CLI primary switch.</summary>
    public const string RedisReplicationGroupIds = "redisReplicationGroupIds";

    /// <summary>JSON map: bucket component -> region -> bucket name. Read to check artifacts are in place before a failover.</summary>
    public const string BucketNames = "bucketNames";

    /// <summary>JSON map: image component -> region -> repository -> URL. Read to check images are in place before a failover.</summary>
    public const string EcrRepositoryUrls = "ecrRepositoryUrls";

    /// <summary>JSON map: RDS Postgres component -> id of its fence security group (no ingress) in the primary region.</summary>
    public const string PostgresFenceSecurityGroupIds = "postgresFenceSecurityGroupIds";

    /// <summary>JSON map: RDS Postgres component -> recovery region -> id of the fence security group (no ingress) there: a
    /// failback fences the promoted writer with it before the primary region takes the writer back.</summary>
    public const string PostgresRecoveryFenceSecurityGroupIds = "postgresRecoveryFenceSecurityGroupIds";

    /// <summary>JSON map: RDS Postgres component -> space-separated client security group ids of its primary (what an unfence restores).</summary>
    public const string PostgresClientSecurityGroupIds = "postgresClientSecurityGroupIds";

    /// <summary>JSON map: RDS Postgres component -> recovery region -> space-separated client security group ids the replica there is
    /// declared with (empty when the stack names none): what a failback's rollback restores on the fenced recovery writer.</summary>
    public const string PostgresRecoveryClientSecurityGroupIds = "postgresRecoveryClientSecurityGroupIds";

    /// <summary>JSON map: RDS Postgres component -> primary region -> name of the writer parameter group there: the stack's
    /// settings without the fence, which a failback gives the re-seeded replica before promoting it.</summary>
    public const string PostgresWriterParameterGroups = "postgresWriterParameterGroups";

    /// <summary>Name of the Auto Scaling group that serves in the recovery region (GPU nodes or endpoint replicas).</summary>
    public const string RecoveryAutoScalingGroup = "recoveryAutoScalingGroup";

    /// <summary>Id of the GPU capacity reservation the recovery group launches into; empty without one.</summary>
    public const string RecoveryCapacityReservation = "recoveryCapacityReservation";

    /// <summary>JSON map: region -> ARN of the ARC routing control that gates that region's Route 53 record.</summary>
    public const string RoutingControlArns = "routingControlArns";

    /// <summary>JSON map: region -> URL of one of the ARC cluster's data-plane endpoints there.</summary>
    public const string RoutingControlEndpoints = "routingControlEndpoints";

    /// <summary>JSON map: GPU component -> region -> EC2 capacity reservation id. Read for available recovery capacity.</summary>
    public const string CapacityReservationIds = "capacityReservationIds";

    /// <summary>JSON map: region -> Route 53 health check id. Read for the health check's status in CloudWatch.</summary>
    public const string HealthCheckIds = "healthCheckIds";

    /// <summary>Health-check URL of the inference endpoint in <paramref name="region"/>.</summary>
    public static string Endpoint(string region) => $"endpoint.{region}";
}
