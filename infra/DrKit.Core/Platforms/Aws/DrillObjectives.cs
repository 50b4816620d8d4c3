using System.Globalization;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Aws;

/// <summary>Which recovery path an RPO figure of a drill measures.</summary>
public enum RpoPath
{
    /// <summary>Age of the newest backup or snapshot the drill restored from, at the moment it was read (the simulated failure).</summary>
    Restore,

    /// <summary>Replication lag of the source's replica or Global Datastore member in the drill region, read from CloudWatch at drill start.</summary>
    Replication,

    /// <summary>Age of the newest WAL segment in the archive: what a restore could reach if the chain is complete; nothing is restored.</summary>
    ArchiveFreshness,

    /// <summary>Replication of objects (S3) or images (ECR) a drill reads in place in the drill region: S3's replication
    /// metrics over the last hour, or ECR's replication status of each repository's newest image, read at drill start.</summary>
    ObjectReplication,
}

/// <summary>One RPO figure a drill measures for a component, and the target it is judged against.</summary>
/// <param name="Basis">Why this is the target, in words (shown in the drill plan and report).</param>
public sealed record DrillRpoCheck(string Component, RpoPath Path, TimeSpan Target, string Basis)
{
    /// <summary>
    /// The RTO the restore this figure measures is judged against; null when the figure restores nothing (replication
    /// lag, archive freshness).
    /// </summary>
    public TimeSpan? RtoTarget { get; init; }

    /// <summary>Why <see cref="RtoTarget"/> is the target, in words.</summary>
    public string? RtoBasis { get; init; }
}

/// <summary>A tier (or part of one) a drill cannot measure, with the reason; it keeps the verdict from "met".</summary>
public sealed record DrillGap(string Component, string Reason);

