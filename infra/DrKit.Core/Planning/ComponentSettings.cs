using System.Text.Json.Serialization;
using DrKit.Core.Model;

namespace DrKit.Core.Planning;

/// <summary>The decided, typed settings a Pulumi component turns into resources; nothing left to choose.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(EndpointSettings), "inference-endpoint")]
[JsonDerivedType(typeof(PostgresSettings), "postgres")]
[JsonDerivedType(typeof(RedisSettings), "redis")]
[JsonDerivedType(typeof(VectorIndexSettings), "vector-index")]
[JsonDerivedType(typeof(BucketSettings), "bucket")]
[JsonDerivedType(typeof(RegistrySettings), "container-images")]
[JsonDerivedType(typeof(GpuSettings), "gpu-capacity")]
[JsonDerivedType(typeof(OnlineFeatureStoreSettings), "feature-store-online")]
[JsonDerivedType(typeof(ModelProviderSettings), "model-provider")]
[JsonDerivedType(typeof(Platforms.Kubernetes.CnpgSettings), "kubernetes-cnpg")]
[JsonDerivedType(typeof(Platforms.Kubernetes.SentinelRedisSettings), "kubernetes-redis")]
[JsonDerivedType(typeof(Platforms.Kubernetes.GpuInferenceSettings), "kubernetes-gpu-inference")]
[JsonDerivedType(typeof(Platforms.Azure.AzurePostgresSettings), "azure-postgres")]
[JsonDerivedType(typeof(Platforms.Azure.AzureRedisSettings), "azure-redis")]
[JsonDerivedType(typeof(Platforms.Azure.AzureBlobSettings), "azure-blob")]
[JsonDerivedType(typeof(Platforms.Azure.AzureVectorIndexSettings), "azure-vector-index")]
[JsonDerivedType(typeof(Platforms.Azure.AzureRegistrySettings), "azure-registry")]
[JsonDerivedType(typeof(Platforms.Azure.AzureGpuSettings), "azure-gpu")]
[JsonDerivedType(typeof(Platforms.Azure.AzureTrafficSettings), "azure-traffic")]
public abstract record ComponentSettings;

public sealed record EndpointSettings(IReadOnlyDictionary<string, string> Endpoints, int Port, int RecoveryRunning) : ComponentSettings;

/// <summary>A replicated bucket: versioned, KMS-encrypted, public access blocked, TLS-only, tiered.</summary>
public sealed record BucketSettings(
    string Purpose,
    bool Replicate,
    bool ReplicationTimeControl,
    bool ObjectLock,
    int ObjectLockDays,
    int WarmAfterDays,
    int ColdAfterDays,
    int? ExpireAfterDays,
    int NoncurrentExpiryDays) : ComponentSettings
{
    /// <summary>S3 Object Lock default-retention mode when <see cref="ObjectLock"/> is on. COMPLIANCE: no principal,
    /// the account root included, can shorten the lock or delete a locked version before it expires, which is
    /// what "immutable backups" promises against ransomware or a compromised admin.</summary>
    public string ObjectLockMode { get; init; } = "COMPLIANCE";

    /// <summary>Id of the replication rule into the <paramref name="priority"/>-th recovery region (1-based, the rule's
    /// priority); replication metrics and their alarms are keyed by it.</summary>
    public string ReplicationRuleId(int priority) => $"drkit-{Purpose}-{priority}";

    /// <summary>
    /// The storage-class transitions the lifecycle applies: hot -> warm (STANDARD_IA) -> cold (GLACIER). S3 rejects
    /// an expiration that is not later than every transition, and a transition at or after expiry would never
    /// happen, so those are left out (a WAL archive expires before it would go cold).
    /// </summary>
    public IReadOnlyList<(int Days, string StorageClass)> LifecycleTransitions() =>
        new[] { (WarmAfterDays, "STANDARD_IA"), (ColdAfterDays, "GLACIER") }
            .Where(t => ExpireAfterDays is not { } expire || t.Item1 < expire)
            .ToList();
}

