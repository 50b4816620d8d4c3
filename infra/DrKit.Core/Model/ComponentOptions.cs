namespace DrKit.Core.Model;

/// <summary>Kind-specific options of a component, defaults applied.</summary>
public abstract record ComponentOptions;

public enum ReplicationMode
{
    None,
    Async,
    Sync,
}

public enum PostgresEngine
{
    Rds,
    SelfManaged,
}

/// <summary>Per-region network placement for databases and caches (optional: default VPC otherwise).</summary>
public sealed record NetworkPlacement(
    IReadOnlyDictionary<string, string> SubnetGroups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SecurityGroups)
{
    public static readonly NetworkPlacement Default = new(new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>());
}

public sealed record EndpointOptions(
    IReadOnlyDictionary<string, string> Endpoints,
    int Port,
    TimeSpan StartupTime,
    int StandbyRunning) : ComponentOptions;

public sealed record PostgresOptions(
    PostgresEngine Engine,
    ReplicationMode Replication,
    TimeSpan ArchiveTimeout,
    TimeSpan PitrWindow,
    TimeSpan SnapshotInterval,
    string InstanceClass,
    string EngineVersion,
    int AllocatedStorageGb,
    TimeSpan ExpectedLag,
    bool ImmutableBackups,
    bool? ReplicationTimeControl,
    NetworkPlacement Network) : ComponentOptions
{
    /// <summary><c>writeRate</c>: GB of WAL written per hour at peak; sizes the replay after a restore and the backlog a promotion waits for. Null: not declared.</summary>
    public double? WriteRateGbPerHour { get; init; }

    /// <summary>IAM principal ARN allowed to assume the WAL shipper role; null means the deploying account's root,
    /// so the account's own IAM policies decide who may ship WAL.</summary>
    public string? WalShipperPrincipal { get; init; }

    /// <summary>Self-managed servers: the EC2 instance (managed by SSM) running PostgreSQL in each region; empty when not declared.</summary>
    public IReadOnlyDictionary<string, string> Hosts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Self-managed servers: directory of pg_ctl and pg_controldata; null: the PGDG Debian layout for the engine version.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Self-managed servers: the cluster's data directory; null: the PGDG Debian layout for the engine version.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Self-managed servers: the root shell command for a fast shutdown; null: pg_ctlcluster (PGDG Debian layout).</summary>
    public string? StopCommand { get; init; }

    /// <summary>Self-managed servers: the root shell command that starts the server; null: pg_ctlcluster (PGDG Debian layout).</summary>
    public string? StartCommand { get; init; }

    /// <summary>Self-managed servers: where the archive tool keys a WAL segment, <c>{segment}</c> and <c>{segment16}</c>
    /// (its first 16 characters) filled in; null: WAL-G at the bucket root.</summary>
    public string? WalKeyPrefix { get; init; }
}

public sealed record RedisOptions(
    string NodeType,
    string EngineVersion,
    int Shards,
    int ReplicasPerShard,
    bool AutomaticFailover,
    TimeSpan SnapshotInterval,
    TimeSpan ExpectedLag,
    NetworkPlacement Network) : ComponentOptions;

public enum VectorRecovery
{
    Replicated,
    Snapshot,
    Embeddings,
    Reembed,
}

public sealed record VectorIndexOptions(
    VectorRecovery? Recovery,
    long Vectors,
    long Documents,
    TimeSpan SnapshotInterval,
    TimeSpan EmbeddingExportInterval,
    TimeSpan ExpectedLag,
    bool? ReplicationTimeControl,
    bool ImmutableBackups) : ComponentOptions
{
    /// <summary>The embedding model the index was built with; null: the first rung of the stack's model-provider chain.</summary>
    public EmbeddingSpec? Embedding { get; init; }

    /// <summary>A second index kept embedded with a fallback provider's model, so retrieval survives a switch to it.</summary>
    public EmbeddingSpec? FallbackEmbedding { get; init; }
}

/// <summary>Lifecycle tiers for replicated buckets: hot (standard), warm (infrequent access), cold (Glacier).</summary>
public sealed record LifecycleOptions(TimeSpan WarmAfter, TimeSpan ColdAfter, TimeSpan? ExpireAfter, TimeSpan NoncurrentExpiry);

public sealed record BucketOptions(
    bool? ReplicationTimeControl,
    bool ObjectLock,
    TimeSpan ObjectLockRetention,
    LifecycleOptions Lifecycle) : ComponentOptions;

public sealed record RegistryOptions(
    IReadOnlyList<string> Repositories,
    bool TagImmutable,
    bool ScanOnPush) : ComponentOptions;

public sealed record GpuOptions(
    string InstanceType,
    int Count,
    bool? Reserved,
    IReadOnlyDictionary<string, string> AvailabilityZones,
    int StandbyRunning,
    TimeSpan BootTime,
    TimeSpan ModelLoadTime,
    DateOnly? ReservationEnd) : ComponentOptions
{
    /// <summary>Network, role, boot script and target groups of the serving groups.</summary>
    public GpuLaunch Launch { get; init; } = GpuLaunch.None;

    /// <summary>Whether the stack set <c>bootTime</c> (else DrKit's assumption).</summary>
    public bool BootTimeConfigured { get; init; }

    /// <summary>Whether the stack set <c>modelLoadTime</c> (else DrKit's assumption, or the time <see cref="ModelSizeGb"/> takes).</summary>
    public bool ModelLoadConfigured { get; init; }

    /// <summary><c>modelSize</c>: GB of weights each instance loads at start; the load time follows from it when set.</summary>
    public double? ModelSizeGb { get; init; }

    /// <summary><c>imageSize</c>: GB of the serving image each new instance pulls.</summary>
    public double? ImageSizeGb { get; init; }
}

public sealed record OnlineFeatureStoreOptions(
    string HashKey,
    TimeSpan ExpectedLag,
    bool PointInTimeRecovery) : ComponentOptions;