/// <summary>
/// What a cloud drill measures per component, and against which target. The plan's RPO target of a replicated tier
/// (RDS read replica, Global Datastore) is a promise about the replication path, so it is judged by that path's lag
/// at drill start; the backups or snapshots a drill restores from are judged against what the backup path can
/// give. Only a tier whose plan recovers from backups has its own target judged by the restore.
/// RTO is split the same way: a drill times a restore, never the promotion a replicated tier's RTO target promises
/// (that is rehearsed by <c>drkit failover</c> of a staging stack), so a restore of a replicated tier is judged against
/// the plan's own worst case for that restore (instance or cluster creation plus the data at the restore rate), and
/// a tier that recovers from backups against the plan's RTO. Tiers a drill does not restore set no RTO target.
/// </summary>
public static partial class DrillObjectives
{
    /// <summary>RDS uploads transaction logs to S3 every 5 minutes, so the latest restorable time trails by up to that
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html).</summary>
    public static readonly TimeSpan RdsLogUpload = TimeSpan.FromMinutes(5);

    /// <summary>Automated backup replication copies the logs to another region with no published time bound
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html); the allowance is the
    /// typical S3 cross-region copy the estimates use.</summary>
    public static readonly TimeSpan CrossRegionCopy = TimeSpan.FromMinutes(15);

    /// <summary>ElastiCache takes automatic backups once a day, in the backup window
    /// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html).</summary>
    public static readonly TimeSpan ElastiCacheBackupInterval = TimeSpan.FromDays(1);

    /// <summary>The backup window is at least 60 minutes; a backup may finish anywhere in it.</summary>
    public static readonly TimeSpan ElastiCacheBackupWindow = TimeSpan.FromHours(1);

    /// <summary>The oldest the newest automatic snapshot can be, backups <paramref name="interval"/> apart: the interval
    /// plus the window a backup may finish in. One figure for the estimate's worst case and the drill's check, so a drill
    /// near the end of the window is judged as the plan promised.</summary>
    public static TimeSpan SnapshotAge(TimeSpan interval) => interval + ElastiCacheBackupWindow;

    /// <summary>The RPO checks of every restored tier, in plan order.</summary>
    public static IReadOnlyList<DrillRpoCheck> Checks(IEnumerable<ComponentPlan> components, IReadOnlyList<TierRestore> tiers, string primaryRegion)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(tiers);
        var plans = components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var checks = new List<DrillRpoCheck>();
        foreach (var tier in tiers)
        {
            var c = plans[tier.Component];
            var crossRegion = tier.Region != primaryRegion;
            var planned = c.Target.Rpo;
            switch (c.Settings, tier.Kind)
            {
                case (PostgresSettings p, RestoreKind.RdsPointInTime):
                    var backup = Max(Seconds(p.Parameters, "archive_timeout"), RdsLogUpload) + (crossRegion ? CrossRegionCopy : TimeSpan.Zero);
                    var backupWhy = $"RDS uploads logs every {Text(RdsLogUpload)}" + (crossRegion ? $", plus {Text(CrossRegionCopy)} for the copy to {tier.Region} (no published bound)" : string.Empty);
                    var restore = Estimation.Figures.DatabaseProvisioning.Worst!.Value + Estimation.Figures.RestorePerGb.Scaled(p.AllocatedStorageGb).Worst!.Value;
                    var restoreWhy = $"the plan's worst case for this restore: create the instance ({Text(Estimation.Figures.DatabaseProvisioning.Worst!.Value)}) and restore {p.AllocatedStorageGb} GB at {Estimation.Assumptions.RestoreGbPerHour / 2} GB/h";
                    if (p.CrossRegionReplica && crossRegion)
                    {
                        checks.Add(new(c.Name, RpoPath.Restore, backup, $"backup path: {backupWhy}") { RtoTarget = restore, RtoBasis = restoreWhy });
                        checks.Add(new(c.Name, RpoPath.Replication, planned ?? backup, "the plan's RPO, kept by the read replica"));
                    }
                    else
                    {
                        checks.Add(new(c.Name, RpoPath.Restore, planned ?? backup, planned is null ? $"backup path: {backupWhy}" : "the plan's RPO (backups are this tier's recovery)")
                        {
                            RtoTarget = c.Target.Rto,
                            RtoBasis = "the plan's RTO (backups are this tier's recovery)",
                        });
                    }

                    break;
                case (PostgresSettings p, RestoreKind.WalArchive):
                    var archive = Seconds(p.Parameters, "archive_timeout") + (crossRegion ? CrossRegionCopy : TimeSpan.Zero);
                    checks.Add(new(c.Name, RpoPath.ArchiveFreshness, p.Replication == ReplicationMode.None ? planned ?? archive : archive,
                        $"archive_timeout {Text(Seconds(p.Parameters, "archive_timeout"))}" + (crossRegion ? $" plus {Text(CrossRegionCopy)} for the copy to {tier.Region}" : string.Empty)));
                    break;
                case (RedisSettings r, RestoreKind.RedisSnapshot):
                    var daily = SnapshotAge(ElastiCacheBackupInterval);
                    var dailyWhy = $"automatic backups are daily, within a backup window of at least {Text(ElastiCacheBackupWindow)}";
                    var provision = Estimation.Figures.CacheProvisioning.Worst!.Value;
                    var provisionWhy = $"the plan's worst case for this restore: create a cluster and load the snapshot ({Text(provision)})";
                    if (r.GlobalDatastore)
                    {
                        checks.Add(new(c.Name, RpoPath.Restore, daily, $"backup path: {dailyWhy}") { RtoTarget = provision, RtoBasis = provisionWhy });
                        checks.Add(new(c.Name, RpoPath.Replication, planned ?? daily, "the plan's RPO, kept by the Global Datastore"));
                    }
                    else
                    {
                        checks.Add(new(c.Name, RpoPath.Restore, planned ?? daily, planned is null ? dailyWhy : "the plan's RPO (snapshots are this tier's recovery)")
                        {
                            RtoTarget = c.Target.Rto,
                            RtoBasis = "the plan's RTO (snapshots are this tier's recovery)",
                        });
                    }

                    break;
                case (_, RestoreKind.ReadInPlace) when crossRegion && ReplicatedInPlace(c.Settings) is { } replicated:
                    // Read in place: nothing is restored, so no RTO; the plan's RPO is the promise the replication keeps.
                    checks.Add(new(c.Name, RpoPath.ObjectReplication, planned ?? c.Target.Rto,
                        $"the plan's {(planned is null ? "RTO (no RPO is planned)" : "RPO")}, kept by {replicated}"));
                    break;
            }
        }

        return checks;
    }

    /// <summary>Tiers, or paths of tiers, the drill does not measure, with why: the verdict cannot be "met" while one is listed.</summary>
    /// <param name="primaryRegion">Where the source runs: objects and images a drill reads in its own region have no copy to measure.</param>
    public static IReadOnlyList<DrillGap> Gaps(IEnumerable<ComponentPlan> components, IReadOnlyList<TierRestore> tiers, string primaryRegion)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(tiers);
        var plans = components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var gaps = new List<DrillGap>();
        foreach (var tier in tiers)
        {
            var settings = plans[tier.Component].Settings;
            var reason = (tier.Kind, settings) switch
            {
                // A single-region stack's drill reads the source's own bucket or repository: there is no copy to measure.
                (RestoreKind.ReadInPlace, _) when tier.Region == primaryRegion => null,
                (RestoreKind.ReadInPlace, _) when ReplicatedInPlace(settings) is null =>
                    $"not replicated: the stack keeps it in {primaryRegion} only, so the drill region holds no copy to read",
                (RestoreKind.WalArchive, _) =>
                    "restore not performed: the stack runs no self-managed server, so only the archive's freshness is measured, not a restore of the WAL chain",
                (RestoreKind.NotRestored, _) => tier.From,
                _ => null,
            };
            if (reason is not null)
            {
                gaps.Add(new DrillGap(tier.Component, reason));
            }
        }

        return gaps;
    }

    private static TimeSpan Seconds(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.Zero;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Text(TimeSpan span) => DurationText.Format(span);
}
