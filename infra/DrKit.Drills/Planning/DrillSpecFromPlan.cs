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

        return new LocalDrillSpec
        {
            StackName = plan.Stack,
            PostgresMode = pg.Replication == ReplicationMode.Sync ? PgMode.Sync : PgMode.Async,
            ArchiveTimeout = TimeSpan.FromSeconds(int.Parse(pg.Parameters["archive_timeout"], System.Globalization.CultureInfo.InvariantCulture)),
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

    private static TierTargets Targets(ComponentPlan component) =>
        new(component.Target.Rpo ?? TimeSpan.Zero, component.Target.Rto);
}
