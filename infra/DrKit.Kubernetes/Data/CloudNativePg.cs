using System.Collections.Immutable;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Random;
using KubeObject = Pulumi.Kubernetes.ApiExtensions.CustomResource;
using static DrKit.Kubernetes.ObjectArgs;

namespace DrKit.Kubernetes.Data;

public sealed class CloudNativePgArgs : ResourceArgs
{
    public required CnpgSettings Settings { get; init; }

    public required DataTierState Tier { get; init; }

    public required ClusterProviders Providers { get; init; }

    /// <summary>Region -> the Barman server name of that member's current incarnation (<see cref="CnpgSettings.ServerNames"/>).</summary>
    public required IReadOnlyDictionary<string, string> ServerNames { get; init; }
}

/// <summary>
/// PostgreSQL on CloudNativePG in a distributed topology (CNPG 1.30, Barman Cloud Plugin 0.16): per region an ObjectStore,
/// a Cluster archiving WAL to it with the plan's archive_timeout, and a ScheduledBackup; the recovery region's
/// Cluster is a replica cluster bootstrapped from, and following, the primary's WAL as replicated into the recovery
/// region's store. <c>.spec.replica.primary</c> names the writer's cluster in both, from the operations state.
/// https://cloudnative-pg.io/docs/1.30/replica_cluster/ https://cloudnative-pg.io/plugin-barman-cloud/docs/usage/
/// </summary>
public sealed class CloudNativePg : ComponentResource
{
    public const string TypeToken = "drkit:kubernetes:CloudNativePg";
    public const string ClusterApi = "postgresql.cnpg.io/v1";
    public const string ObjectStoreApi = "barmancloud.cnpg.io/v1";

    public CloudNativePg(string name, CloudNativePgArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var ns = s.Placement.Namespace;
        var writer = s.Members.FirstOrDefault(m => m.Region == args.Tier.WriterRegion) ?? s.Primary;
        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        // The application role must have the same password in every cluster of the topology, or it changes at promotion.
        // https://cloudnative-pg.io/docs/1.30/replica_cluster/#about-postgresql-roles
        var password = new RandomPassword($"{name}-app-password", new RandomPasswordArgs { Length = 32, Special = false }, new CustomResourceOptions { Parent = this });
        foreach (var member in s.Members)
        {
            var opts = args.Providers.For(member.Region, this);
            var secret = new Secret($"{name}-{member.Region}-app-secret", new SecretArgs
            {
                Metadata = new ObjectMetaArgs { Name = AppSecret(name), Namespace = ns },
                Type = "kubernetes.io/basic-auth",
                StringData = { { "username", AppRole }, { "password", password.Result } },
            }, opts);
            var store = new KubeObject($"{name}-{member.Region}-store", new ObjectArgs(ObjectStoreApi, "ObjectStore", member.Name, ns, SpecOf(ObjectStoreSpec(s, member))), opts);
            if (member == s.Replica && !s.ReplicaDeclared)
            {
                // replicaReady: false. The replica's bootstrap needs a base backup of the primary in this region's store,
                // which the first deployment has yet to take and replicate; the store is ready for it.
                endpoints[member.Region] = string.Empty;
                continue;
            }

            var cluster = new KubeObject($"{name}-{member.Region}-cluster", new ObjectArgs(ClusterApi, "Cluster", member.Name, ns, SpecOf(ClusterSpec(s, member, writer, args.Tier, args.ServerNames))),
                new CustomResourceOptions
                {
                    Parent = this,
                    Provider = args.Providers.In(member.Region),
                    DependsOn = { store, secret },
                    // The bootstrap is chosen from the member's role when the Cluster is created and is meaningless after;
                    // declaring it again when the writer moves would ask CNPG to re-bootstrap an existing cluster.
                    IgnoreChanges = { "spec.bootstrap" },
                });
            _ = new KubeObject($"{name}-{member.Region}-backup", new ObjectArgs(ClusterApi, "ScheduledBackup", member.Name, ns, SpecOf(BackupSpec(s, member))),
                new CustomResourceOptions { Parent = this, Provider = args.Providers.In(member.Region), DependsOn = { cluster } });
            // CNPG's read-write service of the cluster: <name>-rw. https://cloudnative-pg.io/docs/1.30/service_management/
            endpoints[member.Region] = $"{member.Name}-rw.{ns}.svc:5432";
        }

        Endpoints = Output.Create(endpoints.ToImmutableDictionary());
        PrimaryEndpoint = Output.Create(endpoints[s.Primary.Region]);
        RecoveryEndpoint = Output.Create(s.Replica is { } r ? endpoints[r.Region] : string.Empty);
        RegisterOutputs(new Dictionary<string, object?> { ["endpoints"] = Endpoints });
    }

    [Output("endpoints")]
    public Output<ImmutableDictionary<string, string>> Endpoints { get; private set; }

