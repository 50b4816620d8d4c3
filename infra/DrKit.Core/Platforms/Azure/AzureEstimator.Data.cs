using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

internal static partial class AzureEstimator
{
    /// <summary>
    /// PostgreSQL Flexible Server. Pilot light and warmer: a cross-region read replica (any region) behind a writer
    /// virtual endpoint, so clients keep one name across "promote to primary server"
    /// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-virtual-endpoints). Backup
    /// and restore: geo-redundant backups, which restore to the paired region only and must be chosen when the server
    /// is created (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-geo-disaster-recovery).
    /// </summary>
    private static Draft Postgres(ComponentSpec c, AzurePostgresOptions o, EstimateContext ctx)
    {
        var replica = o.Replication != ReplicationMode.None && !ctx.SingleRegion;
        var pair = AzureRegions.PairOf(ctx.Primary);
        var geoBackup = o.GeoRedundantBackup && pair is not null;
        var caveats = new List<string>();
        var rpo = new Derivation("RPO");
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        string mechanism;
        if (replica)
        {
            mechanism = $"read replica in {ctx.Recovery} behind a writer virtual endpoint";
            rpo.Add("lag", Figure.Unbounded(o.ExpectedLag, TermBasis.Configured, "expectedLag (default: read-replica RPO < 5 min, " + AzureAssumptions.PostgresBusinessContinuity + ")",
                "replication to a read replica is asynchronous and the service publishes no bound"), "writes the replica has not replayed are lost");
            rto.Add("promote", Figure.Assumed(AzureAssumptions.ReplicaPromotion, TimeSpan.FromMinutes(10), "DrKit assumption (" + AzureAssumptions.PostgresPromote + " gives no duration)"),
                    $"promote the replica in {ctx.Recovery} to primary server (forced when {ctx.Primary} does not answer)", Failover.FailoverSteps.Promote)
               .Add("endpoint", Figure.Assumed(AzureAssumptions.VirtualEndpointSwitch, TimeSpan.FromMinutes(2), "DrKit assumption (" + AzureAssumptions.PostgresVirtualEndpoints + ")"),
                    "the writer virtual endpoint follows the new primary; clients reconnect", Failover.FailoverSteps.Promote);
            caveats.Add("the writer virtual endpoint follows only 'promote to primary server' (promote mode switchover); 'promote to independent server' leaves it on the old primary");
        }
        else if (!ctx.SingleRegion && geoBackup)
        {
            mechanism = $"geo-redundant backups, geo-restore into {pair}";
            rpo.Add("geo-backup", Figure.Sourced(AzureAssumptions.GeoBackupRpo, AzureAssumptions.PostgresBusinessContinuity), "geo-restore's documented RPO (< 1 h)");
            rto.Add("provision", Figure.Assumed(AzureAssumptions.GeoRestoreProvisioning, TimeSpan.FromHours(1), "DrKit assumption (" + AzureAssumptions.PostgresGeoDr + ": minutes to hours)"), $"create the geo-restored server in {pair}")
               .Add("restore", Figure.Assumed(TimeSpan.FromHours(o.StorageGb / AzureAssumptions.GeoRestoreGbPerHour), TimeSpan.FromHours(2 * o.StorageGb / AzureAssumptions.GeoRestoreGbPerHour)),
                    $"restore {Text(o.StorageGb)} GB and replay the logs at {AzureAssumptions.GeoRestoreGbPerHour:0} GB/h (half at worst)");
            caveats.Add("nothing guarantees capacity for the geo-restored server in the paired region when a whole region fails over");
            if (pair != ctx.Recovery)
            {
                caveats.Add($"geo-restore lands in {ctx.Primary}'s paired region {pair}, not in the recovery region {ctx.Recovery}: the database answers from {pair} while the rest fails over to {ctx.Recovery} (use replication: async, or recoveryRegions: [{pair}])");
            }
        }
        else
        {
            mechanism = ctx.SingleRegion ? "point-in-time restore (in-region)" : "locally redundant backups only";
            rpo.Add("log backup", Figure.Assumed(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), "DrKit assumption (" + AzureAssumptions.PostgresBackup + ")"), "transaction-log backups not yet taken are lost");
            rto.Add("restore", Figure.Assumed(AzureAssumptions.GeoRestoreProvisioning + TimeSpan.FromHours(o.StorageGb / AzureAssumptions.GeoRestoreGbPerHour)), "point-in-time restore into a new server");
            if (!ctx.SingleRegion)
            {
                rpo.Add("region", Figure.Unbounded(TimeSpan.Zero, TermBasis.Configured, "geoRedundantBackup", $"{ctx.Primary} has no paired region or geo-redundant backup is off: its loss loses the backups"), "backups stay in the primary region");
            }
        }

