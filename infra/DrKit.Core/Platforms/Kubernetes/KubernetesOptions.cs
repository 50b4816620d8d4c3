using DrKit.Core.Model;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>A component that runs on Kubernetes (<c>platform: kubernetes</c>) rather than on a managed service.</summary>
public abstract record KubernetesOptions : ComponentOptions;

/// <summary>How a WAL archive's objects are encrypted by the object store (Barman Cloud <c>wal.encryption</c>).</summary>
public enum ArchiveEncryption
{
    /// <summary>Nothing forced: the bucket's own default applies, which DrKit cannot see.</summary>
    None,
    Aes256,
    AwsKms,
}

/// <summary>PostgreSQL as CloudNativePG clusters, one per region, archiving WAL to each region's object store.</summary>
/// <param name="ObjectStores">Region -> Barman destination path (<c>s3://bucket/prefix</c>) of that region's store.</param>
/// <param name="CredentialsSecret">Kubernetes secret with ACCESS_KEY_ID/ACCESS_SECRET_KEY; null: IAM role of the pods.</param>
/// <param name="ReplicationTimeControl">Whether the stores' cross-region copy has a time bound (S3 RTC).</param>
public sealed record CnpgOptions(
    ReplicationMode Replication,
    TimeSpan ArchiveTimeout,
    TimeSpan PitrWindow,
    TimeSpan SnapshotInterval,
    int Instances,
    int RecoveryInstances,
    int StorageGb,
    string EngineVersion,
    IReadOnlyDictionary<string, string> ObjectStores,
    string? CredentialsSecret,
    ArchiveEncryption Encryption,
    bool ReplicationTimeControl) : KubernetesOptions
{
    /// <summary>Region -> IAM role (IRSA) of the CNPG pods that archive to that region's S3 store.</summary>
    public IReadOnlyDictionary<string, string> RoleArns { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>Redis with replicas and Sentinel in each cluster; the recovery cluster replicates from <paramref name="ReplicaOf"/>.</summary>
/// <param name="ReplicaOf">host:port of the primary region's Redis as the recovery cluster reaches it; null: no geo-replication.</param>
public sealed record SentinelRedisOptions(
    int Replicas,
    int SentinelQuorum,
    string? ReplicaOf,
    TimeSpan SnapshotInterval,
    TimeSpan ExpectedLag,
    int StorageGb,
    string Version) : KubernetesOptions
{
    /// <summary>host:port of the recovery region's Redis as the primary cluster reaches it: what the primary region's
    /// Redis follows while the writer is in the recovery region (the failback's direction); null: not declared.</summary>
    public string? FailbackReplicaOf { get; init; }
}

/// <summary>GPU inference pods on Kubernetes, with placeholder pods holding recovery GPUs.</summary>
/// <param name="Replicas">Inference pods in the primary region (each requests <paramref name="GpusPerPod"/> GPUs).</param>
/// <param name="Reserved">Whether placeholders hold the recovery region's GPUs.</param>
public sealed record GpuInferenceOptions(
    string Image,
    int Replicas,
    int GpusPerPod,
    bool Reserved,
    int StandbyRunning,
    int Port,
    string ReadinessPath,
    TimeSpan ImagePull,
    TimeSpan ModelLoadTime,
    TimeSpan NodeProvisioning,
    IReadOnlyDictionary<string, string> NodeSelector) : KubernetesOptions
{
    /// <summary>The GPU nodes' taint the pods tolerate; null: none.</summary>
    public GpuToleration? Toleration { get; init; }
}
