using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// What an Azure drill stack recovers and how, decided from the plan (the Azure sibling of <see cref="DrillRestore"/>):
/// a PostgreSQL Flexible Server is restored as a new server from the source's backups, never promoted or joined to the
/// source's replication; Managed Redis is not restored (see <see cref="For"/>); blobs and images are read in place from
/// the copies the source keeps in the drill region. Every restored name is hashed with the drill stack's name
/// (<see cref="AzureNames"/>), so a drill never asks for a production name.
/// </summary>
public static class AzureDrillRestore
{
    /// <summary>Source output (copied into the drill stack as <c>drkit-ops:source.&lt;c&gt;.restoreIdentity</c>): the
    /// user-assigned identity that reads the source's customer-managed key in the drill region. A server encrypted with
    /// a customer key is geo-restored only with a key and identity in the target region
    /// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption); the drill reuses the
    /// source's (<see cref="DrillRestore.RestoreKeyOutput"/>) rather than a vault of its own, which would stay
    /// soft-deleted for its retention days after each drill.</summary>
    public static string RestoreIdentityOutput(string component) => $"{component}.restoreIdentity";

    /// <summary>drkit-ops key (without namespace) a drill stack reads for <see cref="RestoreIdentityOutput"/>.</summary>
    public static string RestoreIdentityKey(string component) => OperationsKeys.SourcePrefix + RestoreIdentityOutput(component);

    /// <summary>The <c>source.*</c> keys (without namespace) an Azure drill stack reads: the source server's id (set by the
    /// drill from what it read), the requested restore time, and the key and identity of a customer-key server.</summary>
    public static IReadOnlyList<string> SourceKeys(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Components.Where(c => c.Settings is AzurePostgresSettings)
            .SelectMany(c => new[] { DrillRestore.RestoreSourceKey(c.Name), DrillRestore.RecoveryPointKey(c.Name), DrillRestore.RestoreKeyKey(c.Name), RestoreIdentityKey(c.Name) })
            .ToList();
    }

