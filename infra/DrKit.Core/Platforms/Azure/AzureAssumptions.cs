namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// Every figure the Azure estimates rest on, each with its Microsoft Learn source. "DrKit" marks a working assumption
/// (a stack key overrides it where one exists; drills exist to check it). Azure publishes no SLA for most replication
/// times: such a figure is typical only, and the estimate that uses it has no worst case.
/// </summary>
public static class AzureAssumptions
{
    public const string PostgresBusinessContinuity = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-business-continuity";
    public const string PostgresGeoDr = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-geo-disaster-recovery";
    public const string PostgresReadReplicas = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas";
    public const string PostgresPromote = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote";
    public const string PostgresVirtualEndpoints = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-virtual-endpoints";
    public const string PostgresCmk = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption";
    public const string PostgresBackup = "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore";
    public const string ManagedRedisGeo = "https://learn.microsoft.com/azure/redis/how-to-active-geo-replication";
    public const string ManagedRedisOverview = "https://learn.microsoft.com/azure/redis/overview";
    public const string CacheForRedisRetirement = "https://learn.microsoft.com/azure/azure-cache-for-redis/retirement-faq";
    public const string ObjectReplication = "https://learn.microsoft.com/azure/storage/blobs/object-replication-overview";
    public const string StorageRedundancy = "https://learn.microsoft.com/azure/storage/common/storage-redundancy";
    public const string StorageFailover = "https://learn.microsoft.com/azure/storage/common/storage-disaster-recovery-guidance";
    public const string BlobSoftDelete = "https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview";
    public const string BlobImmutability = "https://learn.microsoft.com/azure/storage/blobs/immutable-storage-overview";
    public const string RegistryGeoReplication = "https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication";
    public const string CapacityReservations = "https://learn.microsoft.com/azure/virtual-machines/capacity-reservation-overview";
    public const string TrafficManagerMonitoring = "https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring";
    public const string TrafficManagerRouting = "https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods";
    public const string NameRules = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";

    /// <summary>PostgreSQL Flexible Server: geo-restore from geo-redundant backups has an RPO under one hour.
    /// <see cref="PostgresBusinessContinuity"/></summary>
    public static readonly TimeSpan GeoBackupRpo = TimeSpan.FromHours(1);

    /// <summary>DrKit: creating the geo-restored server before data is restored (the docs give no figure: "depends on the
    /// size of the database and the amount of logs to recover", minutes to hours). <see cref="PostgresGeoDr"/></summary>
    public static readonly TimeSpan GeoRestoreProvisioning = TimeSpan.FromMinutes(20);

    /// <summary>DrKit: geo-restore throughput in GB per hour (backup copy and WAL replay), half of it at worst.</summary>
    public const double GeoRestoreGbPerHour = 100;

    /// <summary>Backup retention PostgreSQL Flexible Server accepts: 7 to 35 days. <see cref="PostgresBackup"/></summary>
    public const int BackupRetentionMin = 7;

    public const int BackupRetentionMax = 35;

    /// <summary>Typical data loss of a cross-region read replica: the service's business-continuity table gives "RPO &lt; 5 min"
    /// for a typical workload and says it "can be much higher"; there is no bound (lag "depends on the workload and the
    /// latency between regions", <see cref="PostgresReadReplicas"/>). <see cref="PostgresBusinessContinuity"/></summary>
    public static readonly TimeSpan ReplicaLag = TimeSpan.FromMinutes(5);

    /// <summary>DrKit: promoting a read replica ("promote to primary server"; the forced option does not wait for the
    /// replica to catch up). The docs give no duration. <see cref="PostgresPromote"/></summary>
    public static readonly TimeSpan ReplicaPromotion = TimeSpan.FromMinutes(2);

    /// <summary>DrKit: the writer virtual endpoint follows the promoted server through DNS; clients reconnect after the
    /// record's short TTL. <see cref="PostgresVirtualEndpoints"/></summary>
    public static readonly TimeSpan VirtualEndpointSwitch = TimeSpan.FromSeconds(30);

