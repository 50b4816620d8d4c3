using DrKit.Core.Model;
using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Aws;

/// <summary>How a drill stack recovers one component's data on AWS.</summary>
public enum RestoreKind
{
    /// <summary>A new RDS instance restored to a point in time from the source's automated backups in the drill region
    /// (replicated there from the primary: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html).</summary>
    RdsPointInTime,

    /// <summary>Self-managed PostgreSQL: the operator's server restores a base backup and replays WAL from the archive
    /// in the drill region; the stack declares no server.</summary>
    WalArchive,

    /// <summary>A new ElastiCache replication group seeded from the newest snapshot of the source's member in the drill region.</summary>
    RedisSnapshot,

    /// <summary>Azure: a new PostgreSQL Flexible Server geo-restored in the source's paired region from its geo-redundant
    /// backups (<c>createMode: GeoRestore</c>). The service restores the newest geo-backup it holds and publishes no latest
    /// geo-restorable time, so the drill requests the time it read the source and reports the restore-path RPO as a gap
    /// bounded by the documented figure (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-geo-disaster-recovery).</summary>
    FlexibleServerGeoRestore,

    /// <summary>Azure: a new PostgreSQL Flexible Server restored to a point in time from the source's backups in its own
    /// region (<c>createMode: PointInTimeRestore</c>; https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore).</summary>
    FlexibleServerPointInTime,

    /// <summary>Buckets and registries are read in place from the source's replicas in the drill region: nothing is declared.</summary>
    ReadInPlace,

    /// <summary>No copy of the data exists in the drill region (backup-restore Redis of a multi-region stack: ElastiCache
    /// snapshots stay in their region; RDS whose automated backups are not replicated there), so the drill restores
    /// nothing and reports the tier unmeasured.</summary>
    NotRestored,
}

/// <summary>One component's recovery in a drill stack: from where, and which drill-stack outputs carry its endpoint and recovery point.</summary>
/// <param name="SourceOutput">The source stack output naming what the data is recovered from (<c>&lt;c&gt;.restoreSource</c>).</param>
/// <param name="RecoveryPointOutput">Drill-stack output with the recovery point; null when the kind has none (replicated objects).</param>
/// <param name="Probed">Whether the drill stack exports an endpoint a probe waits for (it declares the restored instance itself).</param>
public sealed record TierRestore(string Component, RestoreKind Kind, string Region, string SourceOutput, string From, string? RecoveryPointOutput, bool Probed)
{
    /// <summary>For <see cref="RestoreKind.WalArchive"/>: the fixed directory of the archive's WAL keys (from <c>walKeyPrefix</c>,
    /// as the freshness probe reads it), so the drill lists that directory only, not base backups or other tools' copies; empty: the whole bucket.</summary>
    public string ArchivePrefix { get; init; } = string.Empty;

    /// <summary>The drill reads the source and hands the restore a time before deploying, but what the service restores
    /// is the newest backup up to that time, which it does not publish (geo-restore): the time is requested, never a
    /// measured recovery point, so <see cref="RecoveryPointOutput"/> stays null.</summary>
    public bool RequestsPoint { get; init; }

    /// <summary>Where the drill finds the source without a source output, as <c>&lt;resource group&gt;/&lt;name&gt;</c>
    /// from the plan's decided names (Azure); null: the source is named by <see cref="SourceOutput"/>.</summary>
    public string? SourceName { get; init; }

    /// <summary>Whether the drill reads something from the cloud for this tier before deploying.</summary>
    public bool ReadsPoint => RecoveryPointOutput is not null || RequestsPoint;
}

/// <summary>
/// What a drill stack recovers and how, decided from the plan: data tiers are restored, never promoted or joined
/// to the source's replication (a drill must not touch production), and objects are read from the replicas the
/// source keeps in the drill region. The drill reads each tier's recovery point from the cloud before deploying
/// (<see cref="RecoveryPointKey"/>), so the stack restores exactly to it and exports it.
/// </summary>
public static class DrillRestore
{
    /// <summary>Source output (copied into the drill stack as <c>drkit-ops:source.&lt;c&gt;.restoreSource</c>): the
    /// source's member in its first recovery region (the primary region for single-region stacks) that a drill restores from.</summary>
    public static string RestoreSourceOutput(string component) => $"{component}.restoreSource";