    /// <summary>The resource group a drill stack declares its restored copies in.</summary>
    public static string ResourceGroup(DrPlan plan, string drillStack, string region)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return AzureNames.ResourceGroup(plan.Service, drillStack, region);
    }

    /// <summary>The restored server's name: the production name's pattern hashed with the drill stack, so it never
    /// collides with the source or an earlier drill (server names are global DNS names).</summary>
    public static string RestoredServer(DrPlan plan, string drillStack, string component, string region)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return AzureNames.PostgresServer(drillStack, plan.Service, component, region);
    }

    /// <summary>
    /// Every Azure component with data, in plan order; stateless ones (Traffic Manager, GPU capacity, model providers)
    /// are redeployed, not restored. Decisions, each from Microsoft's documentation:
    /// <list type="bullet">
    /// <item>Flexible Server, drill in the primary's region: point-in-time restore from the source's backups there.</item>
    /// <item>Flexible Server, drill in the paired region with geo-redundant backup: geo-restore there. Geo-restore lands
    /// in the paired region only and restores the newest geo-backup, not a chosen time
    /// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-geo-disaster-recovery, "Restore to specific
    /// point in time: No"; RPO under one hour, https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-business-continuity).</item>
    /// <item>Flexible Server otherwise: not restored. Without geo-backup, or in a region that is not the pair, the drill
    /// region holds no backup of it; the read replica there is production and a drill never promotes it.</item>
    /// <item>Managed Redis: not restored. Persistence rehydrates the same instance and "is not a data backup or point in
    /// time recovery feature" (https://learn.microsoft.com/azure/redis/how-to-persistence); the one way to carry its
    /// data to another cache is an export of an RDB file to a blob and an import into the new cache
    /// (https://learn.microsoft.com/azure/redis/how-to-import-export-data): the stack schedules no export, so no file
    /// exists to import, and exporting the production member during the drill would act on production.</item>
    /// <item>Blobs and vector snapshots: read in place from the replica account in the drill region (object replication),
    /// or from the read-access secondary endpoint of an RA-GZRS account; a GZRS secondary is readable only after an
    /// account failover, an action on production, so it is not read
    /// (https://learn.microsoft.com/azure/storage/common/storage-redundancy).</item>
    /// <item>Registry: images pulled from its geo-replica in the drill region
    /// (https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication).</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<TierRestore> For(IEnumerable<ComponentPlan> components, string primaryRegion, string drillRegion)
    {
        ArgumentNullException.ThrowIfNull(components);
        var inPrimary = drillRegion == primaryRegion;
        var list = new List<TierRestore>();
        foreach (var c in components)
        {
            var source = DrillRestore.RestoreSourceOutput(c.Name);
            TierRestore? tier = c.Settings switch
            {
                AzurePostgresSettings p when inPrimary => new(c.Name, RestoreKind.FlexibleServerPointInTime, drillRegion, source,
                    $"Flexible Server point-in-time restore in {drillRegion} from the backups of {p.Server}, to the time the drill read it", OperationsOutputNames.RecoveryPoint(c.Name), true)
                {
                    SourceName = SourceName(p),
                },
                AzurePostgresSettings { GeoRedundantBackup: true } p when p.GeoRestoreRegion == drillRegion => new(c.Name, RestoreKind.FlexibleServerGeoRestore, drillRegion, source,
                    $"Flexible Server geo-restore in {drillRegion} (the paired region) from the geo-redundant backups of {p.Server}: the newest geo-backup up to the time the drill read it", null, true)
                {
                    SourceName = SourceName(p),
                    RequestsPoint = true,
                },
                AzurePostgresSettings { GeoRedundantBackup: false } p => new(c.Name, RestoreKind.NotRestored, drillRegion, source,
                    $"not restored: {p.Server} keeps no geo-redundant backup, so {drillRegion} holds no backup to restore from (its read replica there is production; a drill never promotes it)", null, false),
                AzurePostgresSettings p => new(c.Name, RestoreKind.NotRestored, drillRegion, source,
                    $"not restored: geo-restore lands only in the paired region ({p.GeoRestoreRegion ?? "none"}), not {drillRegion}", null, false),
                AzureRedisSettings => new(c.Name, RestoreKind.NotRestored, drillRegion, source,
                    "not restored: Managed Redis carries data to another cache only by an RDB export to a blob and an import; the stack schedules no export, " +
                    "and exporting the production member during the drill would act on production", null, false),
                AzureBlobSettings b => Blob(c.Name, b, source, primaryRegion, drillRegion),
                AzureVectorIndexSettings v => Blob(c.Name, v.Store, source, primaryRegion, drillRegion),
                AzureRegistrySettings r when inPrimary || r.ReplicaRegions.Contains(drillRegion) => new(c.Name, RestoreKind.ReadInPlace, drillRegion, source,
                    $"images pulled from {r.Name}.azurecr.io {(inPrimary ? "in" : "through its geo-replica in")} {drillRegion}", null, false),
                AzureRegistrySettings r => new(c.Name, RestoreKind.NotRestored, drillRegion, source,
                    $"not read: {r.Name} has no geo-replica in {drillRegion}", null, false),
                _ => null,
            };
            if (tier is not null)
            {
                list.Add(tier);
            }
        }

        return list;
    }

    private static TierRestore Blob(string component, AzureBlobSettings b, string source, string primaryRegion, string drillRegion)
    {
        if (b.Accounts.TryGetValue(drillRegion, out var account))
        {
            return new(component, RestoreKind.ReadInPlace, drillRegion, source,
                drillRegion == primaryRegion
                    ? $"read in place from account {account} in {drillRegion}"
                    : $"read in place from the replica account {account} in {drillRegion}; object replication copies blobs one by one, so no single recovery point", null, false);
        }

        var primary = b.Accounts.GetValueOrDefault(primaryRegion) ?? b.Accounts.Values.First();
        return b.Redundancy == BlobRedundancy.RaGzrs
            ? new(component, RestoreKind.ReadInPlace, drillRegion, source,
                $"read in place from the read-access secondary endpoint {primary}-secondary.blob.core.windows.net (RA-GZRS copy in the paired region)", null, false)
            : new(component, RestoreKind.NotRestored, drillRegion, source,
                $"not read: the GZRS copy of {primary} is readable only after an account failover, which acts on production", null, false);
    }

    private static string SourceName(AzurePostgresSettings p) => $"{p.ResourceGroups[p.PrimaryRegion]}/{p.Server}";
}
