using System.Globalization;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

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
        // archive command of DrKit's: it archives WAL for its own point-in-time recovery (archive_timeout applies) and
        // copies automated backups across regions itself, with no published time bound and no RTC
        // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html).
        var rds = o.Engine == PostgresEngine.Rds;
        var walRpo = new Derivation("RPO").Add("archive_timeout", o.ArchiveTimeout, rds ? "RDS archives WAL for point-in-time recovery at least this often" : "a WAL segment is shipped at least this often");
        var walGuaranteed = true;
        if (!ctx.SingleRegion)
        {
            var (time, guaranteed, why) = ctx.ObjectReplication(rtc && !rds);
            walRpo.Add("copy", time, rds ? $"RDS automated backup replication to {ctx.Recovery}, no published time bound" : why);
            walGuaranteed = guaranteed && !rds;
        }

        var archive = rds ? (ctx.SingleRegion ? "RDS automated backups" : "RDS automated backups replicated") : "WAL archive";

        var promotion = o.Engine == PostgresEngine.Rds ? Assumptions.RdsReplicaPromotion : Assumptions.SelfManagedPromotion;
        var promotionWhy = o.Engine == PostgresEngine.Rds ? "promote the RDS cross-region read replica" : "pg_promote on the streaming standby";
        Derivation rpo;
        var rpoGuaranteed = true;
        var rto = ctx.Detect(new Derivation("RTO"));
        var caveats = new List<string>();
        string mechanism;
        if (o.Replication == ReplicationMode.None)
        {
            mechanism = $"{archive} (archive_timeout {DurationText.Format(o.ArchiveTimeout)}) + snapshots every {DurationText.Format(o.SnapshotInterval)}";
            rpo = walRpo;
            rpoGuaranteed = walGuaranteed;
            var restore = TimeSpan.FromHours(o.AllocatedStorageGb / Assumptions.RestoreGbPerHour);
            rto.Add("provision", Assumptions.DatabaseProvisioning, $"create the instance in {ctx.Recovery}")
               .Add("restore", restore, $"{o.AllocatedStorageGb} GB at {Assumptions.RestoreGbPerHour} GB/h, WAL replay included");
        }
        else
        {
            var sync = o.Replication == ReplicationMode.Sync;
            mechanism = rds ? $"RDS cross-region read replica (async) + {archive}" : $"streaming replica ({(sync ? "sync" : "async")}) + WAL archive";
            rpo = sync
                ? new Derivation("RPO").Add("sync", TimeSpan.Zero, "every commit is on the standby before it is acknowledged")
                : new Derivation("RPO").Add("lag", o.ExpectedLag, "async replication loses what the replica has not received");
            if (sync)
            {
                caveats.Add($"synchronous commit waits for {ctx.Recovery}: about {DurationText.Format(Assumptions.CrossRegionRoundTrip)} more per write");
            }

            rto.Add("promote", promotion, promotionWhy);
            if (c.Strategy == Strategy.PilotLight)
            {
                rto.Add("resize", Assumptions.PilotLightResize, "scale the pilot-light replica to production size");
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
        return new Draft(mechanism, Stateful(rpo, rto, rpoGuaranteed, true, [.. caveats]), settings, regions);
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
        var rto = ctx.Detect(new Derivation("RTO"));
        var caveats = new List<string>();
        Derivation rpo;
        string mechanism;
        if (global)
        {
            mechanism = "ElastiCache Global Datastore";
            rpo = new Derivation("RPO").Add("lag", o.ExpectedLag, "Global Datastore replication lag, typically under 1s");
            rto.Add("promote", Assumptions.RedisGlobalPromotion, "promote the secondary cluster to primary");
        }
        else
        {
            // ElastiCache takes automatic backups once a day (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html);
            // more often would need a scheduled CreateSnapshot, which DrKit does not declare, so a shorter interval is not promised.
            var daily = Platforms.Aws.DrillObjectives.ElastiCacheBackupInterval;
            var interval = o.SnapshotInterval < daily ? daily : o.SnapshotInterval;
            mechanism = $"snapshots every {DurationText.Format(interval)}";
            rpo = new Derivation("RPO").Add("interval", interval, o.SnapshotInterval < daily
                ? $"ElastiCache takes automatic backups once a day: snapshotInterval {DurationText.Format(o.SnapshotInterval)} would need scheduled snapshots, which the stack does not declare"
                : "writes since the last snapshot are lost");
            rto.Add("provision", Assumptions.CacheProvisioning, "create a cluster and load the snapshot");
            if (o.SnapshotInterval < daily)
            {
                caveats.Add($"snapshotInterval {DurationText.Format(o.SnapshotInterval)} is planned as {DurationText.Format(daily)}: ElastiCache backs up automatically once a day");
            }

            if (!ctx.SingleRegion)
            {
                caveats.Add($"no copy in {ctx.Recovery}: ElastiCache copies snapshots within a region and exports only to a bucket there, and the stack declares no export");
            }
        }

        var settings = new RedisSettings(o.NodeType, o.EngineVersion, o.Shards, o.ReplicasPerShard, global, o.AutomaticFailover, Math.Max(1, (int)Math.Ceiling(o.SnapshotInterval.TotalDays)), o.Network);
        var regions = new List<RegionSettings> { Region.Of(ctx.Primary, "primary", ("nodeType", o.NodeType), ("shards", Text(o.Shards)), ("replicas", Text(o.ReplicasPerShard))) };
        regions.AddRange(ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery", ("cluster", global ? "Global Datastore secondary" : $"none (snapshots stay in {ctx.Primary})"), ("nodeType", o.NodeType))));
        return new Draft(mechanism, Stateful(rpo, rto, caveats: [.. caveats]), settings, regions);
    }

    private static Draft OnlineFeatureStore(ComponentSpec c, OnlineFeatureStoreOptions o, EstimateContext ctx)
    {
        var global = c.Strategy != Strategy.BackupRestore;
        var rto = ctx.Detect(new Derivation("RTO"));
        Derivation rpo;
        string mechanism;
        if (global)
        {
            mechanism = "DynamoDB global table";
            rpo = new Derivation("RPO").Add("lag", o.ExpectedLag, "global table replication, typically within a second");
        }
        else if (ctx.SingleRegion)
        {
            mechanism = "point-in-time recovery";
            rpo = new Derivation("RPO").Add("pitr", Assumptions.DynamoPitrLag, "latest restorable time trails by about 5 minutes");
            rto.Add("restore", Assumptions.DynamoRestore, "restore the table to a point in time");
        }
        else
        {
            mechanism = "daily backup copied to the recovery region";
            rpo = new Derivation("RPO").Add("interval", Assumptions.DynamoBackupCopyInterval, "writes since the last copied backup are lost");
            rto.Add("restore", Assumptions.DynamoRestore, $"restore the table in {ctx.Recovery}");
        }

        var regions = ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery", ("table", global ? "global table replica" : "restore target"))).Prepend(Region.Of(ctx.Primary, "primary", ("table", "DynamoDB on demand"), ("pitr", o.PointInTimeRecovery ? "on" : "off"))).ToList();
        return new Draft(mechanism, Stateful(rpo, rto), new OnlineFeatureStoreSettings(o.HashKey, global, o.PointInTimeRecovery), regions);
    }
}
