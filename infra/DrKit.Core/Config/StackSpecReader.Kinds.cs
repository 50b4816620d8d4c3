using DrKit.Core.Estimation;
using DrKit.Core.Model;

namespace DrKit.Core.Config;

public static partial class StackSpecReader
{
    internal static EndpointOptions ReadEndpoint(Fields f, IReadOnlyList<string> regions)
    {
        var endpoints = f.StringMap("endpoints") ?? new Dictionary<string, string>();
        foreach (var region in endpoints.Keys.Where(r => !regions.Contains(r)))
        {
            f.Problem("endpoints", $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})");
        }

        return new EndpointOptions(
            endpoints,
            (int)(f.Number("port", 1, 65535) ?? 443),
            f.Duration("startupTime") ?? Assumptions.ContainerStart,
            (int)(f.Number("standbyRunning", 0, 1000) ?? 1));
    }

    private static PostgresOptions ReadPostgres(Fields f, Strategy strategy, IReadOnlyList<string> regions)
    {
        var engine = f.Choice("engine", new Dictionary<string, PostgresEngine> { ["rds"] = PostgresEngine.Rds, ["self-managed"] = PostgresEngine.SelfManaged }) ?? PostgresEngine.Rds;
        var replication = f.Choice("replication", new Dictionary<string, ReplicationMode> { ["none"] = ReplicationMode.None, ["async"] = ReplicationMode.Async, ["sync"] = ReplicationMode.Sync })
            ?? (strategy == Strategy.BackupRestore ? ReplicationMode.None : ReplicationMode.Async);

        if (replication == ReplicationMode.Sync && engine == PostgresEngine.Rds)
        {
            f.Problem("replication", "RDS cross-region read replicas are asynchronous; use engine: self-managed for synchronous replication, or replication: async");
        }

        if (replication == ReplicationMode.None && strategy is Strategy.PilotLight or Strategy.WarmStandby)
        {
            f.Problem("replication", $"{Names.Of(strategy)} keeps a cross-region replica; expected async or sync, got 'none'");
        }

        if (replication != ReplicationMode.None && strategy == Strategy.BackupRestore)
        {
            f.Problem("replication", "backup-restore keeps no replica; set replication: none, or choose pilot-light or warm-standby");
        }

        var archiveTimeout = f.Duration("archiveTimeout") ?? Assumptions.WalArchiveTimeout;
        if (archiveTimeout == TimeSpan.Zero)
        {
            f.Problem("archiveTimeout", "0 turns WAL archiving's time bound off; expected a duration such as 60s");
        }

        var walShipper = f.String("walShipperPrincipal");
        if (walShipper is not null && !walShipper.StartsWith("arn:aws", StringComparison.Ordinal))
        {
            f.Problem("walShipperPrincipal", $"expected an IAM principal ARN such as arn:aws:iam::123456789012:role/wal-g, got '{walShipper}'");
        }

        var hosts = f.StringMap("hosts") ?? new Dictionary<string, string>(StringComparer.Ordinal);
        if (hosts.Count > 0 && engine != PostgresEngine.SelfManaged)
        {
            f.Problem("hosts", "names the servers of engine: self-managed; RDS instances are declared by the stack");
        }

        foreach (var (region, host) in hosts)
        {
            if (!regions.Contains(region))
            {
                f.Problem("hosts", $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})");
            }

            if (!host.StartsWith("i-", StringComparison.Ordinal) && !host.StartsWith("mi-", StringComparison.Ordinal))
            {
                f.Problem("hosts", $"expected the SSM-managed instance id of the server in {region} (i-... or mi-...), got '{host}'");
            }
        }

        return new PostgresOptions(
            engine,
            replication,
            archiveTimeout,
            f.Duration("pitrWindow") ?? Assumptions.PitrWindow,
            f.Duration("snapshotInterval") ?? Assumptions.SnapshotInterval,
            f.String("instanceClass") ?? "db.r6g.large",
            f.String("engineVersion") ?? "16",
            (int)(f.Number("allocatedStorage", 20, 65536) ?? 100),
            f.Duration("expectedLag") ?? Assumptions.AsyncReplicaLag,
            f.Bool("immutableBackups") ?? false,
            f.Bool("replicationTimeControl"),
            ReadNetwork(f, regions))
        {
            WalShipperPrincipal = walShipper,
            Hosts = hosts,
            BinDirectory = f.String("binDirectory"),
            DataDirectory = f.String("dataDirectory"),
            StopCommand = f.String("stopCommand"),
            StartCommand = f.String("startCommand"),
            WalKeyPrefix = WalKeyPrefix(f),
            WriteRateGbPerHour = f.Number("writeRate", 0, 10_000),
        };
    }

    /// <summary>
    /// <c>walKeyPrefix</c>: a layout whose fixed directory is empty (it starts with a placeholder) would have the
    /// freshness probe list, and its IAM grant allow, the whole archive bucket, so it is refused.
    /// </summary>
    private static string? WalKeyPrefix(Fields f)
    {
        var prefix = f.String("walKeyPrefix");
        if (prefix is not null && Monitoring.FreshnessProbe.WalDirectory(prefix).Length == 0)
        {
            f.Problem("walKeyPrefix", $"expected a layout that starts with a fixed directory such as 'wal_005/{{segment}}', got '{prefix}'");
        }

        return prefix;
    }

    private static RedisOptions ReadRedis(Fields f, IReadOnlyList<string> regions) => new(
        f.String("nodeType") ?? "cache.r7g.large",
        f.String("engineVersion") ?? "7.1",
        (int)(f.Number("shards", 1, 500) ?? 1),
        (int)(f.Number("replicasPerShard", 0, 5) ?? 1),
        f.Bool("automaticFailover") ?? true,
        f.Duration("snapshotInterval") ?? Assumptions.SnapshotInterval,
        f.Duration("expectedLag") ?? Assumptions.RedisGlobalLag,
        ReadNetwork(f, regions));

    private static VectorIndexOptions ReadVectorIndex(Fields f, Strategy strategy)
    {
        var recovery = f.Choice("recovery", new Dictionary<string, VectorRecovery>
        {
            ["replicated"] = VectorRecovery.Replicated,
            ["snapshot"] = VectorRecovery.Snapshot,
            ["embeddings"] = VectorRecovery.Embeddings,
            ["reembed"] = VectorRecovery.Reembed,
        });
        if (recovery == VectorRecovery.Replicated && strategy == Strategy.BackupRestore)
        {
            f.Problem("recovery", "a replicated index is a running replica, which backup-restore does not keep; use snapshot, embeddings or reembed");
        }

        EmbeddingSpec? fallback = null;
        if (f.Map("fallbackIndex") is { } second)
        {
            var g = new Fields(second, f.Join("fallbackIndex"), f.Problems, ["embeddingModel", "embeddingDimensions"]);
            fallback = ReadEmbedding(g);
            if (fallback is null && g.Node("embeddingModel") is null && g.Node("embeddingDimensions") is null)
            {
                g.Problem("embeddingModel", "missing; a fallback index is kept embedded with a fallback provider's model: name it and its embeddingDimensions");
            }
        }

        return new VectorIndexOptions(
        recovery,
        f.Number("vectors", 1, 100_000_000_000) ?? 10_000_000,
        f.Number("documents", 1, 10_000_000_000) ?? 1_000_000,
        f.Duration("snapshotInterval") ?? Assumptions.VectorSnapshotInterval,
        f.Duration("embeddingExportInterval") ?? Assumptions.VectorSnapshotInterval,
        f.Duration("expectedLag") ?? Assumptions.AsyncReplicaLag,
        f.Bool("replicationTimeControl"),
        f.Bool("immutableBackups") ?? false)
        {
            Embedding = ReadEmbedding(f),
            FallbackEmbedding = fallback,
        };
    }

    /// <summary><c>embeddingModel</c> and <c>embeddingDimensions</c>, which come together or not at all.</summary>
    private static EmbeddingSpec? ReadEmbedding(Fields f)
    {
        var model = f.String("embeddingModel");
        var dimensions = f.Number("embeddingDimensions", 1, 65536);
        if (model is not null && dimensions is null && f.Node("embeddingDimensions") is null)
        {
            f.Problem("embeddingDimensions", $"missing; expected the dimension of the vectors {model} writes, e.g. 1536");
        }
        else if (model is null && dimensions is not null)
        {
            f.Problem("embeddingModel", "missing; embeddingDimensions needs the embedding model that writes those vectors");
        }

        return model is not null && dimensions is { } d ? new EmbeddingSpec(model, (int)d) : null;
    }

    private static BucketOptions ReadBucket(Fields f)
    {
        var warm = f.Duration("warmAfter") ?? Assumptions.WarmAfter;
        var cold = f.Duration("coldAfter") ?? Assumptions.ColdAfter;
        var expire = f.Duration("expireAfter");
        if (cold <= warm)
        {
            f.Problem("coldAfter", $"must come after warmAfter ({Objectives.DurationText.Format(warm)})");
        }

        if (expire is { } e && e <= cold)
        {
            f.Problem("expireAfter", $"must come after coldAfter ({Objectives.DurationText.Format(cold)})");
        }

        return new BucketOptions(
            f.Bool("replicationTimeControl"),
            f.Bool("objectLock") ?? false,
            f.Duration("objectLockRetention") ?? Assumptions.ObjectLockRetention,
            new LifecycleOptions(warm, cold, expire, f.Duration("noncurrentExpiry") ?? Assumptions.NoncurrentExpiry));
    }

    private static RegistryOptions ReadRegistry(Fields f)
    {
        var repositories = f.StringList("repositories");
        // A value of the wrong type is already reported by StringList; only an absent or empty list is "missing".
        if ((repositories is null && f.Node("repositories") is null) || repositories is { Count: 0 })
        {
            f.Problem("repositories", "missing; expected the list of ECR repository names to protect");
        }

        return new RegistryOptions(repositories ?? [], f.Bool("tagImmutable") ?? true, f.Bool("scanOnPush") ?? true);
    }

    private static GpuOptions ReadGpu(Fields f, Strategy strategy, IReadOnlyList<string> regions)
    {
        var instanceType = f.String("instanceType", required: true) ?? string.Empty;
        var count = (int)(f.Number("count", 1, 1000) ?? 1);
        var reserved = f.Bool("reserved");
        if (reserved == true && strategy == Strategy.BackupRestore)
        {
            f.Problem("reserved", "backup-restore reserves nothing; choose pilot-light or warm-standby to reserve recovery capacity");
        }

        var standby = (int)(f.Number("standbyRunning", 0, 1000) ?? (strategy == Strategy.WarmStandby ? 1 : 0));
        if (standby > count)
        {
            f.Problem("standbyRunning", $"cannot exceed count ({count})");
        }

        if (strategy == Strategy.PilotLight && standby > 0)
        {
            f.Problem("standbyRunning", "pilot-light runs no recovery capacity; use warm-standby to keep instances running");
        }

        var zones = f.StringMap("availabilityZones") ?? new Dictionary<string, string>();
        foreach (var (region, zone) in zones)
        {
            if (!regions.Contains(region))
            {
                f.Problem("availabilityZones", $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})");
            }
            else if (!zone.StartsWith(region, StringComparison.Ordinal) || zone.Length != region.Length + 1)
            {
                f.Problem("availabilityZones", $"'{zone}' is not an availability zone of {region} (expected e.g. {region}a)");
            }
        }

        var end = ReadDate(f, "reservationEnd");

        return new GpuOptions(
            instanceType,
            count,
            reserved,
            zones,
            standby,
            f.Duration("bootTime") ?? Assumptions.GpuBoot,
            f.Duration("modelLoadTime") ?? Assumptions.ModelLoad,
            end)
        {
            Launch = ReadGpuLaunch(f, regions),
            BootTimeConfigured = f.Duration("bootTime") is not null,
            ModelLoadConfigured = f.Duration("modelLoadTime") is not null,
            ModelSizeGb = f.Number("modelSize", 1, 10_000),
            ImageSizeGb = f.Number("imageSize", 1, 1_000),
        };
    }

    /// <summary>A date written yyyy-mm-dd (a reservation's end), or null when the key is absent or malformed.</summary>
    internal static DateOnly? ReadDate(Fields f, string key)
    {
        if (f.String(key) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date))
        {
            return date;
        }

        f.Problem(key, $"expected a date as yyyy-mm-dd, got '{text}'");
        return null;
    }
}
