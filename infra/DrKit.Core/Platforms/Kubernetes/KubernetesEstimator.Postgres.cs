using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Kubernetes;

internal static partial class KubernetesEstimator
{
    /// <summary>CloudNativePG container image of a PostgreSQL version (the project's own images).
    /// https://cloudnative-pg.io/documentation/1.26/container_images/</summary>
    internal static string PostgresImage(string version) => $"ghcr.io/cloudnative-pg/postgresql:{version}";

    /// <summary>Six-field cron (seconds first) of a CNPG ScheduledBackup for an interval.</summary>
    internal static string CnpgCron(TimeSpan interval) => "0 " + Cron(interval);

    private static Draft Cnpg(ComponentSpec c, CnpgOptions o, EstimateContext ctx)
    {
        var placement = Placement(ctx);
        var replica = o.Replication != ReplicationMode.None && !ctx.SingleRegion;
        var caveats = new List<string>();
        var rpo = new Derivation("RPO").Add("archive_timeout", Figure.Configured(o.ArchiveTimeout, "archiveTimeout"), "CNPG's Barman Cloud archiver ships a WAL segment at least this often");
        if (!ctx.SingleRegion)
        {
            // One late segment stops the replica's replay (and a restore) at the gap, so even RTC bounds no WAL chain.
            var (figure, why) = ctx.ObjectReplication(o.ReplicationTimeControl);
            rpo.Add("copy", o.ReplicationTimeControl ? Figures.RtcWalChain : figure, $"{why}, into the recovery region's object store");
        }

        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        string mechanism;
        if (replica)
        {
            mechanism = $"CloudNativePG replica cluster in {ctx.Recovery} (distributed topology) fed by the replicated WAL archive";
            rpo.Add("replay", Figure.Sourced(KubernetesAssumptions.WalRestoreRetry, "https://www.postgresql.org/docs/16/runtime-config-replication.html"), "the replica's restore_command polls the archive for the next segment");
            rto.Add("promote", Figure.Assumed(KubernetesAssumptions.CnpgPromotion, TimeSpan.FromMinutes(5), "DrKit assumption (https://cloudnative-pg.io/documentation/1.26/replica_cluster/)"),
                "set .spec.replica.primary to the replica cluster (with the demotion token when the primary answers)", Failover.FailoverSteps.Promote);
        }
        else
        {
            mechanism = $"CloudNativePG WAL archive (archive_timeout {DurationText.Format(o.ArchiveTimeout)}) + base backups every {DurationText.Format(o.SnapshotInterval)}";
            rto.Add("restore", Figures.RestorePerGb.Scaled(o.StorageGb), $"bootstrap a cluster from the object store: {o.StorageGb} GB at {KubernetesAssumptions.CnpgRestoreGbPerHour} GB/h (half at worst), WAL replay included");
        }

        if (replica && o.RecoveryInstances < o.Instances)
        {
            caveats.Add($"the replica cluster runs {o.RecoveryInstances} of {o.Instances} instances: after promotion it takes writes without in-cluster HA until its instances are raised");
        }

        if (o.Encryption == ArchiveEncryption.None)
        {
            caveats.Add("walEncryption: none leaves WAL and base backups to the bucket's default encryption, which DrKit cannot see");
        }

        var members = new List<CnpgMember>
        {
            new(ctx.Primary, KubernetesLimits.RegionalName(c.Name, ctx.Primary), o.Instances, o.ObjectStores.GetValueOrDefault(ctx.Primary, string.Empty)),
        };
        if (replica)
        {
            members.Add(new(ctx.Recovery, KubernetesLimits.RegionalName(c.Name, ctx.Recovery), o.RecoveryInstances, o.ObjectStores.GetValueOrDefault(ctx.Recovery, string.Empty)));
        }

        var settings = new CnpgSettings(
            PostgresImage(o.EngineVersion),
            $"{(int)o.ArchiveTimeout.TotalSeconds}s",
            $"{(int)Math.Max(1, Math.Ceiling(o.PitrWindow.TotalDays))}d",
            CnpgCron(o.SnapshotInterval),
            o.StorageGb,
            members,
            o.CredentialsSecret,
            o.Encryption,
            replica)
        {
            Placement = placement,
        };
        var regions = members.Select(m => Region.Of(m.Region, m.Region == ctx.Primary ? "primary" : "recovery",
            ("cluster", Cluster(placement, m.Region)), ("cnpg", m.Name), ("instances", Text(m.Instances)), ("archive", m.DestinationPath))).ToList();
        return new Draft(mechanism, Estimates.Of(rpo, rto, caveats), settings, regions);
    }
}
