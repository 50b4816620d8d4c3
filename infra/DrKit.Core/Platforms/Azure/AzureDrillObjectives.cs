using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// What an Azure cloud drill measures per component, and against which target (the Azure sibling of
/// <see cref="DrillObjectives"/>). Only a point-in-time restore has a recovery point the drill can measure: it restores
/// exactly to the time read. A geo-restore restores the newest geo-backup the service holds and Azure publishes no
/// time for it, so its restore-path RPO is a named gap bounded by the documented figure, never a number echoed from
/// the requested time. The replication paths (read-replica lag, object replication, registry replication) are not read
/// by drills on Azure, so they are named gaps too: the verdict cannot be "met" while one is listed.
/// </summary>
public static class AzureDrillObjectives
{
    /// <summary>The RPO figures an Azure drill measures.</summary>
    public static IReadOnlyList<DrillRpoCheck> Checks(IEnumerable<ComponentPlan> components, IReadOnlyList<TierRestore> tiers)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(tiers);
        var plans = components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var checks = new List<DrillRpoCheck>();
        foreach (var tier in tiers.Where(t => t.Kind == RestoreKind.FlexibleServerPointInTime))
        {
            var c = plans[tier.Component];
            // The restore lands on the time read, so the figure is the read's own delay; the plan's RPO is the bar.
            checks.Add(new(c.Name, RpoPath.Restore, c.Target.Rpo ?? AzureAssumptions.ReplicaLag,
                c.Target.Rpo is null ? $"point-in-time restore (no RPO is planned; {AzureAssumptions.PostgresBackup})" : "the plan's RPO")
            {
                RtoTarget = c.Target.Rto,
                RtoBasis = "the plan's RTO (backups are this tier's recovery in its own region)",
            });
        }

        return checks;
    }

    /// <summary>Tiers, or paths of tiers, an Azure drill does not measure, with why.</summary>
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
                (RestoreKind.NotRestored, _) => tier.From,
                (RestoreKind.FlexibleServerGeoRestore, _) =>
                    $"geo-restore RPO not measured: the service restores its newest geo-backup and publishes no time for it; the documented bound is under " +
                    $"{Text(AzureAssumptions.GeoBackupRpo)} ({AzureAssumptions.PostgresBusinessContinuity})",
                (RestoreKind.ReadInPlace, _) when tier.Region != primaryRegion =>
                    $"replication RPO not read: drills on Azure read the copy in {tier.Region} in place but not its replication status",
                _ => null,
            };
            if (reason is not null)
            {
                gaps.Add(new DrillGap(tier.Component, reason));
            }

            if (settings is AzurePostgresSettings { ReplicaRegion: { } replica } && replica == tier.Region)
            {
                gaps.Add(new DrillGap(tier.Component, $"replication RPO not read: the lag of the read replica in {replica} is not read by drills on Azure ({AzureAssumptions.PostgresReadReplicas})"));
            }
        }

        return gaps;
    }

    private static string Text(TimeSpan span) => Objectives.DurationText.Format(span);
}
