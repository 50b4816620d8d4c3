using System.Text.RegularExpressions;
using DrKit.Core.Config;
using DrKit.Core.Estimation;
using DrKit.Core.Model;

namespace DrKit.Core.Platforms.Kubernetes;

internal static partial class KubernetesReader
{
    [GeneratedRegex("^(s3|gs|https)://[^/]+(/.*)?$")]
    private static partial Regex DestinationPath();

    [GeneratedRegex("^[A-Za-z0-9.-]+:[0-9]{1,5}$")]
    private static partial Regex HostPort();

    /// <summary>An IAM role ARN (any AWS partition). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html</summary>
    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")]
    private static partial Regex RoleArn();

    /// <summary>A taint key: an optional DNS-subdomain prefix and a name. https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set</summary>
    [GeneratedRegex("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex TaintKey();

    private static CnpgOptions ReadCnpg(Fields f, Strategy strategy, IReadOnlyList<string> regions)
    {
        var replication = f.Choice("replication", new Dictionary<string, ReplicationMode> { ["none"] = ReplicationMode.None, ["async"] = ReplicationMode.Async, ["sync"] = ReplicationMode.Sync })
            ?? (strategy == Strategy.BackupRestore ? ReplicationMode.None : ReplicationMode.Async);
        if (replication == ReplicationMode.Sync)
        {
            f.Problem("replication", "a CloudNativePG replica cluster in another Kubernetes cluster replicates asynchronously (WAL archive and/or streaming); use replication: async");
        }

        if (replication == ReplicationMode.None && strategy is Strategy.PilotLight or Strategy.WarmStandby)
        {
            f.Problem("replication", $"{Names.Of(strategy)} keeps a replica cluster in the recovery region; expected async, got 'none'");
        }

        if (replication != ReplicationMode.None && strategy == Strategy.BackupRestore)
        {
            f.Problem("replication", "backup-restore keeps no replica cluster; set replication: none, or choose pilot-light or warm-standby");
        }

        var archiveTimeout = f.Duration("archiveTimeout") ?? Assumptions.WalArchiveTimeout;
        if (archiveTimeout == TimeSpan.Zero)
        {
            f.Problem("archiveTimeout", "0 turns WAL archiving's time bound off; expected a duration such as 60s");
        }

        var stores = f.StringMap("objectStores") ?? new Dictionary<string, string>();
        if (f.Node("objectStores") is null)
        {
            f.Problem("objectStores", "missing; expected the Barman destination path per region (e.g. us-east-1: s3://wal-use1/context-store)");
        }

        foreach (var (region, path) in stores)
        {
            if (!regions.Contains(region))
            {
                f.Problem("objectStores", $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})");
            }
            else if (!DestinationPath().IsMatch(path))
            {
                f.Problem("objectStores", $"'{path}' for {region} is not a Barman destination path (s3://bucket/prefix, gs://bucket/prefix or https://account.blob.core.windows.net/container)");
            }
        }

        // Each cluster archives to its own region's store, and a replica reads the primary's copy there.
        var needed = replication == ReplicationMode.None ? regions.Take(1) : regions.Take(2);
        foreach (var region in needed.Where(r => f.Node("objectStores") is not null && !stores.ContainsKey(r)))
        {
            f.Problem("objectStores", $"has no store for {region}; every cluster of the topology archives to its own region's store");
        }

        var roleArns = ReadRoleArns(f, regions, stores);
        var encryption = f.Choice("walEncryption", new Dictionary<string, ArchiveEncryption>
        {
            ["none"] = ArchiveEncryption.None,
            ["AES256"] = ArchiveEncryption.Aes256,
            ["aws:kms"] = ArchiveEncryption.AwsKms,
        }) ?? ArchiveEncryption.Aes256;
        var instances = (int)(f.Number("instances", 1, 9) ?? 3);
        // Pilot light keeps one instance following the archive; warm standby as many as the primary.
        var recoveryInstances = (int)(f.Number("recoveryInstances", 1, 9) ?? (strategy == Strategy.WarmStandby ? instances : 1));
        return new CnpgOptions(
            replication,
            archiveTimeout,
            f.Duration("pitrWindow") ?? Assumptions.PitrWindow,
            f.Duration("snapshotInterval") ?? Assumptions.SnapshotInterval,
            instances,
            recoveryInstances,
            (int)(f.Number("allocatedStorage", 1, 65536) ?? 100),
            f.String("engineVersion") ?? "16.6",
            stores,
            f.String("credentialsSecret"),
            encryption,
            f.Bool("replicationTimeControl") ?? false)
        {
            RoleArns = roleArns,
        };
    }

    /// <summary>
    /// <c>roleArns</c>: region -> IAM role the CNPG pods of that region assume through IRSA to reach its S3 store
    /// (the ServiceAccount CNPG creates per Cluster gets the <c>eks.amazonaws.com/role-arn</c> annotation).
    /// https://cloudnative-pg.io/plugin-barman-cloud/docs/object_stores/#s3
    /// </summary>
    private static Dictionary<string, string> ReadRoleArns(Fields f, IReadOnlyList<string> regions, IReadOnlyDictionary<string, string> stores)
    {
        var arns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (region, arn) in f.StringMap("roleArns") ?? new Dictionary<string, string>())
        {
            if (!regions.Contains(region))
            {
                f.Problem("roleArns", $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})");
            }
            else if (!RoleArn().IsMatch(arn))
            {
                f.Problem("roleArns", $"'{arn}' for {region} is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/<name>");
            }
            else if (stores.TryGetValue(region, out var path) && !path.StartsWith("s3://", StringComparison.Ordinal))
            {
                f.Problem("roleArns", $"{region}'s store {path} is not on S3; an IAM role (IRSA) applies to s3:// stores only");
            }
            else
            {
                arns[region] = arn;
            }
        }