    /// <summary>Source output (copied into the drill stack as <c>drkit-ops:source.&lt;c&gt;.restoreKey</c>): the ARN of the
    /// customer-managed key the source encrypts the cache with in the drill region. A drill's restored cache uses it
    /// rather than a key of its own: a key per drill would be left pending deletion for 7 days after each one.</summary>
    public static string RestoreKeyOutput(string component) => $"{component}.restoreKey";

    /// <summary>drkit-ops key (without namespace) a drill stack reads for <see cref="RestoreKeyOutput"/>.</summary>
    public static string RestoreKeyKey(string component) => OperationsKeys.SourcePrefix + RestoreKeyOutput(component);

    /// <summary>Name, among a drill stack's <c>source.*</c> values, of the ISO-8601 time the drill read from the cloud and restores to.</summary>
    public static string RecoveryPointSource(string component) => $"{component}.recoveryPoint";

    /// <summary>Name, among a drill stack's <c>source.*</c> values, of the Redis snapshot the drill found to seed from.</summary>
    public static string SnapshotSource(string component) => $"{component}.snapshotName";

    /// <summary>drkit-ops key (without namespace) the drill sets: the recovery point it read from the cloud.</summary>
    public static string RecoveryPointKey(string component) => OperationsKeys.SourcePrefix + RecoveryPointSource(component);

    /// <summary>drkit-ops key (without namespace) the drill sets for Redis: the snapshot to seed from.</summary>
    public static string SnapshotKey(string component) => OperationsKeys.SourcePrefix + SnapshotSource(component);

    /// <summary>drkit-ops key (without namespace) a drill stack reads for what the source exported as <see cref="RestoreSourceOutput"/>.</summary>
    public static string RestoreSourceKey(string component) => OperationsKeys.SourcePrefix + RestoreSourceOutput(component);

    /// <summary>Drill-stack output: the id of the restored copy (RDS instance identifier, ElastiCache replication group id),
    /// which the drill's probes describe.</summary>
    public static string RestoredIdOutput(string component) => $"{component}.restoredId";

    /// <summary>Create timeout of a restored copy: twice the component's RTO target, at least
    /// <see cref="MinimumRestoreTimeout"/>. The provider defaults (40 minutes for an RDS instance, 60 for a replication
    /// group) are shorter than a point-in-time restore of a large database with a day of WAL to replay.</summary>
    public static TimeSpan RestoreTimeout(ComponentPlan component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var twice = component.Target.Rto * 2;
        return twice > MinimumRestoreTimeout ? twice : MinimumRestoreTimeout;
    }

    /// <summary>The least a restore may take before the drill stack's deployment fails.</summary>
    public static readonly TimeSpan MinimumRestoreTimeout = TimeSpan.FromHours(2);

