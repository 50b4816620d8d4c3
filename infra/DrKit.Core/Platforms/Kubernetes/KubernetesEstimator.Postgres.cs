using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Kubernetes;

internal static partial class KubernetesEstimator
{
    /// <summary>CloudNativePG container image of a PostgreSQL version (the project's own images).
    /// https://cloudnative-pg.io/docs/1.30/container_images/</summary>
    internal static string PostgresImage(string version) => $"ghcr.io/cloudnative-pg/postgresql:{version}";

    /// <summary>Six-field cron (seconds first) of a CNPG ScheduledBackup for an interval.</summary>
    internal static string CnpgCron(TimeSpan interval) => "0 " + Cron(interval);

    /// <summary>
    /// Days after which a store's replicated copy of the peer cluster's archive (<c>&lt;path&gt;/&lt;peer&gt;/</c>) can expire:
    /// S3 replication does not copy deletions, so what the peer's Barman retention deletes stays in this region's store.
    /// Barman keeps the WAL back to the newest base backup older than the PITR window, up to one backup interval more,
    /// so the copy expires after window + interval + one day of margin.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html
    /// https://cloudnative-pg.io/docs/1.30/backup/#retention-policies
    /// </summary>
    internal static int PeerCopyExpiryDays(CnpgOptions o) => (int)Math.Ceiling((o.PitrWindow + o.SnapshotInterval).TotalDays) + 1;

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
            rto.Add("promote", Figure.Assumed(KubernetesAssumptions.CnpgPromotion, TimeSpan.FromMinutes(5), "DrKit assumption (https://cloudnative-pg.io/docs/1.30/replica_cluster/)"),
                "set .spec.replica.primary to the replica cluster (with the demotion token when the primary answers)", Failover.FailoverSteps.Promote);
            if (!ctx.SingleRegion)
            {
                var (copy, copyWhy) = ctx.ObjectReplication(o.ReplicationTimeControl);
                caveats.Add($"{KubernetesAssumptions.SwitchoverWaitsForArchiveCopy} ({copyWhy}): a planned switchover can take " +
                    (copy.Worst is { } worst ? $"up to {DurationText.Format(worst)}" : $"typically {DurationText.Format(copy.Typical)}, with no bound,") + " longer than this failover estimate");
            }

            if (ctx.Stack.Kubernetes is { ReplicaReady: false })
            {
                caveats.Add($"drkit:kubernetes.replicaReady is false: the replica cluster in {ctx.Recovery} is not declared yet, so nothing follows the primary until it is set to true");
            }
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

        if (replica)
        {
            caveats.Add($"DrKit does not declare the object stores: each needs versioning, KMS and S3 replication into the other region's store (both directions, RTC), " +
                $"and a lifecycle rule expiring the peer's copy after {Text(PeerCopyExpiryDays(o))} days, since S3 replication does not replicate Barman's deletions");
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
            RoleArns = o.RoleArns,
            ReplicaDeclared = ctx.Stack.Kubernetes?.ReplicaReady ?? true,
            ReplicationTimeControl = o.ReplicationTimeControl,
            PeerCopyExpiryDays = PeerCopyExpiryDays(o),
            BackupInterval = o.SnapshotInterval,
        };
        var regions = members.Select(m => Region.Of(m.Region, m.Region == ctx.Primary ? "primary" : "recovery",
            ("cluster", Cluster(placement, m.Region)), ("cnpg", m.Name), ("instances", Text(m.Instances)), ("archive", m.DestinationPath),
            ("peerCopyExpiry", replica ? $"{string.Join(", ", members.Where(p => p != m).Select(p => $"{p.Name}/"))} after {Text(PeerCopyExpiryDays(o))}d" : "-"))).ToList();
        return new Draft(mechanism, Estimates.Of(rpo, rto, caveats), settings, regions);
    }
}
