using DrKit.Core.Operations;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>
/// Where a Kubernetes component's writer runs, read from the stack's operations state, for what must follow it: the
/// Velero Schedule of a backup-restore component, and the names operations and clients read back.
/// </summary>
public static class KubernetesWriter
{
    /// <summary>
    /// The region whose cluster takes <paramref name="component"/>'s Velero backups: the writer's. A tier that moves
    /// its writer through operations (promotion) says where it is; a backup-restore component has no follower, so the
    /// operator records the region it was restored into as <c>drkit-ops:writerRegion.&lt;component&gt;</c>, as for a
    /// Global Datastore. Without either, the primary region.
    /// </summary>
    public static string BackupRegion(StackOperations operations, string component)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Tiers.TryGetValue(component, out var tier) && tier.WriterRegion != tier.PrimaryRegion)
        {
            return tier.WriterRegion;
        }

        return operations.State.WriterRegion.TryGetValue(component, out var recorded) && operations.Plan.Regions.Contains(recorded)
            ? recorded
            : operations.Plan.PrimaryRegion;
    }

    /// <summary>
    /// The Sentinels a region runs: the writer's region runs them all, unless it is the fenced primary region. The fence
    /// stops those Sentinels (through the <c>scale</c> subresource), and a deployment while fenced must neither start
    /// them again (they could fail over to a replica that was never paused) nor conflict with the replica count kubectl
    /// set: pulumi-kubernetes applies server-side without forcing, so a different declared count fails the update.
    /// A rollback records the fence undone and scales them back, and the stack then declares the same count.
    /// </summary>
    public static int SentinelReplicas(DataTierState tier, SentinelRedisSettings settings, string region)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(settings);
        return region == tier.WriterRegion && !(tier.Fenced && region == tier.PrimaryRegion) ? settings.Sentinels : 0;
    }

    /// <summary>
    /// The upstream a region's Redis pod 0 falls back to when no Sentinel of its region answers (the role ConfigMap):
    /// none in the writer's region; the primary region's Redis (<c>replicaOf</c>) in the recovery region while the writer
    /// has not moved; the recovery region's Redis (<c>failbackReplicaOf</c>) in the primary region once it has, so the
    /// primary region's Redis scaled up for a failback follows the writer instead of starting as a second master, or
    /// following its own address. Null: pod 0 starts as a master.
    /// </summary>
    public static string? RedisUpstream(DataTierState tier, SentinelRedisSettings settings, string region)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(settings);
        if (region == tier.WriterRegion)
        {
            return null;
        }

        return region == tier.PrimaryRegion ? settings.FailbackReplicaOf : settings.ReplicaOf;
    }

    /// <summary>Flat output naming the master a region's Sentinels monitor, to go with the Sentinel endpoint.</summary>
    public static string SentinelMasterOutput(string component, string region) => $"{component}.sentinelMaster.{region}";
}