    /// <summary>
    /// How long the drill stack's deployment may still run once the drill was cancelled: the longest create timeout of
    /// the copies it restores (zero when it restores none). Cutting <c>pulumi up</c> mid-create leaves the copies
    /// RDS and ElastiCache are building out of the state (pending creates), where destroy cannot see them; letting the
    /// deployment end within the bound its resources carry anyway checkpoints them, so teardown deletes them.
    /// </summary>
    public static TimeSpan RestoreBound(IReadOnlyList<TierRestore> tiers, IEnumerable<ComponentPlan> components)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(components);
        var restored = tiers.Where(t => t.Kind is RestoreKind.RdsPointInTime or RestoreKind.RedisSnapshot or RestoreKind.FlexibleServerGeoRestore or RestoreKind.FlexibleServerPointInTime).Select(t => t.Component).ToHashSet(StringComparer.Ordinal);
        return components.Where(c => restored.Contains(c.Name)).Select(RestoreTimeout).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    /// <summary>
    /// Bound on a drill's teardown (destroy plus remove): <paramref name="deletion"/>, the time deletions themselves
    /// take, plus <see cref="RestoreBound"/>. A copy whose restore outlived the deployment is still being created, and
    /// RDS deletes an instance only once it left <c>creating</c>
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html, InvalidDBInstanceState),
    /// so teardown must be able to wait as long as a restore may run.
    /// </summary>
    public static TimeSpan TeardownBound(TimeSpan restoreBound, TimeSpan deletion) => restoreBound + deletion;

    /// <summary>Drill-stack output: where the component's data came from, in words, with the source's id.</summary>
    public static string RestoredFromOutput(string component) => $"{component}.restoredFrom";

    /// <summary>The <c>source.*</c> keys (without namespace) a drill stack of <paramref name="plan"/> reads; Pulumi config cannot list keys.</summary>
    public static IReadOnlyList<string> SourceKeys(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Components.SelectMany(c => new[] { RestoreSourceKey(c.Name), RecoveryPointKey(c.Name), SnapshotKey(c.Name), RestoreKeyKey(c.Name) })
            .Concat(Azure.AzureDrillRestore.SourceKeys(plan)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The region a stack's drills recover into and its source exports restore sources for.</summary>
    public static string DrillRegion(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.RecoveryRegions.Count > 0 ? plan.RecoveryRegions[0] : plan.PrimaryRegion;
    }

    /// <summary>Every component with data, in plan order; stateless ones (endpoints, GPU capacity) are redeployed, not restored.</summary>
    public static IReadOnlyList<TierRestore> For(IEnumerable<ComponentPlan> components, string primaryRegion, string drillRegion)
    {
        ArgumentNullException.ThrowIfNull(components);
        var inPrimary = drillRegion == primaryRegion;
        var list = new List<TierRestore>();
        foreach (var c in components)
        {
            var source = RestoreSourceOutput(c.Name);
            var point = OperationsOutputNames.RecoveryPoint(c.Name);
            TierRestore? tier = c.Settings switch
            {
                PostgresSettings { Engine: PostgresEngine.Rds } p when inPrimary || p.ReplicateAutomatedBackups => new(c.Name, RestoreKind.RdsPointInTime, drillRegion, source,
                    $"RDS point-in-time restore in {drillRegion} from {(inPrimary ? "the source instance's automated backups" : "the automated backups replicated from " + primaryRegion)}, to their latest restorable time", point, true),
                // Without replicated automated backups the drill region holds no copy of an RDS tier: listed, never left out.
                PostgresSettings { Engine: PostgresEngine.Rds } => new(c.Name, RestoreKind.NotRestored, drillRegion, source,
                    $"not restored: the instance's automated backups are not replicated to {drillRegion}, so the drill region holds no copy to restore from", null, false),
                PostgresSettings { Engine: PostgresEngine.SelfManaged } p => new(c.Name, RestoreKind.WalArchive, drillRegion, source,
                    $"base backup + WAL from the archive bucket in {drillRegion}, restored by your server's restore_command (the stack runs no server); recovery point: the newest archived WAL", point, false)
                {
                    ArchivePrefix = Monitoring.FreshnessProbe.WalDirectory(p.WalKeyPrefix),
                },
                RedisSettings r when inPrimary || r.GlobalDatastore => new(c.Name, RestoreKind.RedisSnapshot, drillRegion, source,
                    $"new ElastiCache replication group in {drillRegion} seeded from the newest snapshot of the source's {(inPrimary ? "primary" : "Global Datastore secondary")} there", point, true),
                // CopySnapshot copies within a region and exports only to a bucket in the snapshot's region
                // (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html), and the stack
                // declares no export: the snapshots of a backup-restore cache stay in the primary region.
                RedisSettings => new(c.Name, RestoreKind.NotRestored, drillRegion, source,
                    $"not restored: the cache keeps its snapshots in {primaryRegion} only (ElastiCache copies snapshots within a region; the stack exports none to {drillRegion})", null, false),
                BucketSettings or VectorIndexSettings => new(c.Name, RestoreKind.ReadInPlace, drillRegion, source,
                    $"read in place from the source's {(inPrimary ? "bucket" : "replica bucket")} in {drillRegion}; objects replicate one by one, so no single recovery point", null, false),
                RegistrySettings => new(c.Name, RestoreKind.ReadInPlace, drillRegion, source,
                    $"images pulled from the source's repositories in {drillRegion}", null, false),
                _ => null,
            };
            if (tier is not null)
            {
                list.Add(tier);
            }
        }

        return list;
    }
}
