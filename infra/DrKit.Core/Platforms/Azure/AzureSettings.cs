using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>Decided settings of a component on Azure: every name, SKU and number the Azure Pulumi components need.</summary>
public abstract record AzureSettings : ComponentSettings
{
    /// <summary>Region -> the resource group DrKit declares there.</summary>
    public required IReadOnlyDictionary<string, string> ResourceGroups { get; init; }
}

/// <summary>A Key Vault key per region, read by a user-assigned identity, that encrypts a server's data.
/// https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption</summary>
public sealed record AzureKey(string Region, string KeyVault, string KeyName, string Identity)
{
    /// <summary>RSA key size of every DrKit data key.</summary>
    public const int KeySize = AzureDefaults.KeySize;

    /// <summary>Soft-delete retention of the Key Vaults: the most Key Vault keeps, so a deleted key stays recoverable
    /// for as long as possible. https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview</summary>
    public const int VaultRetentionDays = 90;

    /// <summary>Key Vault SKU: keys in software; the service encrypts with them through the identity.</summary>
    public const string VaultSku = "standard";
}

/// <summary>PostgreSQL Flexible Server in the primary region and, for pilot light and warmer, a read replica in the
/// recovery region behind a writer virtual endpoint.</summary>
/// <param name="StorageMb">Storage in MB as the service takes it (a size it offers, <see cref="AzureEstimator.StorageMb"/>).</param>
/// <param name="ReplicaServer">The read replica's name; null without one.</param>
/// <param name="VirtualEndpoint">Writer endpoint name (<c>&lt;name&gt;.writer.postgres.database.azure.com</c>); null without a replica.</param>
public sealed record AzurePostgresSettings(
    string Server,
    string PrimaryRegion,
    string SkuName,
    string Version,
    int StorageMb,
    int BackupRetentionDays,
    bool GeoRedundantBackup,
    string? ReplicaServer,
    string? ReplicaRegion,
    string ReplicaSkuName,
    string? VirtualEndpoint,
    IReadOnlyList<AzureKey> Keys) : AzureSettings
{
    /// <summary>Public network access is always off: clients reach the server through private networking.</summary>
    public bool PublicNetworkAccess { get; init; }

    /// <summary>Where a geo-restore lands: the primary's paired region (null when it has none).</summary>
    public string? GeoRestoreRegion { get; init; }

    /// <summary>The port clients connect to.</summary>
    public const int Port = 5432;
}

/// <summary>Azure Managed Redis per region, joined in one active geo-replication group when there is more than one.</summary>
public sealed record AzureRedisSettings(string SkuName, IReadOnlyDictionary<string, string> Instances, string? GeoReplicationGroup) : AzureSettings
{
    public bool PublicNetworkAccess { get; init; }

    /// <summary>Azure Managed Redis listens on 10000 (TLS), not 6379. https://learn.microsoft.com/azure/redis/how-to-active-geo-replication</summary>
    public const int Port = 10000;
}

/// <summary>One storage account per region; <see cref="Redundancy"/> says how data crosses regions.</summary>
/// <param name="Accounts">Region -> storage account name (the primary's first).</param>
/// <param name="AccountReplicationType">The accounts' redundancy SKU part: ZRS with object replication, GZRS or RAGZRS.</param>
public sealed record AzureBlobSettings(
    string Purpose,
    string Container,
    IReadOnlyDictionary<string, string> Accounts,
    BlobRedundancy Redundancy,
    string AccountReplicationType,
    bool Versioning,
    bool ChangeFeed,
    int SoftDeleteDays,
    int ImmutabilityDays) : AzureSettings
{
    public bool PublicNetworkAccess { get; init; }

    /// <summary>Shared-key authorization off: data access goes through Entra ID roles.</summary>
    public bool SharedKeyAccess { get; init; }
}

/// <summary>A vector index whose snapshots are kept in replicated Blob storage.</summary>
public sealed record AzureVectorIndexSettings(string SnapshotCron, AzureBlobSettings Store) : AzureSettings;

/// <summary>A Premium registry in the primary region with a geo-replica in each recovery region.</summary>
public sealed record AzureRegistrySettings(string Name, string Sku, IReadOnlyList<string> ReplicaRegions, IReadOnlyList<string> Repositories) : AzureSettings
{
    public bool PublicNetworkAccess { get; init; }
}

/// <summary>GPU VMs per region: what a capacity reservation group holds and what runs.</summary>
/// <param name="Zone">Availability zone of the reservation; null: regional.</param>
public sealed record AzureGpuAllocation(string Region, string? ReservationGroup, string? Zone, int Reserved, int Running, DateOnly? ReservationEnd);

public sealed record AzureGpuSettings(string VmSize, int Count, bool Reserved, IReadOnlyList<AzureGpuAllocation> Allocations) : AzureSettings
{
    public AzureGpuAllocation In(string region) => Allocations.First(a => a.Region == region);
}

/// <summary>One Traffic Manager external endpoint: the region's API host, its priority (distinct per profile, unused by
/// weighted routing), its weight 1-1000 and whether it takes traffic.</summary>
public sealed record TrafficManagerEndpoint(string Region, string Target, int Priority, int Weight, bool Enabled);

/// <summary>The Traffic Manager profile in front of the API: probe and endpoints, routed by weight in every state
/// (<see cref="AzureTrafficShape"/>). https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring</summary>
/// <param name="Endpoints">The steady state: which endpoints are enabled and their weights.</param>
/// <param name="ToleratedFailures">Failed probes tolerated before the next one marks an endpoint Degraded (0-9).</param>
public sealed record AzureTrafficSettings(
    string ProfileName,
    string RelativeDnsName,
    string ProbeProtocol,
    int ProbePort,
    string ProbePath,
    int ProbeIntervalSeconds,
    int ProbeTimeoutSeconds,
    int ToleratedFailures,
    int TtlSeconds,
    IReadOnlyList<TrafficManagerEndpoint> Endpoints,
    int RecoveryRunning) : AzureSettings
{
    /// <summary>The resource group that holds the profile: the recovery region's. ARM keeps a resource's metadata in
    /// its group's region and refuses updates while that region is down, so a profile in the primary's group could not
    /// have its endpoints or weights changed during the outage it exists for
    /// (https://learn.microsoft.com/azure/azure-resource-manager/management/overview#resource-group-location-alignment).</summary>
    public required string ProfileResourceGroup { get; init; }
}