        if (arns.Count > 0 && f.Node("credentialsSecret") is not null)
        {
            f.Problem("roleArns", "and credentialsSecret both give the archive an identity; keep one (roleArns for IRSA, credentialsSecret for access keys)");
        }

        return arns;
    }

    private static SentinelRedisOptions ReadRedis(Fields f, Strategy strategy)
    {
        var replicaOf = f.String("replicaOf");
        if (replicaOf is not null && !HostPort().IsMatch(replicaOf))
        {
            f.Problem("replicaOf", $"expected host:port of the primary region's Redis as the recovery cluster reaches it, got '{replicaOf}'");
        }

        if (replicaOf is null && strategy is Strategy.PilotLight or Strategy.WarmStandby)
        {
            f.Problem("replicaOf", $"{Names.Of(strategy)} keeps a replica in the recovery cluster; expected host:port of the primary region's Redis as that cluster reaches it");
        }

        if (replicaOf is not null && strategy == Strategy.BackupRestore)
        {
            f.Problem("replicaOf", "backup-restore keeps no replica; remove replicaOf, or choose pilot-light or warm-standby");
        }

        var failback = f.String("failbackReplicaOf");
        if (failback is not null && !HostPort().IsMatch(failback))
        {
            f.Problem("failbackReplicaOf", $"expected host:port of the recovery region's Redis as the primary cluster reaches it, got '{failback}'");
        }
        else if (failback is not null && replicaOf is null)
        {
            f.Problem("failbackReplicaOf", "needs replicaOf: without a replica in the recovery cluster nothing is failed back from there");
        }
        else if (failback is not null && failback == replicaOf)
        {
            f.Problem("failbackReplicaOf", $"'{failback}' is replicaOf, the primary region's own Redis; expected the recovery region's Redis as the primary cluster reaches it");
        }

        return new SentinelRedisOptions(
            (int)(f.Number("replicas", 0, 5) ?? 2),
            KubernetesAssumptions.SentinelQuorum,
            replicaOf,
            f.Duration("snapshotInterval") ?? Assumptions.SnapshotInterval,
            f.Duration("expectedLag") ?? KubernetesAssumptions.RedisReplicaLag,
            (int)(f.Number("allocatedStorage", 1, 1024) ?? 10),
            f.String("engineVersion") ?? KubernetesAssumptions.RedisVersion)
        {
            FailbackReplicaOf = failback,
        };
    }

    private static GpuInferenceOptions ReadGpu(Fields f, Strategy strategy)
    {
        var image = f.String("image", required: true) ?? string.Empty;
        var count = (int)(f.Number("count", 1, 1000) ?? 1);
        var reserved = f.Bool("reserved");
        if (reserved == true && strategy == Strategy.BackupRestore)
        {
            f.Problem("reserved", "backup-restore reserves nothing; choose pilot-light or warm-standby to hold recovery GPUs with placeholders");
        }

        var standby = (int)(f.Number("standbyRunning", 0, 1000) ?? (strategy == Strategy.WarmStandby ? 1 : 0));
        if (standby > count)
        {
            f.Problem("standbyRunning", $"cannot exceed count ({count})");
        }

        if (strategy == Strategy.PilotLight && standby > 0)
        {
            f.Problem("standbyRunning", "pilot-light runs no inference in the recovery cluster; use warm-standby to keep pods running");
        }

        var path = f.String("readinessPath") ?? "/ready";
        if (!path.StartsWith('/'))
        {
            f.Problem("readinessPath", $"expected a path starting with '/', got '{path}'");
        }

        return new GpuInferenceOptions(
            image,
            count,
            (int)(f.Number("gpusPerPod", 1, 16) ?? 1),
            reserved ?? strategy != Strategy.BackupRestore,
            standby,
            (int)(f.Number("port", 1, 65535) ?? 8000),
            path,
            f.Duration("imagePullTime") ?? KubernetesAssumptions.ImagePull,
            f.Duration("modelLoadTime") ?? Assumptions.ModelLoad,
            f.Duration("nodeProvisioningTime") ?? KubernetesAssumptions.GpuNodeProvisioning,
            f.StringMap("nodeSelector") ?? new Dictionary<string, string>())
        {
            Toleration = ReadToleration(f),
        };
    }

    /// <summary>
    /// <c>gpuToleration</c>: the taint GPU nodes carry (NVIDIA GPU Operator and EKS GPU node groups often set
    /// <c>nvidia.com/gpu:NoSchedule</c>), as <c>{key, operator: Exists|Equal, value, effect}</c>, or <c>none</c>.
    /// Default: <c>nvidia.com/gpu</c> Exists NoSchedule. https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
    /// </summary>
    private static GpuToleration? ReadToleration(Fields f)
    {
        switch (f.Node("gpuToleration"))
        {
            case null:
                return KubernetesAssumptions.GpuTaintToleration;
            case ConfigScalar { Value: "none" }:
                return null;
            case ConfigMap m:
                var t = new Fields(m, f.Join("gpuToleration"), f.Problems, ["key", "operator", "value", "effect"]);
                var key = t.String("key", required: true) ?? string.Empty;
                if (key.Length > 0 && !TaintKey().IsMatch(key))
                {
                    t.Problem("key", $"expected a taint key such as nvidia.com/gpu, got '{key}'");
                }

                var op = t.String("operator") ?? "Exists";
                var value = t.String("value");
                if (op is not ("Exists" or "Equal"))
                {
                    t.Problem("operator", $"expected Exists or Equal, got '{op}'");
                }
                else if (op == "Exists" && value is not null)
                {
                    t.Problem("value", "operator Exists matches any value; remove value or use operator: Equal");
                }
                else if (op == "Equal" && value is null)
                {
                    t.Problem("value", "operator Equal needs the taint's value");
                }

                var effect = t.String("effect") ?? "NoSchedule";
                if (effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
                {
                    t.Problem("effect", $"expected NoSchedule, PreferNoSchedule or NoExecute, got '{effect}'");
                }

                return new GpuToleration(key, op, value, effect);
            case var other:
                f.Problem("gpuToleration", $"expected a map (key, operator, value, effect) or none, got {other.Describe()}");
                return null;
        }
    }
}
