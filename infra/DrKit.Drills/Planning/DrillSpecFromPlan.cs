using DrKit.Core.Model;
using DrKit.Core.Planning;
using PgMode = DrKit.Drills.Postgres.ReplicationMode;

namespace DrKit.Drills.Planning;

/// <summary>
/// Derives a local drill from a stack's DR plan: the PostgreSQL replication mode and archive_timeout the plan
/// decided, Redis with Sentinel where the plan asks for automatic failover, and each data tier's targets.
/// </summary>
public static class DrillSpecFromPlan
{
    public static LocalDrillSpec Create(DrPlan plan, DrillFailureMode failure, bool restore, string? forceReason = null, int writesPerSecond = 200)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var postgres = plan.Components.FirstOrDefault(c => c.Kind == ComponentKind.Postgres)
            ?? throw new InvalidOperationException($"stack '{plan.Stack}' has no postgres component: a local drill fails over PostgreSQL");
        var pg = (PostgresSettings)postgres.Settings;
        var redis = plan.Components.FirstOrDefault(c => c.Kind == ComponentKind.Redis);
        var redisSettings = redis?.Settings as RedisSettings;

        var archiveTimeout = TimeSpan.FromSeconds(int.Parse(pg.Parameters["archive_timeout"], System.Globalization.CultureInfo.InvariantCulture));
        return new LocalDrillSpec
        {
            StackName = plan.Stack,
            PostgresMode = pg.Replication == ReplicationMode.Sync ? PgMode.Sync : PgMode.Async,
            ArchiveTimeout = archiveTimeout,
            ArchiveOutage = ArchiveOutageFor(archiveTimeout),
            Redis = redis is not null,
            Sentinel = redisSettings is { AutomaticFailover: true },
            PostgresTargets = Targets(postgres),
            RedisTargets = redis is null ? new TierTargets(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)) : Targets(redis),
            FailureMode = failure,

            // A stack that keeps no replica recovers by restore; drilling it means proving the restore.
            Restore = restore || pg.Replication == ReplicationMode.None,
            Force = forceReason is not null,
            ForceReason = forceReason,
            WritesPerSecond = writesPerSecond,
        };
    }

    /// <summary>
    /// How long the archive destination stays away: past one archive_timeout, plus a margin. PostgreSQL hands the
    /// archiver a segment only when one is complete, which with a light write load happens when archive_timeout forces
    /// a switch (https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-TIMEOUT); a shorter outage
    /// would see no archive attempt at all, and the drill could not tell an outage it never exercised from one it missed.
    /// </summary>
    public static TimeSpan ArchiveOutageFor(TimeSpan archiveTimeout)
    {
        var outage = archiveTimeout + TimeSpan.FromSeconds(5);
        return outage > LocalDrillSpec.MinArchiveOutage ? outage : LocalDrillSpec.MinArchiveOutage;
    }

    private static TierTargets Targets(ComponentPlan component) =>
        new(component.Target.Rpo ?? TimeSpan.Zero, component.Target.Rto);
}
