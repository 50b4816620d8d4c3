using DrKit.Core.Config;
using DrKit.Core.Model;
using DrKit.Core.Objectives;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// Reads the options of components on Azure (<c>platform: azure</c>, the default with <c>drkit:cloud: azure</c>),
/// reporting problems through the stack reader's <see cref="Fields"/> so errors name file, line, key and expectation.
/// </summary>
internal static partial class AzureReader
{
    private static readonly string[] BlobKeys = ["redundancy", "priorityReplication", "immutability", "softDelete"];

    /// <summary>The kinds DrKit runs on Azure, and the keys each takes there.</summary>
    public static readonly IReadOnlyDictionary<ComponentKind, string[]> KindKeys = new Dictionary<ComponentKind, string[]>
    {
        [ComponentKind.InferenceEndpoint] = ["endpoints", "port", "startupTime", "standbyRunning"],
        [ComponentKind.Postgres] = ["replication", "pitrWindow", "skuName", "replicaSkuName", "engineVersion", "allocatedStorage", "geoRedundantBackup", "customerManagedKey", "expectedLag"],
        [ComponentKind.Redis] = ["skuName", "expectedLag"],
        [ComponentKind.VectorIndex] = ["snapshotInterval", "vectors", .. BlobKeys],
        [ComponentKind.ModelArtifacts] = BlobKeys,
        [ComponentKind.FeatureStoreOffline] = BlobKeys,
        [ComponentKind.ContainerImages] = ["repositories"],
        [ComponentKind.GpuCapacity] = ["vmSize", "count", "reserved", "zones", "standbyRunning", "bootTime", "modelLoadTime", "reservationEnd"],
    };

    public static AzureOptions Read(Fields f, string name, ComponentKind kind, Strategy strategy, RecoveryObjectives target, IReadOnlyList<string> regions) => kind switch
    {
        ComponentKind.InferenceEndpoint => new AzureEndpointOptions(StackSpecReader.ReadEndpoint(f, regions)),
        ComponentKind.Postgres => ReadPostgres(f, strategy, regions),
        ComponentKind.Redis => ReadRedis(f, strategy, regions),
        ComponentKind.VectorIndex => new AzureVectorIndexOptions(
            f.Duration("snapshotInterval") ?? Estimation.Assumptions.VectorSnapshotInterval,
            f.Number("vectors", 1, long.MaxValue) ?? 1_000_000,
            ReadBlob(f, regions)),
        ComponentKind.ModelArtifacts or ComponentKind.FeatureStoreOffline => ReadBlob(f, regions),
        ComponentKind.ContainerImages => new AzureRegistryOptions(f.StringList("repositories") ?? []),
        ComponentKind.GpuCapacity => ReadGpu(f, regions),
        _ => throw new InvalidOperationException($"{kind} has no Azure reader"),
    };

    private static AzureRedisOptions ReadRedis(Fields f, Strategy strategy, IReadOnlyList<string> regions)
    {
        var sku = f.String("skuName") ?? AzureDefaults.RedisSku;
        if (!AzureDefaults.RedisSkuFamilies.Any(p => sku.StartsWith(p, StringComparison.Ordinal)))
        {
            f.Problem("skuName", $"expected an Azure Managed Redis SKU ({string.Join(", ", AzureDefaults.RedisSkuFamilies.Select(p => p + "<size>"))}, e.g. {AzureDefaults.RedisSku}), got '{sku}'");
        }
        else if (strategy != Strategy.BackupRestore && regions.Count > 1 && AzureDefaults.TooSmallForGeoReplication.Contains(sku))
        {
            f.Problem("skuName", $"active geo-replication needs Balanced_B3 or larger ({AzureAssumptions.ManagedRedisGeo}); got '{sku}'");
        }
        else if (strategy != Strategy.BackupRestore && regions.Count > 1 && sku.StartsWith(AzureDefaults.FlashOptimizedFamily, StringComparison.Ordinal))
        {
            f.Problem("skuName", $"Flash Optimized SKUs do not support active geo-replication ({AzureAssumptions.ManagedRedisGeo}); expected Balanced_B3 or larger, ComputeOptimized_X<size> or MemoryOptimized_M<size>, got '{sku}'");
        }

        return new AzureRedisOptions(sku, f.Duration("expectedLag") ?? AzureAssumptions.RedisGeoLag);
    }

    private static AzureBlobOptions ReadBlob(Fields f, IReadOnlyList<string> regions)
    {
        var redundancy = f.Choice("redundancy", new Dictionary<string, BlobRedundancy>
        {
            ["objectReplication"] = BlobRedundancy.ObjectReplication,
            ["gzrs"] = BlobRedundancy.Gzrs,
            ["ragzrs"] = BlobRedundancy.RaGzrs,
        });
        if (redundancy is BlobRedundancy.Gzrs or BlobRedundancy.RaGzrs && regions.Count > 1 && !AzureRegions.ArePaired(regions[0], regions[1]))
        {
            var pair = AzureRegions.PairOf(regions[0]);
            f.Problem("redundancy", $"GZRS copies to {regions[0]}'s paired region ({pair ?? "it has none"}), not to the recovery region {regions[1]} ({AzureAssumptions.StorageRedundancy}); expected objectReplication, or {(pair is null ? "a paired primary region" : $"recoveryRegions: [{pair}]")}");
        }

        var immutability = f.Duration("immutability");
        if (immutability is { } days && days < TimeSpan.FromDays(1))
        {
            f.Problem("immutability", $"a time-based retention policy is counted in whole days; expected 1d or more, got {DurationText.Format(days)}");
        }

        var softDelete = f.Duration("softDelete") ?? TimeSpan.FromDays(AzureAssumptions.SoftDeleteDays);
        if (softDelete < TimeSpan.FromDays(1) || softDelete > TimeSpan.FromDays(AzureAssumptions.SoftDeleteMaxDays))
        {
            f.Problem("softDelete", $"blob soft delete keeps deleted data 1 to {AzureAssumptions.SoftDeleteMaxDays} days ({AzureAssumptions.BlobSoftDelete}); got {DurationText.Format(softDelete)}");
        }

        // Priority replication is what would bound object replication (99% in 15 minutes), but the pinned provider cannot
        // declare it: Pulumi.Azure 6.39.0's storage ObjectReplication has no such argument (azurerm has none). Planning
        // it would count a bound nothing deploys, so it is refused and object replication is judged without an SLA.
        if (f.Bool("priorityReplication") == true)
        {
            f.Problem("priorityReplication", $"priority replication cannot be declared with Pulumi.Azure 6.39.0 (its ObjectReplication has no priority setting; {AzureAssumptions.ObjectReplication}); expected false or no value: object replication is planned without an SLA");
        }

        return new AzureBlobOptions(redundancy, (int)Math.Ceiling((immutability ?? TimeSpan.Zero).TotalDays), (int)Math.Ceiling(softDelete.TotalDays));
    }
}
