using DrKit.Core.Model;

namespace DrKit.Core.Platforms.Azure;

/// <summary>A component on Azure managed services (<c>platform: azure</c>, the default of a stack with <c>drkit:cloud: azure</c>).</summary>
public abstract record AzureOptions : ComponentOptions;

/// <summary>How a Blob storage account's data reaches another region.</summary>
public enum BlobRedundancy
{
    /// <summary>Object replication from an account in the primary region to one in each recovery region (any region).</summary>
    ObjectReplication,

    /// <summary>A geo-zone-redundant account (GZRS): Azure copies to the paired region; readable there only after an account failover.</summary>
    Gzrs,

    /// <summary>RA-GZRS: as GZRS, with the paired region's copy readable at all times.</summary>
    RaGzrs,
}

/// <summary>PostgreSQL Flexible Server.</summary>
/// <param name="SkuName">Compute SKU, e.g. <c>GP_Standard_D4ds_v5</c>.</param>
/// <param name="ReplicaSkuName">Compute SKU of the cross-region read replica.</param>
/// <param name="GeoRedundantBackup">Backups copied to the paired region (settable at server creation only).</param>
/// <param name="CustomerManagedKey">Data encrypted with a Key Vault key per region through a user-assigned identity.</param>
public sealed record AzurePostgresOptions(
    ReplicationMode Replication,
    TimeSpan PitrWindow,
    string SkuName,
    string ReplicaSkuName,
    string Version,
    int StorageGb,
    bool GeoRedundantBackup,
    bool CustomerManagedKey,
    TimeSpan ExpectedLag) : AzureOptions;

/// <summary>Azure Managed Redis.</summary>
/// <param name="SkuName">e.g. <c>Balanced_B5</c>; active geo-replication needs <c>Balanced_B3</c> or larger.</param>
public sealed record AzureRedisOptions(string SkuName, TimeSpan ExpectedLag) : AzureOptions;

/// <summary>Blob storage of model artifacts, offline features or vector-index snapshots.</summary>
/// <param name="ImmutabilityDays">Time-based retention (WORM) of the source containers, in days; 0: none.</param>
public sealed record AzureBlobOptions(
    BlobRedundancy? Redundancy,
    int ImmutabilityDays,
    int SoftDeleteDays) : AzureOptions;

/// <summary>A vector index restored from snapshots kept in Blob storage.</summary>
public sealed record AzureVectorIndexOptions(TimeSpan SnapshotInterval, long Vectors, AzureBlobOptions Store) : AzureOptions;

/// <summary>Azure Container Registry (Premium, geo-replicated).</summary>
public sealed record AzureRegistryOptions(IReadOnlyList<string> Repositories) : AzureOptions;

/// <summary>GPU virtual machines with capacity reserved in the recovery region.</summary>
/// <param name="Zones">Region -> availability zone ("1", "2", "3") of the reservation; absent: regional.</param>
/// <param name="ReservationEnd">The date until which the plan counts on the reservation (Azure's has no end of its own).</param>
public sealed record AzureGpuOptions(
    string VmSize,
    int Count,
    bool? Reserved,
    IReadOnlyDictionary<string, string> Zones,
    int StandbyRunning,
    TimeSpan BootTime,
    TimeSpan ModelLoadTime,
    DateOnly? ReservationEnd) : AzureOptions;

/// <summary>The API behind Traffic Manager: the common endpoint keys, on Azure.</summary>
public sealed record AzureEndpointOptions(EndpointOptions Endpoint) : AzureOptions;