public sealed record PostgresSettings(
    PostgresEngine Engine,
    ReplicationMode Replication,
    string InstanceClass,
    string EngineVersion,
    string ParameterGroupFamily,
    int AllocatedStorageGb,
    int BackupRetentionDays,
    IReadOnlyDictionary<string, string> Parameters,
    bool CrossRegionReplica,
    bool ReplicateAutomatedBackups,
    BucketSettings WalArchive,
    NetworkPlacement Network) : ComponentSettings
{
    /// <summary>Instance class of the cross-region read replica (smaller than the primary for pilot light).</summary>
    public string ReplicaInstanceClass { get; init; } = InstanceClass;

    /// <summary>IAM principal ARN that may assume the WAL shipper role; null: the deploying account's root.</summary>
    public string? WalShipperPrincipal { get; init; }

    /// <summary>Self-managed servers: region -> EC2 instance id of the server there (SSM Run Command reaches it); empty
    /// when the stack declares none, and then a failover refuses, since nothing can promote the standby.</summary>
    public IReadOnlyDictionary<string, string> Hosts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Self-managed servers: the host directory holding pg_ctl and pg_controldata.</summary>
    public string BinDirectory { get; init; } = string.Empty;

    /// <summary>Self-managed servers: the cluster's data directory on each host.</summary>
    public string DataDirectory { get; init; } = string.Empty;

    /// <summary>Self-managed servers: the root shell command that stops the server with a fast shutdown.</summary>
    public string StopCommand { get; init; } = string.Empty;

    /// <summary>Self-managed servers: the root shell command that starts the server through its service manager.</summary>
    public string StartCommand { get; init; } = string.Empty;

    /// <summary>Self-managed servers: the S3 key prefix of one archived WAL segment (<c>{segment}</c>, <c>{segment16}</c>).</summary>
    public string WalKeyPrefix { get; init; } = string.Empty;

    /// <summary>The declared point-in-time-recovery window (pitrWindow) in whole days, before any clamping to what
    /// RDS allows; policy compares backup retention and WAL archive expiry with it. Null in plans written before it existed.</summary>
    public int? PitrWindowDays { get; init; }
}

public sealed record RedisSettings(
    string NodeType,
    string EngineVersion,
    int Shards,
    int ReplicasPerShard,
    bool GlobalDatastore,
    bool AutomaticFailover,
    int SnapshotRetentionDays,
    NetworkPlacement Network) : ComponentSettings;

public sealed record VectorIndexSettings(VectorRecovery Recovery, BucketSettings Store) : ComponentSettings
{
    /// <summary>The embedding model the index was built with, when the stack declares or implies one.</summary>
    public EmbeddingSpec? Embedding { get; init; }

    /// <summary>A second index kept embedded with a fallback provider's model; null when there is none.</summary>
    public EmbeddingSpec? FallbackEmbedding { get; init; }

    /// <summary>Storage the second index adds (vectors x dimensions x 4 bytes), in GB; 0 without one.</summary>
    public double FallbackIndexGb { get; init; }
}

public sealed record RegistrySettings(IReadOnlyList<string> Repositories, bool TagImmutable, bool ScanOnPush, bool Replicate) : ComponentSettings;

/// <summary>GPU capacity per region: what is reserved (On-Demand Capacity Reservations) and what runs.</summary>
public sealed record GpuAllocation(string Region, string AvailabilityZone, int Reserved, int Running, DateOnly? ReservationEnd);

public sealed record GpuSettings(string InstanceType, int Count, bool Reserved, IReadOnlyList<GpuAllocation> Allocations) : ComponentSettings
{
    /// <summary>Network, role, boot script and target groups of the serving groups.</summary>
    public Model.GpuLaunch Launch { get; init; } = Model.GpuLaunch.None;

    /// <summary>Boot plus model load: how long a new instance takes before it can pass a load balancer's health check.</summary>
    public TimeSpan WarmUp { get; init; }
}

public sealed record OnlineFeatureStoreSettings(string HashKey, bool GlobalTable, bool PointInTimeRecovery) : ComponentSettings;