    public Output<string> PrimaryEndpoint { get; }

    public Output<string> RecoveryEndpoint { get; }

    /// <summary>The ServiceAccount annotation EKS reads to give a pod an IAM role (IRSA).</summary>
    public const string IrsaAnnotation = "eks.amazonaws.com/role-arn";

    /// <summary>The application database and role of every cluster.</summary>
    public const string AppRole = "app";

    /// <summary>basic-auth secret of the application role, the same in every cluster.</summary>
    public static string AppSecret(string component) => $"{component}-app";

    internal static Dictionary<string, object> ObjectStoreSpec(CnpgSettings s, CnpgMember member)
    {
        var encryption = s.Encryption switch
        {
            ArchiveEncryption.Aes256 => "AES256",
            ArchiveEncryption.AwsKms => "aws:kms",
            _ => null,
        };
        var credentials = member.DestinationPath.StartsWith("s3://", StringComparison.Ordinal)
            ? s.CredentialsSecret is { } secret
                ? Map(("accessKeyId", Map(("name", secret), ("key", "ACCESS_KEY_ID"))), ("secretAccessKey", Map(("name", secret), ("key", "ACCESS_SECRET_KEY"))))
                : Map(("inheritFromIAMRole", true))
            : null;
        return Map(
            ("configuration", Map(
                ("destinationPath", member.DestinationPath),
                ("s3Credentials", credentials),
                ("wal", Map(("compression", "gzip"), ("encryption", encryption))),
                ("data", Map(("compression", "gzip"), ("encryption", encryption))))),
            ("retentionPolicy", s.RetentionPolicy));
    }

    internal static Dictionary<string, object> ClusterSpec(CnpgSettings s, CnpgMember member, CnpgMember writer, DataTierState tier, IReadOnlyDictionary<string, string> serverNames)
    {
        var secret = Map(("name", AppSecret(tier.Component)));
        var spec = Map(
            ("instances", member.Instances),
            ("imageName", s.ImageName),
            ("storage", Map(("size", $"{s.StorageGb}Gi"))),
            ("postgresql", Map(("parameters", Map(("archive_timeout", s.ArchiveTimeout))))),
            ("plugins", new List<object> { Map(("name", KubernetesAssumptions.BarmanCloudPlugin), ("isWALArchiver", true), ("parameters", Map(("barmanObjectName", member.Name), ("serverName", serverNames[member.Region])))) }),
            // Only the writer starts empty; any other member is created in replica mode, which CNPG accepts only with
            // recovery (or pg_basebackup): it restores the writer's base backup from this region's store.
            ("bootstrap", s.BootstrapOf(member, writer) == CnpgBootstrap.InitDb
                ? Map(("initdb", Map(("database", AppRole), ("owner", AppRole), ("secret", secret))))
                : Map(("recovery", Map(("source", writer.Name), ("database", AppRole), ("owner", AppRole), ("secret", secret))))));
        if (s.RoleArns.TryGetValue(member.Region, out var role))
        {
            // IRSA: CNPG creates one ServiceAccount per Cluster from this template; the Barman Cloud Plugin's sidecar
            // runs under it and takes the role's credentials for the S3 store (inheritFromIAMRole).
            // https://cloudnative-pg.io/docs/1.30/cloudnative-pg.v1/#postgresql-cnpg-io-v1-ServiceAccountTemplate
            // https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
            spec["serviceAccountTemplate"] = Map(("metadata", Map(("annotations", Map((IrsaAnnotation, role))))));
        }

        if (s.Replica is { } replica)
        {
            // Every cluster of the topology lists every member, read from this region's store: the peer's WAL arrives here by
            // replication, under the server name of the peer's current incarnation (a rebuilt peer archives under a new one).
            spec["externalClusters"] = s.Members.Select(m => (object)Map(
                ("name", m.Name),
                ("plugin", Map(("name", KubernetesAssumptions.BarmanCloudPlugin), ("parameters", Map(("barmanObjectName", member.Name), ("serverName", serverNames[m.Region]))))))).ToList();
            // A fenced primary is demoted declaratively: it names the recovery cluster as the topology's primary.
            var primary = tier.Fenced && member == s.Primary ? replica.Name : writer.Name;
            var peer = member == s.Primary ? replica : s.Primary;
            spec["replica"] = Map(("primary", primary), ("source", peer.Name));
        }

        return spec;
    }

    internal static Dictionary<string, object> BackupSpec(CnpgSettings s, CnpgMember member) => Map(
        ("schedule", s.BackupSchedule),
        ("cluster", Map(("name", member.Name))),
        ("method", "plugin"),
        ("pluginConfiguration", Map(("name", KubernetesAssumptions.BarmanCloudPlugin))),
        ("backupOwnerReference", "self"),
        ("immediate", true));
}
