namespace DrKit.Core.Monitoring;

/// <summary>What a freshness probe reads for one source.</summary>
public enum ProbeSourceKind
{
    /// <summary>The newest restorable time (<c>RestoreWindow.LatestTime</c>) of an RDS instance's automated backups replicated into the probe's region.</summary>
    RdsBackup,

    /// <summary>The newest object under <see cref="ProbeSource.Prefix"/> in the WAL archive bucket's replica in the probe's region.</summary>
    WalArchive,

    /// <summary>The end date and state of a GPU On-Demand Capacity Reservation in the probe's region.</summary>
    Reservation,
}

/// <summary>One thing a probe reads, and the metric it publishes for it (dimensions: stack and component).</summary>
/// <param name="Prefix">For a WAL archive, the key prefix the probe lists (and its IAM grant allows): the fixed
/// directory of the component's WAL key layout (<see cref="FreshnessProbe.WalDirectory"/>).</param>
public sealed record ProbeSource(string Component, ProbeSourceKind Kind, string Prefix = "")
{
    /// <summary>The metric the probe publishes for this source.</summary>
    public string Metric => Kind == ProbeSourceKind.Reservation ? FreshnessProbe.ReservationMetric : FreshnessProbe.BackupAgeMetric;

    /// <summary>The kind as the probe's configuration names it.</summary>
    public string KindName => Kind switch
    {
        ProbeSourceKind.RdsBackup => "rds-backup",
        ProbeSourceKind.WalArchive => "wal-archive",
        _ => "reservation",
    };
}

/// <summary>
/// A scheduled function in <see cref="Region"/> that publishes backup age and reservation time-to-expiry as custom
/// metrics: AWS publishes neither. It reads only its own region's APIs, so it keeps reporting when the primary is down.
/// </summary>
public sealed record FreshnessProbe(string Key, string Region, IReadOnlyList<ProbeSource> Sources)
{
    /// <summary>Namespace of the probe's custom metrics.</summary>
    public const string Namespace = "DrKit";

    /// <summary>Seconds since the newest restorable point of a backup source.</summary>
    public const string BackupAgeMetric = "BackupAgeSeconds";

    /// <summary>Seconds until a capacity reservation ends (0 once it is no longer active).</summary>
    public const string ReservationMetric = "ReservationSecondsToExpiry";

    /// <summary>The metric dimensions, in the order the probe writes them.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["stack", "component"];

    /// <summary>How often the probe runs; its alarms judge one datapoint per run.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>The EventBridge schedule expression for <see cref="Interval"/>.</summary>
    public const string Schedule = "rate(5 minutes)";

    /// <summary>
    /// Retries of one scheduled run: none, neither of EventBridge's delivery to the function (rule target
    /// <c>RetryPolicy</c>, https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html) nor of Lambda's
    /// asynchronous invocation after a function error (by default twice, about one and two minutes later:
    /// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). The probe publishes what it
    /// read before it raises, the next run five minutes later reads everything again and supersedes a retry, and its
    /// alarms already tolerate one missed run (<see cref="MissedRunsAllowed"/>); a retry would only run late, overlap the
    /// next run with a 180-second budget, and publish a datapoint out of step with the schedule.
    /// </summary>
    public const int RetryAttempts = 0;

    /// <summary>
    /// How long a run's event may wait (delivery, or Lambda's asynchronous queue when throttled) before it is dropped: 60
    /// seconds, the least both APIs accept (EventBridge RetryPolicy 60-86400, Lambda event invoke config 60-21600), so a
    /// late run still ends (+ <see cref="TimeoutSeconds"/>) before the next one starts.
    /// </summary>
    public const int MaxEventAgeSeconds = 60;

    /// <summary>
    /// Runs the probe may miss before its datapoints count as stale: two, the same run count its alarms breach on
    /// (missing data breaching), so readiness and the alarms call the same probe silent.
    /// </summary>
    public const int MissedRunsAllowed = 2;

    /// <summary>The oldest a probe's newest datapoint may be before readiness scores it stale: <see cref="MissedRunsAllowed"/> x <see cref="Interval"/>.</summary>
    public static TimeSpan StaleAfter => Interval * MissedRunsAllowed;

    /// <summary>
    /// The fixed directory of a WAL key layout (the same <c>walKeyPrefix</c> failover reads the archive with, e.g. WAL-G's
    /// <c>wal_005/{segment}</c> gives <c>wal_005/</c>): the probe lists that prefix only, never more of the bucket than the
    /// layout needs; the archive's lifecycle (PITR window plus a day) bounds how many objects it pages through.
    /// </summary>
    public static string WalDirectory(string walKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(walKeyPrefix);
        var placeholder = walKeyPrefix.IndexOf('{', StringComparison.Ordinal);
        return placeholder < 0 ? walKeyPrefix : walKeyPrefix[..placeholder];
    }

    /// <summary>What the probe reports for an active reservation without an end date: a year, above any lead time.</summary>
    public static readonly TimeSpan UnlimitedReservation = TimeSpan.FromDays(365);

    /// <summary>Python runtime the probe runs on (boto3 included): https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html</summary>
    public const string Runtime = "python3.12";

    /// <summary>Handler of the probe's code (file <c>probe.py</c>, function <c>handler</c>).</summary>
    public const string Handler = "probe.handler";

    /// <summary>The file name of the probe's code in its archive.</summary>
    public const string ScriptFile = "probe.py";

    /// <summary>The environment variable carrying the probe's JSON configuration.</summary>
    public const string ConfigVariable = "DRKIT_PROBE";

    /// <summary>
    /// A run reads a few APIs per source, each within its own time budget; three minutes leaves room for a slow S3
    /// listing and retries, and stays below the five-minute interval, so runs never overlap.
    /// </summary>
    public const int TimeoutSeconds = 180;

    /// <summary>Lambda caps a function's environment variables at 4 KB in all (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html).</summary>
    public const int ConfigMaxBytes = 4096;

    /// <summary>Days the probe's log group keeps its runs.</summary>
    public const int LogRetentionDays = 14;

    /// <summary>Lambda function names: letters, digits, '-' and '_', at most 64 characters (CreateFunction API).</summary>
    public const int FunctionNameMax = 64;

    /// <summary>
    /// The function's name: unique per account and region, so it carries the stack. Pulumi stack names may hold '.',
    /// which Lambda refuses, and a cut name keeps a hash of the whole so the region suffix still tells probes apart.
    /// </summary>
    public string FunctionName(string stack) => Platforms.Aws.AwsNames.Identifier($"drkit-{stack}-{Key}", FunctionNameMax);
}
