using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

/// <summary>
/// The figures of <see cref="Assumptions"/> as estimate terms: typical and worst value and the source of each, or
/// "assumed" where no published figure exists. Worst cases that no source gives are DrKit's assumptions too, and say so.
/// </summary>
internal static class Figures
{
    private static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    // ---- Failover program steps (the bounds are the program's own, StepTimeouts.Cloud) ----------------------------

    /// <summary>Readiness reads replica roles, lag, capacity and outputs from the recovery region: seconds, bounded by the step.</summary>
    public static Figure Readiness(TimeSpan bound) => Figure.Assumed(TimeSpan.FromSeconds(30), bound, "DrKit assumption; worst = the Readiness step's bound (StepTimeouts.Cloud)");

    /// <summary>
    /// In a regional outage the fence's first call to the failed region ends with the AWS CLI's connect timeout (60 s by
    /// default); a region that half-answers can hold it to the per-tier fence bound.
    /// </summary>
    public static Figure OutageFence(TimeSpan bound) => Figure.Sourced(TimeSpan.FromSeconds(60), Sources.AwsCliTimeouts + "; worst = StepTimeouts.FenceAttempt", bound);

    /// <summary>Route 53 ARC routing-control update: one data-plane call in the recovery region.</summary>
    public static Figure RoutingControl => Figure.Assumed(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), "DrKit assumption for the data-plane call of " + Sources.RoutingControls);

    public static Figure Report => Figure.Assumed(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), "DrKit assumption; worst = the Report step's bound");

    // ---- PostgreSQL ---------------------------------------------------------------------------------------------

    /// <summary>"Several minutes or longer, depending on the size of the read replica": 5 minutes typical, longer with size (see <see cref="RdsPromotionSize"/>).</summary>
    public static Figure RdsPromotion => Figure.Sourced(Assumptions.RdsReplicaPromotion, Sources.RdsPromote, M(10));

    /// <summary>Assumed: the size-dependent part of a promotion (the reboot's crash recovery and the first backup), a minute per 100 GB at worst.</summary>
    public static Figure RdsPromotionSize(int allocatedGb) => Figure.Assumed(TimeSpan.Zero, M(allocatedGb / 100.0), $"DrKit assumption scaled from {Sources.RdsPromote} (\"longer, depending on the size\")");

    public static Figure SelfManagedPromotion => Figure.Assumed(Assumptions.SelfManagedPromotion, M(2));

    /// <summary>A class change has downtime; DrKit assumes 10 minutes typical and 30 at worst.</summary>
    public static Figure Resize => Figure.Assumed(Assumptions.PilotLightResize, M(30), $"DrKit assumption (downtime of a class change: {Sources.RdsModify})");

    public static Figure DatabaseProvisioning => Figure.Assumed(Assumptions.DatabaseProvisioning, M(40));

    /// <summary>Snapshot restore and WAL replay throughput: 100 GB/h typical, half that at worst (assumed).</summary>
    public static Figure RestorePerGb => Figure.Assumed(TimeSpan.FromHours(1 / Assumptions.RestoreGbPerHour), TimeSpan.FromHours(2 / Assumptions.RestoreGbPerHour));

    /// <summary>RDS ships transaction logs to S3 every five minutes: the latest restorable time trails by up to that.</summary>
    public static Figure RdsLogShipping => Figure.Sourced(Assumptions.RdsLogUpload, Sources.RdsPitr);

    /// <summary>The seeds give 5 s as the cross-region lag target, not a bound: asynchronous lag grows without limit under load or a partition.</summary>
    public static Figure AsyncLag(TimeSpan expected, string key) => Figure.Unbounded(expected, TermBasis.Configured, key,
        $"asynchronous replication has no bound: ReplicaLag grows under write bursts or a partition ({Sources.RdsReplicaLag}); 5s is the seeds' target, not a limit");

    // ---- Object storage, registries -----------------------------------------------------------------------------

    /// <summary>RTC: 99.99 % of objects within 15 minutes; the rest has no bound.</summary>
    public static Figure RtcObjects => Figure.Sourced(Assumptions.S3RtcWindow, Sources.S3Rtc);

    public static Figure RtcWalChain => Figure.Unbounded(Assumptions.S3RtcWindow, TermBasis.Sourced, Sources.S3Rtc,
        "RTC covers 99.99% of objects in 15 minutes: one late WAL segment stops point-in-time recovery at the gap");

    public static Figure UnboundedReplication => Figure.Unbounded(Assumptions.S3TypicalReplication, TermBasis.Sourced, Sources.S3Replication, "S3 replication without RTC has no time guarantee");

    public static Figure EcrReplication => Figure.Unbounded(Assumptions.EcrTypicalReplication, TermBasis.Sourced, Sources.EcrReplication, "ECR replication has no time guarantee");

    public static Figure RdsBackupCopy => Figure.Unbounded(Assumptions.S3TypicalReplication, TermBasis.Assumed, $"DrKit assumption ({Sources.RdsBackupReplication} publishes no time)", "RDS publishes no time bound for cross-region backup replication");

    // ---- Redis, DynamoDB ------------------------------------------------------------------------------------------

    public static Figure GlobalDatastoreLag(TimeSpan expected, string key) => Figure.Unbounded(expected, TermBasis.Configured, key,
        $"Global Datastore replication is asynchronous, typically under a second ({Sources.GlobalDatastore}), with no bound");

    public static Figure GlobalDatastorePromotion => Figure.Sourced(Assumptions.RedisGlobalPromotion, Sources.GlobalDatastore, M(5));

    public static Figure CacheProvisioning => Figure.Assumed(Assumptions.CacheProvisioning, M(30));

    public static Figure DynamoGlobalLag(TimeSpan expected, string key) => Figure.Unbounded(expected, TermBasis.Configured, key,
        $"global tables replicate asynchronously, typically within a second ({Sources.DynamoGlobalTables}), with no bound");

    public static Figure DynamoPitr => Figure.Sourced(Assumptions.DynamoPitrLag, Sources.DynamoPitr);

    public static Figure DynamoBackupInterval => Figure.Assumed(Assumptions.DynamoBackupCopyInterval, Assumptions.DynamoBackupCopyInterval + M(60), "DrKit default (daily AWS Backup copy); worst adds the copy");

    public static Figure DynamoRestore => Figure.Assumed(Assumptions.DynamoRestore, TimeSpan.FromHours(4));

    // ---- Compute ------------------------------------------------------------------------------------------------

    public static Figure ComputeProvisioning => Figure.Assumed(Assumptions.ComputeProvisioning, M(30));

    public static Figure InstanceLaunch => Figure.Assumed(Assumptions.InstanceLaunch, M(8));

    public static Figure GpuBoot => Figure.Assumed(Assumptions.GpuBoot, M(15));

    /// <summary>Reading weights from S3 into GPU memory: 200 MB/s typical, 50 MB/s at worst (assumed; per-instance S3 throughput varies).</summary>
    public static Figure ModelLoadFor(double gb) => Figure.Assumed(TimeSpan.FromSeconds(gb * 1000 / 200), TimeSpan.FromSeconds(gb * 1000 / 50), "DrKit assumption: weights read at 200 MB/s typical, 50 MB/s worst");

    /// <summary>Pulling the serving image from ECR in the recovery region: 100 MB/s typical, 25 MB/s at worst (assumed).</summary>
    public static Figure ImagePullFor(double gb) => Figure.Assumed(TimeSpan.FromSeconds(gb * 1000 / 100), TimeSpan.FromSeconds(gb * 1000 / 25), "DrKit assumption: image pulled at 100 MB/s typical, 25 MB/s worst");

    // ---- Vector index -------------------------------------------------------------------------------------------

    /// <summary>Seed: "8 minutes for full index warming"; DrKit takes twice that at worst.</summary>
    public static Figure IndexWarmup => new(Assumptions.IndexWarmup, M(16), TermBasis.Sourced, Sources.SeedContextDr + " (\"8 minutes for full index warming\"); worst assumed 2x");

    /// <summary>Seed: rebuilds "can take 20-45 minutes for large embedding collections"; the rate per vector is DrKit's (half at worst).</summary>
    public static Figure Rebuild(long vectors) => Figure.Assumed(
        TimeSpan.FromSeconds(Math.Ceiling(vectors / Assumptions.RebuildVectorsPerSecond)), TimeSpan.FromSeconds(Math.Ceiling(vectors / (Assumptions.RebuildVectorsPerSecond / 2))),
        $"DrKit assumption ({Assumptions.RebuildVectorsPerSecond:N0} vectors/s, half at worst) fitted to the seed's \"20-45 minutes for large embedding collections\"");

    public static Figure SnapshotLoad(long vectors) => Figure.Assumed(
        TimeSpan.FromSeconds(Math.Ceiling(vectors / Assumptions.SnapshotRestoreVectorsPerSecond)), TimeSpan.FromSeconds(Math.Ceiling(vectors / (Assumptions.SnapshotRestoreVectorsPerSecond / 2))),
        $"DrKit assumption ({Assumptions.SnapshotRestoreVectorsPerSecond:N0} vectors/s, half at worst)");

    public static Figure Reembed(long documents) => Figure.Assumed(
        TimeSpan.FromSeconds(Math.Ceiling(documents / Assumptions.ReembedDocumentsPerSecond)), TimeSpan.FromSeconds(Math.Ceiling(documents / (Assumptions.ReembedDocumentsPerSecond / 2))),
        $"DrKit assumption ({Assumptions.ReembedDocumentsPerSecond:N0} documents/s through a batched embedding API, half at worst)");
}
