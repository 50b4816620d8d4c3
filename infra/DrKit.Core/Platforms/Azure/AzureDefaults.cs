namespace DrKit.Core.Platforms.Azure;

/// <summary>What an Azure component gets when its stack names nothing else: sizes of the seeds' RAG assistant.</summary>
internal static class AzureDefaults
{
    /// <summary>General Purpose, 4 vCores. https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-compute</summary>
    public const string PostgresSku = "GP_Standard_D4ds_v5";

    public const string PostgresVersion = "16";

    /// <summary>Major versions Flexible Server offers. https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-supported-versions</summary>
    public static readonly IReadOnlyList<string> PostgresVersions = ["13", "14", "15", "16", "17"];

    /// <summary>Tiers of Flexible Server SKU names: Burstable, General Purpose, Memory Optimized.</summary>
    public static readonly IReadOnlyList<string> PostgresSkuTiers = [BurstableTier, "GP_Standard_", "MO_Standard_"];

    /// <summary>The Burstable tier, which read replicas do not support.</summary>
    public const string BurstableTier = "B_Standard_";

    /// <summary>Storage sizes Flexible Server offers, in GB (premium SSD). https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-storage</summary>
    public static readonly IReadOnlyList<int> PostgresStorageGb = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];

    /// <summary>The API's storage_mb for the 32 TiB size: 32 GiB short of 32768 x 1024, the one size that is not GB x 1024
    /// (the provider's list: 32768 ... 16777216, 33553408; terraform-provider-azurerm postgresql_flexible_server_resource.go).</summary>
    public const int LargestStorageMb = 33553408;

    public const string RedisSku = "Balanced_B5";

    /// <summary>Azure Managed Redis SKU families (the provider's list). https://learn.microsoft.com/azure/redis/overview</summary>
    public static readonly IReadOnlyList<string> RedisSkuFamilies = ["Balanced_B", "ComputeOptimized_X", "FlashOptimized_A", "MemoryOptimized_M"];

    /// <summary>"Balanced_B3 SKU or higher is required for geo-replication." https://learn.microsoft.com/azure/redis/how-to-active-geo-replication</summary>
    public static readonly IReadOnlyList<string> TooSmallForGeoReplication = ["Balanced_B0", "Balanced_B1"];

    /// <summary>"The Balanced B0 and B1 SKUs &amp; Flash Optimized SKUs don't support active geo-replication."
    /// https://learn.microsoft.com/azure/redis/how-to-active-geo-replication</summary>
    public const string FlashOptimizedFamily = "FlashOptimized_A";

    /// <summary>One A100 80 GB per VM: the NC A100 v4 size that capacity reservations support.
    /// https://learn.microsoft.com/azure/virtual-machines/capacity-reservation-overview</summary>
    public const string GpuVmSize = "Standard_NC24ads_A100_v4";

    /// <summary>The Key Vault key that encrypts a server's data: RSA 3072 (Flexible Server takes RSA 2048, 3072, 4096).
    /// https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption</summary>
    public const string KeyType = "RSA";

    public const int KeySize = 3072;
}