        if (o.GeoRedundantBackup && pair is null && !ctx.SingleRegion)
        {
            caveats.Add($"{ctx.Primary} has no paired region: geo-redundant backup is unavailable there ({AzureRegions.PairOf(ctx.Primary) ?? "no pair"})");
        }

        if (geoBackup)
        {
            caveats.Add("geo-redundant backup can only be chosen when a server is created: turning it on later replaces the server");
            if (replica)
            {
                // Replicas have no geo-redundant backup and a promoted server does not get it back; the demoted one becomes a
                // replica (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote).
                caveats.Add("after any promotion (a failover, a switchover drill) geo-redundant backup is off on both servers and returns only by creating the replica pair (or a new server) again; until then a geo-restore has nothing to read");
            }
        }

        if (!o.CustomerManagedKey)
        {
            caveats.Add("customerManagedKey: false leaves data encrypted with service-managed keys");
        }

        var members = replica ? new[] { ctx.Primary, ctx.Recovery } : [ctx.Primary];
        // Customer-managed keys with geo-redundant backup need a key and identity in the paired region too, where a
        // geo-restore decrypts the backups (concepts-data-encryption, "Using data encryption with customer managed keys
        // and geo-redundant business continuity features"); it is the replica's key when the replica lives there.
        var keyRegions = geoBackup && pair is not null ? members.Append(pair).Distinct(StringComparer.Ordinal).ToArray() : members;
        var keys = o.CustomerManagedKey
            ? keyRegions.Select(r => new AzureKey(r, AzureNames.KeyVault(ctx.Stack.StackName, ctx.Stack.Service, c.Name, r), $"{c.Name}-data", AzureNames.Identity(ctx.Stack.Service, c.Name, r))).ToList()
            : [];
        var settings = new AzurePostgresSettings(
            AzureNames.PostgresServer(ctx.Stack.StackName, ctx.Stack.Service, c.Name, ctx.Primary),
            ctx.Primary,
            o.SkuName,
            o.Version,
            StorageMb(o.StorageGb),
            (int)Math.Ceiling(o.PitrWindow.TotalDays),
            geoBackup,
            replica ? AzureNames.PostgresServer(ctx.Stack.StackName, ctx.Stack.Service, c.Name, ctx.Recovery) : null,
            replica ? ctx.Recovery : null,
            o.ReplicaSkuName,
            replica ? AzureNames.VirtualEndpoint(ctx.Stack.StackName, ctx.Stack.Service, c.Name) : null,
            keys)
        {
            ResourceGroups = ResourceGroups(ctx),
            GeoRestoreRegion = geoBackup ? pair : null,
        };
        var regions = members.Select(r => Region.Of(r, Role(ctx, r),
            ("server", r == ctx.Primary ? settings.Server : settings.ReplicaServer!), ("sku", r == ctx.Primary ? o.SkuName : o.ReplicaSkuName),
            ("storageMb", Text(settings.StorageMb)), ("backupRetentionDays", Text(settings.BackupRetentionDays)),
            ("geoRedundantBackup", geoBackup ? $"on (restores into {pair})" : "off"),
            ("key", keys.FirstOrDefault(k => k.Region == r) is { } key ? $"{key.KeyVault}/{key.KeyName}" : "service-managed"),
            // The geo-backup copy's key lives in the pair, which may be no stack region: shown on the primary it belongs to.
            ("geoBackupKey", r == ctx.Primary && geoBackup && keys.FirstOrDefault(k => k.Region == pair) is { } geoKey ? $"{geoKey.KeyVault}/{geoKey.KeyName} in {pair}" : "-"))).ToList();
        return new Draft(mechanism, Estimates.Of(rpo, rto, caveats), settings, regions);
    }

    /// <summary>
    /// Azure Managed Redis with active geo-replication, rather than Azure Cache for Redis Premium's passive
    /// geo-replication: Azure Cache for Redis is being retired in favour of Azure Managed Redis
    /// (https://learn.microsoft.com/azure/azure-cache-for-redis/retirement-faq), and an active group needs no promotion:
    /// every instance takes writes (CRDTs), so a failover force-unlinks the lost instance and repoints clients, with no
    /// replica to promote and no link to break in the failed region. The price: no SLA on sync time, no data
    /// persistence with geo-replication, Balanced_B3 or larger, and a lost instance rejoins only by being created again
    /// (https://learn.microsoft.com/azure/redis/how-to-active-geo-replication).
    /// </summary>
    private static Draft Redis(ComponentSpec c, AzureRedisOptions o, EstimateContext ctx)
    {
        var geo = c.Strategy != Strategy.BackupRestore && !ctx.SingleRegion;
        var rpo = new Derivation("RPO");
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        var caveats = new List<string>();
        string mechanism;
        if (geo)
        {
            mechanism = $"Azure Managed Redis active geo-replication ({ctx.Primary} + {ctx.Recovery})";
            rpo.Add("sync", Figure.Unbounded(o.ExpectedLag, TermBasis.Configured, "expectedLag (default: DrKit assumption, " + AzureAssumptions.ManagedRedisGeo + ")",
                "the service does not provide an SLA on sync time"), "writes not yet synced to the other instance are lost");
            rto.Add("unlink", Figure.Assumed(AzureAssumptions.RedisForceUnlink, TimeSpan.FromMinutes(10), "DrKit assumption (" + AzureAssumptions.ManagedRedisGeo + ")"),
                $"force-unlink {ctx.Primary}'s instance from the group, called on {ctx.Recovery}'s; clients switch host", Failover.FailoverSteps.Promote);
            caveats.Add("both instances take writes (eventual consistency): clients must write to one region at a time to keep last-writer conflicts away");
            caveats.Add($"a force-unlinked instance cannot rejoin and the stack does not declare the unlink: after {ctx.Primary} returns, delete its instance, 'pulumi refresh', then 'pulumi up' creates it again into the group, before failback");
        }
        else
        {
            mechanism = ctx.SingleRegion ? "Azure Managed Redis (zone-redundant, in-region)" : $"Azure Managed Redis created empty in {ctx.Recovery} at failover";
            rpo.Add("cache", Figure.Unbounded(TimeSpan.FromHours(1), TermBasis.Assumed, "DrKit assumption",
                ctx.SingleRegion ? "persistence is in-region" : "nothing of the cache leaves the primary region"), "the cache is rebuilt from its sources");
            rto.Add("provision", Figure.Assumed(AzureAssumptions.RedisProvisioning, TimeSpan.FromMinutes(45)), $"create the cache in {ctx.Recovery}");
        }

        var members = geo ? ctx.Stack.Regions().ToList() : [ctx.Primary];
        var instances = members.ToDictionary(r => r, r => AzureNames.ManagedRedis(ctx.Stack.StackName, ctx.Stack.Service, c.Name, r), StringComparer.Ordinal);
        var settings = new AzureRedisSettings(o.SkuName, instances, geo ? AzureNames.ManagedRedis(ctx.Stack.StackName, ctx.Stack.Service, c.Name, "geo") : null) { ResourceGroups = ResourceGroups(ctx) };
        var regions = members.Select(r => Region.Of(r, Role(ctx, r), ("instance", instances[r]), ("sku", o.SkuName),
            ("geoReplication", geo ? settings.GeoReplicationGroup! : "none"))).ToList();
        return new Draft(mechanism, Estimates.Of(rpo, rto, caveats), settings, regions);
    }
}