    /// <summary>DrKit: typical active geo-replication delay between Azure Managed Redis instances; "the service does not
    /// provide SLA on sync time". <see cref="ManagedRedisGeo"/></summary>
    public static readonly TimeSpan RedisGeoLag = TimeSpan.FromSeconds(1);

    /// <summary>DrKit: force-unlinking the failed region's instance from the geo-replication group, from the surviving
    /// instance, so it stops waiting for its peer. <see cref="ManagedRedisGeo"/></summary>
    public static readonly TimeSpan RedisForceUnlink = TimeSpan.FromMinutes(2);

    /// <summary>DrKit: creating an Azure Managed Redis instance from code.</summary>
    public static readonly TimeSpan RedisProvisioning = TimeSpan.FromMinutes(20);

    /// <summary>DrKit: typical object replication delay; object replication has no SLA without priority replication.
    /// <see cref="ObjectReplication"/></summary>
    public static readonly TimeSpan ObjectReplicationTypical = TimeSpan.FromMinutes(5);

    /// <summary>GRS/GZRS: the secondary typically trails by less than 15 minutes, with no SLA. <see cref="StorageRedundancy"/></summary>
    public static readonly TimeSpan GeoRedundantStorageRpo = TimeSpan.FromMinutes(15);

    /// <summary>Customer-managed (unplanned) failover of a GRS/GZRS account "typically takes about an hour".
    /// <see cref="StorageFailover"/></summary>
    public static readonly TimeSpan StorageAccountFailover = TimeSpan.FromHours(1);

    /// <summary>Blob soft delete keeps deleted blobs 1 to 365 days. <see cref="BlobSoftDelete"/></summary>
    public const int SoftDeleteMaxDays = 365;

    /// <summary>DrKit default retention of soft-deleted blobs and containers.</summary>
    public const int SoftDeleteDays = 14;

    /// <summary>DrKit: typical time until a pushed image is in every replica; ACR publishes no bound.
    /// <see cref="RegistryGeoReplication"/></summary>
    public static readonly TimeSpan RegistryReplication = TimeSpan.FromMinutes(5);

    /// <summary>Traffic Manager probes every 30 s (normal) or 10 s (fast probing). <see cref="TrafficManagerMonitoring"/></summary>
    public static readonly IReadOnlyList<TimeSpan> ProbeIntervals = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    /// <summary>Tolerated number of failures: 0 to 9 consecutive failed probes before the next failure marks the
    /// endpoint Degraded. <see cref="TrafficManagerMonitoring"/></summary>
    public const int MaxToleratedFailures = 9;

    /// <summary>Probe timeout: 5-10 s with 30 s probing, 5-9 s with 10 s probing; DrKit uses the largest allowed.
    /// <see cref="TrafficManagerMonitoring"/></summary>
    public static int ProbeTimeoutSeconds(int intervalSeconds) => intervalSeconds == 10 ? 9 : 10;

    /// <summary>Traffic Manager endpoint priorities and weights run from 1 to 1000. <see cref="TrafficManagerRouting"/></summary>
    public const int MaxWeight = 1000;

    /// <summary>The lowest endpoint weight; there is no weight 0, so an endpoint that takes no share is disabled.
    /// <see cref="TrafficManagerRouting"/></summary>
    public const int MinWeight = 1;

    /// <summary>DrKit: a GPU VM created into reserved capacity until it boots (the reservation guarantees the
    /// allocation, not the boot). <see cref="CapacityReservations"/></summary>
    public static readonly TimeSpan GpuVmBoot = TimeSpan.FromMinutes(5);

    /// <summary>DrKit: a Traffic Manager endpoint change (enable, disable, weight) reaching the name servers.</summary>
    public static readonly TimeSpan EndpointChange = TimeSpan.FromSeconds(30);
}
