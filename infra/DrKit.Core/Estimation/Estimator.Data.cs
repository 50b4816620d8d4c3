using System.Globalization;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Failover;

namespace DrKit.Core.Estimation;

internal static partial class Estimator
{
    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Draft Postgres(ComponentSpec c, PostgresOptions o, EstimateContext ctx)
    {
        var rtc = !ctx.SingleRegion && EstimateContext.NeedsRtc(o.ReplicationTimeControl, c.Target);
        var walBucket = Buckets.Settings("wal-archive", !ctx.SingleRegion, rtc, o.ImmutableBackups, Assumptions.ObjectLockRetention,
            new LifecycleOptions(Assumptions.WarmAfter, Assumptions.ColdAfter, o.PitrWindow + TimeSpan.FromDays(1), Assumptions.NoncurrentExpiry));

        // What the WAL archive alone can guarantee: the archive timeout plus, across regions, the copy. RDS runs no
        // archive command of DrKit's: it uploads transaction logs to S3 every five minutes for its own point-in-time
        // recovery (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html), whatever archive_timeout says,
        // and copies automated backups across regions itself, with no published time bound and no RTC
        // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html).
        var rds = o.Engine == PostgresEngine.Rds;
        var walRpo = rds
            ? new Derivation("RPO").Add("log upload", Figures.RdsLogShipping, "RDS uploads transaction logs every 5 minutes; archive_timeout does not shorten it")
            : new Derivation("RPO").Add("archive_timeout", Figure.Configured(o.ArchiveTimeout, "archiveTimeout"), "a WAL segment is shipped at least this often");
        if (!ctx.SingleRegion)
        {
            if (rds)
            {
                walRpo.Add("copy", Figures.RdsBackupCopy, $"RDS automated backup replication to {ctx.Recovery}");
            }
            else
            {
                walRpo.Add("copy", rtc ? Figures.RtcWalChain : Figures.UnboundedReplication, rtc ? "WAL segments replicated with RTC" : "WAL segments replicated without RTC");
            }
        }

        var archive = rds ? (ctx.SingleRegion ? "RDS automated backups" : "RDS automated backups replicated") : "WAL archive";
        var promotion = rds ? Figures.RdsPromotion : Figures.SelfManagedPromotion;
        var promotionWhy = rds ? "promote the RDS cross-region read replica" : "pg_promote on the streaming standby";
        Derivation rpo;
        var rto = new Derivation("RTO");
        var caveats = new List<string>();
        string mechanism;
        if (o.Replication == ReplicationMode.None)
        {
            mechanism = $"{archive} (archive_timeout {DurationText.Format(o.ArchiveTimeout)}) + snapshots every {DurationText.Format(o.SnapshotInterval)}";
            rpo = walRpo;
            ctx.DetectAndDecide(rto, c.Tier)
               .Add("provision", Figures.DatabaseProvisioning, $"create the instance in {ctx.Recovery}")
               .Add("restore", Figures.RestorePerGb.Scaled(o.AllocatedStorageGb), $"{o.AllocatedStorageGb} GB allocated at {Assumptions.RestoreGbPerHour} GB/h (half at worst); the snapshot restores what is stored, so allocated storage bounds it");
            if (o.WriteRateGbPerHour is { } rate)
            {
                // WAL since the last snapshot is replayed after the snapshot: half an interval typically, a whole one at worst.
                var gb = rate * o.SnapshotInterval.TotalHours;
                rto.Add("replay", new Figure(Figures.RestorePerGb.Scaled(gb / 2).Typical, Figures.RestorePerGb.Scaled(gb).Worst, TermBasis.Assumed, $"writeRate {rate} GB/h x snapshot interval {DurationText.Format(o.SnapshotInterval)}, replayed at the restore rate"),
                    $"replay WAL written since the last snapshot ({gb:0.#} GB at worst)");
            }
            else
            {
                rto.Add("replay", Figure.Unbounded(TimeSpan.Zero, TermBasis.Assumed, "writeRate not declared", "WAL written since the last snapshot is replayed after it; declare writeRate (GB/h) to bound it"),
                    "replay WAL written since the last snapshot");
            }
        }
        else
        {
            var sync = o.Replication == ReplicationMode.Sync;
            mechanism = rds ? $"RDS cross-region read replica (async) + {archive}" : $"streaming replica ({(sync ? "sync" : "async")}) + WAL archive";
            rpo = sync
                ? new Derivation("RPO").Add("sync", Figure.Configured(TimeSpan.Zero, "replication: sync"), "every commit is on the standby before it is acknowledged")
                : new Derivation("RPO").Add("lag", Figures.AsyncLag(o.ExpectedLag, "expectedLag (seed target 5s)"), "async replication loses what the replica has not received");
            if (sync)
            {
                caveats.Add($"synchronous commit waits for {ctx.Recovery}: about {DurationText.Format(Assumptions.CrossRegionRoundTrip)} more per write");
                caveats.Add($"if {ctx.Recovery} is lost instead, every commit in {ctx.Primary} stalls until synchronous_standby_names is relaxed: the primary's own RTO then includes that decision");
            }

            ctx.DetectAndDecide(rto, c.Tier);
            // The replica applies what it has received before it is promoted; the readiness check refuses lag beyond the RPO target.
            var rpoTarget = c.Target.Rpo ?? TimeSpan.Zero;
            var backlog = o.WriteRateGbPerHour is { } wr
                ? $"apply the received backlog ({wr} GB/h of WAL; at most the RPO target {DurationText.Format(rpoTarget)} of it, or readiness refuses)"
                : $"apply the received backlog (at most the RPO target {DurationText.Format(rpoTarget)} of it, or readiness refuses)";
            rto.Add("backlog", Figure.Configured(sync ? TimeSpan.Zero : o.ExpectedLag, "RPO target (readiness refuses more lag)", sync ? TimeSpan.Zero : rpoTarget), backlog, FailoverSteps.Promote)
               .Add("promote", promotion, promotionWhy, FailoverSteps.Promote);
            if (rds)
            {
                rto.Add("size", Figures.RdsPromotionSize(o.AllocatedStorageGb), $"{o.AllocatedStorageGb} GB replica: promotion takes longer with size", FailoverSteps.Promote);
            }

            if (c.Strategy == Strategy.PilotLight && PilotLightClass(o.InstanceClass) != o.InstanceClass)
            {
                rto.Add("resize", Figures.Resize, $"resize the {PilotLightClass(o.InstanceClass)} replica to {o.InstanceClass} before traffic", FailoverSteps.Promote);
            }
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["wal_level"] = "replica",
            ["max_wal_senders"] = Text(Assumptions.MaxWalSenders),
            ["archive_mode"] = "on",
            ["archive_timeout"] = Text((int)o.ArchiveTimeout.TotalSeconds),
            ["wal_keep_size"] = Text(Assumptions.WalKeepSizeMb),
        };
        if (o.Replication == ReplicationMode.Sync)
        {
            parameters["synchronous_standby_names"] = "FIRST 1 (drkit_recovery)";
            parameters["synchronous_commit"] = "on";
        }

        var replica = o.Replication != ReplicationMode.None;
        var settings = new PostgresSettings(
            o.Engine, o.Replication, o.InstanceClass, o.EngineVersion, $"postgres{o.EngineVersion.Split('.')[0]}", o.AllocatedStorageGb,
            (int)Math.Clamp(Math.Ceiling(o.PitrWindow.TotalDays), 1, 35), parameters, replica, !ctx.SingleRegion, walBucket, o.Network)
        {
            ReplicaInstanceClass = c.Strategy == Strategy.PilotLight ? PilotLightClass(o.InstanceClass) : o.InstanceClass,
            PitrWindowDays = (int)Math.Ceiling(o.PitrWindow.TotalDays),
            WalShipperPrincipal = o.WalShipperPrincipal,
            Hosts = o.Engine == PostgresEngine.SelfManaged ? o.Hosts : new Dictionary<string, string>(StringComparer.Ordinal),
            BinDirectory = o.Engine == PostgresEngine.SelfManaged ? o.BinDirectory ?? Assumptions.SelfManagedBinDirectory(o.EngineVersion) : string.Empty,
            DataDirectory = o.Engine == PostgresEngine.SelfManaged ? o.DataDirectory ?? Assumptions.SelfManagedDataDirectory(o.EngineVersion) : string.Empty,
            StopCommand = o.Engine == PostgresEngine.SelfManaged ? o.StopCommand ?? Assumptions.SelfManagedStopCommand(o.EngineVersion) : string.Empty,
            StartCommand = o.Engine == PostgresEngine.SelfManaged ? o.StartCommand ?? Assumptions.SelfManagedStartCommand(o.EngineVersion) : string.Empty,
            WalKeyPrefix = o.Engine == PostgresEngine.SelfManaged ? o.WalKeyPrefix ?? Assumptions.SelfManagedWalKeyPrefix : string.Empty,
        };
        var regions = new List<RegionSettings>
        {
            Region.Of(ctx.Primary, "primary", ("instance", o.InstanceClass), ("archive_timeout", DurationText.Format(o.ArchiveTimeout)), ("wal_keep_size", $"{Assumptions.WalKeepSizeMb}MB"), ("pitr", DurationText.Format(o.PitrWindow))),
        };
        regions.AddRange(ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery",
            ("replica", replica ? $"{(o.Replication == ReplicationMode.Sync ? "sync" : "async")} {(c.Strategy == Strategy.PilotLight ? "small " : string.Empty)}read replica" : "none"),
            rds ? ("wal", "archived by RDS (no DrKit archive bucket)") : ("wal", rtc ? "replicated with RTC" : "replicated"),
            ("backups", "automated backups replicated"))));
        return new Draft(mechanism, Stateful(rpo, rto, [.. caveats]), settings, regions);
    }

    private static readonly string[] SizesUpToLarge = ["micro", "small", "medium", "large"];

    /// <summary>A pilot-light replica only has to keep up with replication until it is resized at failover
    /// (<see cref="Assumptions.PilotLightResize"/>): the same family at "large" ("db.r6g.4xlarge" -> "db.r6g.large").</summary>
    internal static string PilotLightClass(string instanceClass)
    {
        var dot = instanceClass.LastIndexOf('.');
        if (dot < 0 || SizesUpToLarge.Contains(instanceClass[(dot + 1)..], StringComparer.Ordinal))
        {
            return instanceClass;
        }

        return instanceClass[..dot] + ".large";
    }

    private static Draft Redis(ComponentSpec c, RedisOptions o, EstimateContext ctx)
    {
        var global = c.Strategy != Strategy.BackupRestore;
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        var caveats = new List<string>();
        Derivation rpo;
        string mechanism;
        if (global)
        {
            mechanism = "ElastiCache Global Datastore";
            rpo = new Derivation("RPO").Add("lag", Figures.GlobalDatastoreLag(o.ExpectedLag, "expectedLag"), "Global Datastore replication lag");
            rto.Add("promote", Figures.GlobalDatastorePromotion, "promote the secondary cluster to primary (an operator's call)", FailoverSteps.Promote);
            caveats.Add("the cache comes back with what was replicated; keys written within the lag are gone and hit rates recover as it warms");
        }
        else
        {
            // ElastiCache takes automatic backups once a day (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html);
            // more often would need a scheduled CreateSnapshot, which DrKit does not declare, so a shorter interval is not promised.
            var daily = Platforms.Aws.DrillObjectives.ElastiCacheBackupInterval;
            var interval = o.SnapshotInterval < daily ? daily : o.SnapshotInterval;
            mechanism = $"snapshots every {DurationText.Format(interval)}";
            // Worst case: a backup may finish anywhere in its (at least one-hour) window, so two backups can be the interval
            // plus the window apart. The drill judges the snapshot's age by the same figure (DrillObjectives.SnapshotAge).
            rpo = new Derivation("RPO").Add("interval", Figure.Sourced(interval, Sources.ElastiCacheBackups, Platforms.Aws.DrillObjectives.SnapshotAge(interval)), (o.SnapshotInterval < daily
                ? $"ElastiCache takes automatic backups once a day: snapshotInterval {DurationText.Format(o.SnapshotInterval)} would need scheduled snapshots, which the stack does not declare"
                : "writes since the last snapshot are lost") + $"; worst case plus the {DurationText.Format(Platforms.Aws.DrillObjectives.ElastiCacheBackupWindow)} backup window a backup may finish in");
            rto.Add("provision", Figures.CacheProvisioning, "create a cluster and load the snapshot");
            if (o.SnapshotInterval < daily)
            {
                caveats.Add($"snapshotInterval {DurationText.Format(o.SnapshotInterval)} is planned as {DurationText.Format(daily)}: ElastiCache backs up automatically once a day");
            }

            if (!ctx.SingleRegion)
            {
                caveats.Add($"no copy in {ctx.Recovery}: ElastiCache copies snapshots within a region and exports only to a bucket there, and the stack declares no export");
            }

            caveats.Add("a restored cache starts cold: hit rates and latency recover only as it warms");
        }

        var settings = new RedisSettings(o.NodeType, o.EngineVersion, o.Shards, o.ReplicasPerShard, global, o.AutomaticFailover, Math.Max(1, (int)Math.Ceiling(o.SnapshotInterval.TotalDays)), o.Network);
        var regions = new List<RegionSettings> { Region.Of(ctx.Primary, "primary", ("nodeType", o.NodeType), ("shards", Text(o.Shards)), ("replicas", Text(o.ReplicasPerShard))) };
        regions.AddRange(ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery", ("cluster", global ? "Global Datastore secondary" : $"none (snapshots stay in {ctx.Primary})"), ("nodeType", o.NodeType))));
        return new Draft(mechanism, Stateful(rpo, rto, [.. caveats]), settings, regions);
    }

    private static Draft OnlineFeatureStore(ComponentSpec c, OnlineFeatureStoreOptions o, EstimateContext ctx)
    {
        var global = c.Strategy != Strategy.BackupRestore;
        // A global table serves from every region already: readers switch without a declared failover.
        var rto = global ? ctx.Detect(new Derivation("RTO")) : ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        Derivation rpo;
        string mechanism;
        if (global)
        {
            mechanism = "DynamoDB global table";
            rpo = new Derivation("RPO").Add("lag", Figures.DynamoGlobalLag(o.ExpectedLag, "expectedLag"), "global table replication");
        }
        else if (ctx.SingleRegion)
        {
            mechanism = "point-in-time recovery";
            rpo = new Derivation("RPO").Add("pitr", Figures.DynamoPitr, "latest restorable time trails by about 5 minutes");
            rto.Add("restore", Figures.DynamoRestore, "restore the table to a point in time");
        }
        else
        {
            mechanism = "daily backup copied to the recovery region";
            rpo = new Derivation("RPO").Add("interval", Figures.DynamoBackupInterval, "writes since the last copied backup are lost");
            rto.Add("restore", Figures.DynamoRestore, $"restore the table in {ctx.Recovery}");
        }

        var regions = ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery", ("table", global ? "global table replica" : "restore target"))).Prepend(Region.Of(ctx.Primary, "primary", ("table", "DynamoDB on demand"), ("pitr", o.PointInTimeRecovery ? "on" : "off"))).ToList();
        return new Draft(mechanism, Stateful(rpo, rto), new OnlineFeatureStoreSettings(o.HashKey, global, o.PointInTimeRecovery), regions);
    }
}
