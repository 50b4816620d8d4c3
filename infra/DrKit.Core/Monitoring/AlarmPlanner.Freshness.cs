using System.Globalization;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Monitoring;

public static partial class AlarmPlanner
{
    /// <summary>
    /// RDS uploads an instance's transaction logs to S3 every five minutes, which bounds its latest restorable time
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html); RDS publishes no backup-age metric.
    /// </summary>
    public static readonly TimeSpan RdsLogUploadInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Allowance for the cross-region copy on top of a backup's own interval: S3 Replication Time Control replicates
    /// 99.99% of objects within 15 minutes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html);
    /// RDS automated backup replication publishes no bound (USER_ReplicateBackups.html), so it gets the same allowance.
    /// </summary>
    public static readonly TimeSpan BackupCopyAllowance = TimeSpan.FromMinutes(15);

    /// <summary>How long before a capacity reservation ends its alarm fires: a week to extend or replace it.</summary>
    public static readonly TimeSpan ReservationExpiryLeadTime = TimeSpan.FromDays(7);

    /// <summary>
    /// How often a component's backup gains a new restorable point: RDS every <see cref="RdsLogUploadInterval"/> (or
    /// its archive_timeout if longer), a self-managed server's WAL archive every archive_timeout.
    /// </summary>
    public static TimeSpan BackupInterval(PostgresSettings p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var archiveTimeout = p.Parameters.TryGetValue("archive_timeout", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : RdsLogUploadInterval;
        return p.Engine == Model.PostgresEngine.Rds && archiveTimeout < RdsLogUploadInterval ? RdsLogUploadInterval : archiveTimeout;
    }

    /// <summary>
    /// The backup age that breaches: the backup's interval, plus <see cref="BackupCopyAllowance"/> for the copy into the
    /// recovery region, plus one <see cref="FreshnessProbe.Interval"/> because a datapoint is up to one run old.
    /// </summary>
    public static TimeSpan BackupAgeThreshold(PostgresSettings p) => BackupInterval(p) + BackupCopyAllowance + FreshnessProbe.Interval;

    /// <summary>
    /// How often a self-managed writer must write something even when idle: PostgreSQL switches to a new WAL segment on
    /// <c>archive_timeout</c> only "if there has been any database activity, including a single checkpoint"
    /// (https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-ARCHIVE-TIMEOUT), so an idle writer archives
    /// nothing and the archive's newest segment ages past <see cref="BackupAgeThreshold"/> with nothing to lose. A
    /// one-row heartbeat table updated at this interval (pg_cron or cron) keeps a segment archived every archive_timeout;
    /// the runbook and the alarm text say so. Null for RDS, whose restorable time moves on an idle instance too.
    /// </summary>
    public static TimeSpan? WalHeartbeat(PostgresSettings p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Engine == Model.PostgresEngine.SelfManaged ? BackupInterval(p) : null;
    }

    /// <summary>
    /// One probe per region that holds something to watch: in each recovery region the replicated RDS automated backups
    /// (when the plan replicates them) or the WAL archive replica (self-managed servers), and in its own region each
    /// GPU capacity reservation. Each probe reads only its own region, so it reports while the primary is down.
    /// </summary>
    public static IReadOnlyList<FreshnessProbe> Probes(DrPlan plan) => Probes(plan, Operations.OperationsState.None);

    /// <summary>
    /// The probes in the operations state <paramref name="ops"/>: a promoted component's backups replicated from the old
    /// primary stop advancing once it is down or fenced, so their source (and its alarm) is dropped for as long as the
    /// recovery copy is the writer; nothing in the failed region changes, the probes live in the regions they read.
    /// </summary>
    public static IReadOnlyList<FreshnessProbe> Probes(DrPlan plan, Operations.OperationsState ops)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ops);
        var sources = new List<(string Region, ProbeSource Source)>();
        foreach (var c in plan.Components)
        {
            if (c.Settings is PostgresSettings && ops.IsPromoted(c.Name))
            {
                continue;
            }

            switch (c.Settings)
            {
                case PostgresSettings { Engine: Model.PostgresEngine.Rds, ReplicateAutomatedBackups: true }:
                    sources.AddRange(plan.RecoveryRegions.Select(r => (r, new ProbeSource(c.Name, ProbeSourceKind.RdsBackup))));
                    break;
                case PostgresSettings { Engine: Model.PostgresEngine.SelfManaged, WalArchive.Replicate: true } p:
                    sources.AddRange(plan.RecoveryRegions.Select(r => (r, new ProbeSource(c.Name, ProbeSourceKind.WalArchive, FreshnessProbe.WalDirectory(p.WalKeyPrefix)))));
                    break;
                case GpuSettings { Reserved: true } g:
                    sources.AddRange(g.Allocations.Where(a => a.Reserved > 0).Select(a => a.Region).Distinct(StringComparer.Ordinal)
                        .Select(r => (r, new ProbeSource(c.Name, ProbeSourceKind.Reservation))));
                    break;
            }
        }

        return sources.GroupBy(s => s.Region, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FreshnessProbe($"probe-{g.Key}", g.Key, [.. g.Select(s => s.Source)]))
            .ToList();
    }

    /// <summary>
    /// An alarm per probed source, in the probe's region, on two runs in a row. Missing data breaches: a probe that
    /// stopped, lost its permissions or found nothing publishes no datapoint, and that must alarm like a stale backup.
    /// </summary>
    private static IEnumerable<AlarmSpec> Freshness(DrPlan plan, Operations.OperationsState ops)
    {
        const int runs = FreshnessProbe.MissedRunsAllowed;
        var period = (int)FreshnessProbe.Interval.TotalSeconds;
        foreach (var probe in Probes(plan, ops))
        {
            foreach (var source in probe.Sources)
            {
                var c = plan.Components.First(x => x.Name == source.Component);
                var region = probe.Region;
                if (source.Kind == ProbeSourceKind.Reservation)
                {
                    var lead = ReservationExpiryLeadTime;
                    yield return new AlarmSpec($"{c.Name}-reservation-expiry-{region}", c.Name, c.Tier, SeverityOf(c.Tier), region, region, AlarmTarget.Probe,
                        FreshnessProbe.Namespace, FreshnessProbe.ReservationMetric, "Minimum", "LessThanThreshold", lead.TotalSeconds, "Seconds", period, runs, runs, "breaching",
                        $"{c.Name}: the GPU capacity reservation in {region} ends within {DurationText.Format(lead)}, is no longer active, or the probe stopped reporting. " +
                        "Extend or replace it before the recovery capacity is gone.");
                    continue;
                }

                var p = (PostgresSettings)c.Settings;
                var threshold = BackupAgeThreshold(p);
                var what = source.Kind == ProbeSourceKind.RdsBackup ? "replicated RDS automated backups" : "WAL archive replica";
                var idle = WalHeartbeat(p) is { } heartbeat
                    ? $" An idle writer archives nothing and trips it too: keep a heartbeat write on the writer at least every {DurationText.Format(heartbeat)} (runbook, first deploy)."
                    : string.Empty;
                yield return new AlarmSpec($"{c.Name}-backup-age-{region}", c.Name, c.Tier, SeverityOf(c.Tier), region, region, AlarmTarget.Probe,
                    FreshnessProbe.Namespace, FreshnessProbe.BackupAgeMetric, "Maximum", "GreaterThanThreshold", threshold.TotalSeconds, "Seconds", period, runs, runs, "breaching",
                    $"{c.Name}: the newest restorable point of the {what} in {region} is older than {DurationText.Format(threshold)} " +
                    $"(backup every {DurationText.Format(BackupInterval(p))} + {DurationText.Format(BackupCopyAllowance)} copy + {DurationText.Format(FreshnessProbe.Interval)} probe), " +
                    "or the probe stopped reporting. A restore there would lose more than that. Expected after a first deploy until the first replicated copy exists." + idle);
            }
        }
    }
}
