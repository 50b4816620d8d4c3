using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>Where a Kubernetes component's objects go: a namespace, and the cluster of each region it uses.</summary>
public sealed record KubernetesPlacement(string Namespace, IReadOnlyList<KubernetesCluster> Clusters)
{
    /// <summary>Subjects bound to the operations Role in every cluster (<see cref="KubernetesAccess"/>).</summary>
    public IReadOnlyList<KubernetesSubject> Operators { get; init; } = [];

    public KubernetesCluster In(string region) =>
        Clusters.FirstOrDefault(c => c.Region == region) ?? throw new InvalidOperationException($"no Kubernetes cluster planned for {region}");
}

/// <summary>Decided settings of a component that runs on Kubernetes; the Kubernetes shell declares these.</summary>
public abstract record KubernetesSettings : ComponentSettings
{
    public required KubernetesPlacement Placement { get; init; }

    /// <summary>Velero Schedule of a component that recovers by backup and restore; null when it replicates.</summary>
    public VeleroBackup? Backup { get; init; }
}

/// <summary>One region's CloudNativePG cluster: its name, instances, object store and role in the distributed topology.</summary>
/// <param name="Name">Cluster resource name (also the Barman server name of its own archive).</param>
/// <param name="DestinationPath">Barman destination path of this region's object store.</param>
public sealed record CnpgMember(string Region, string Name, int Instances, string DestinationPath);

/// <summary>CloudNativePG in a distributed topology: a primary cluster and, for pilot light and warmer, a replica
/// cluster in the recovery region that follows the primary's WAL through the recovery region's object store.</summary>
/// <param name="ArchiveTimeout">PostgreSQL <c>archive_timeout</c> as CNPG accepts it (e.g. "60s").</param>
/// <param name="RetentionPolicy">Barman retention policy (<c>30d</c>): the PITR window.</param>
/// <param name="BackupSchedule">Six-field cron (with seconds) of the ScheduledBackup.</param>
public sealed record CnpgSettings(
    string ImageName,
    string ArchiveTimeout,
    string RetentionPolicy,
    string BackupSchedule,
    int StorageGb,
    IReadOnlyList<CnpgMember> Members,
    string? CredentialsSecret,
    ArchiveEncryption Encryption,
    bool ReplicaCluster) : KubernetesSettings
{
    public CnpgMember Primary => Members[0];

    public CnpgMember? Replica => ReplicaCluster && Members.Count > 1 ? Members[1] : null;

    /// <summary>Region -> IAM role the Barman Cloud Plugin's pods assume (IRSA) to reach that region's store; a
    /// region missing here, without <see cref="CredentialsSecret"/>, has no identity DrKit declares.</summary>
    public IReadOnlyDictionary<string, string> RoleArns { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The stack says its stores replicate with S3 Replication Time Control (the RPO's 15-minute copy term rests on it).</summary>
    public bool ReplicationTimeControl { get; init; }

    /// <summary>Days after which a store's copy of the peer cluster's archive may expire (PITR window + backup interval + 1).</summary>
    public int PeerCopyExpiryDays { get; init; }

    /// <summary>How often the ScheduledBackup takes a base backup (the stack's <c>snapshotInterval</c>).</summary>
    public TimeSpan BackupInterval { get; init; }

    /// <summary>False while the stack's <c>replicaReady</c> is off: the replica cluster is not declared yet.</summary>
    public bool ReplicaDeclared { get; init; } = true;

    /// <summary>
    /// The bootstrap a member gets when it is created: <c>initdb</c> only for the writer's cluster, <c>recovery</c> from
    /// the writer's archive for every other member, because CNPG accepts a replica-mode cluster only with
    /// pg_basebackup or recovery. https://cloudnative-pg.io/docs/1.30/replica_cluster/#bootstrap-of-a-replica-cluster
    /// </summary>
    public CnpgBootstrap BootstrapOf(CnpgMember member, CnpgMember writer) =>
        member == writer ? CnpgBootstrap.InitDb : CnpgBootstrap.Recovery;

    /// <summary>
    /// The Barman server name a member archives under (<c>&lt;store&gt;/&lt;server name&gt;/</c>), which its peers read it
    /// by: the cluster's name for its first incarnation, <c>&lt;cluster&gt;-g&lt;N&gt;</c> once the operator has rebuilt it
    /// N times (<c>drkit-ops:archiveGeneration.&lt;component&gt;.&lt;region&gt;</c>). A rebuilt cluster must not archive into
    /// the prefix of its earlier incarnation: the Barman Cloud Plugin's restore job refuses a destination that already
    /// holds an archive ("Expected empty archive"), and mixing two histories under one name would have a later failback
    /// replay the wrong one. The name is a Cluster plugin parameter, never the ObjectStore's.
    /// https://cloudnative-pg.io/plugin-barman-cloud/docs/parameters/
    /// </summary>
    public static string ServerName(CnpgMember member, int generation)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        return generation == 0 ? member.Name : $"{member.Name}-g{generation.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>Region -> the server name of each member's current incarnation, from the operations state.</summary>
    public IReadOnlyDictionary<string, string> ServerNames(Operations.OperationsState operations, string component)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return Members.ToDictionary(m => m.Region, m => ServerName(m, operations.ArchiveGeneration(component, m.Region)), StringComparer.Ordinal);
    }
}

/// <summary>How a CloudNativePG cluster is bootstrapped when it is created.</summary>
public enum CnpgBootstrap
{
    /// <summary>A new, empty database: the topology's writer only.</summary>
    InitDb,

    /// <summary>Restored from the writer's base backup and WAL in this region's object store.</summary>
    Recovery,
}

/// <summary>Redis with replicas and Sentinel per cluster; in the recovery cluster it replicates from the primary
/// region when <see cref="ReplicaOf"/> is set, and Sentinel starts only once that side is promoted.</summary>
public sealed record SentinelRedisSettings(
    string Image,
    int Replicas,
    int Sentinels,
    int SentinelQuorum,
    string? ReplicaOf,
    int StorageGb,
    IReadOnlyList<string> Regions) : KubernetesSettings
{
    /// <summary>host:port of the recovery region's Redis as the primary cluster reaches it (the failback's upstream); null: none declared.</summary>
    public string? FailbackReplicaOf { get; init; }

    /// <summary>Sentinels a voluntary disruption (node drain, upgrade) may take at once: all but the quorum, so a drain
    /// never takes away the Sentinels that agree the master is down. Said as maxUnavailable, not minAvailable: a region
    /// whose Sentinels DrKit keeps at 0 (the recovery region before a failover, a fenced primary) then has a budget that
    /// is met, where a fixed minAvailable would report it violated for as long as they are stopped.
    /// https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions</summary>
    public int SentinelsMaxUnavailable => Math.Max(0, Sentinels - SentinelQuorum);

    /// <summary>Unready pods may always be evicted: a crash-looping Sentinel or Redis pod then never blocks a node drain
    /// behind a budget it cannot help meet (the default, IfHealthyBudget, blocks it once the budget is short).
    /// https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy</summary>
    public const string UnhealthyPodEvictionPolicy = "AlwaysAllow";

    /// <summary>Redis pods a voluntary disruption may take at once: one, so a drain never takes the master and the
    /// replica Sentinel would promote together.</summary>
    public const int RedisMaxUnavailable = 1;

    /// <summary>Node label the pods of one StatefulSet prefer to spread over (one node's loss takes one pod), and the
    /// zone label they spread across. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
    /// https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/</summary>
    public const string HostTopology = "kubernetes.io/hostname";

    /// <summary>Zone label of <see cref="HostTopology"/>'s spread.</summary>
    public const string ZoneTopology = "topology.kubernetes.io/zone";
}

/// <summary>GPU inference per region: pods that serve, and placeholder pods that hold GPUs at negative priority.</summary>
public sealed record GpuInferenceAllocation(string Region, int Running, int Placeholders);

public sealed record GpuInferenceSettings(
    string Image,
    int Replicas,
    int GpusPerPod,
    int Port,
    string ReadinessPath,
    int StartupFailureThreshold,
    int PlaceholderPriority,
    IReadOnlyDictionary<string, string> NodeSelector,
    IReadOnlyList<GpuInferenceAllocation> Allocations) : KubernetesSettings
{
    /// <summary>Seconds between startup probes; <see cref="StartupFailureThreshold"/> is counted in these.</summary>
    public const int StartupProbePeriodSeconds = 10;

    public GpuInferenceAllocation In(string region) => Allocations.First(a => a.Region == region);

    /// <summary>The cluster-scoped PriorityClass of the placeholders, named after namespace and component so two
    /// stacks sharing a cluster never share (and delete) one.</summary>
    public string PriorityClass { get; init; } = string.Empty;

    /// <summary>The taint GPU nodes carry that inference pods and placeholders tolerate; null: none.</summary>
    public GpuToleration? Toleration { get; init; }
}

/// <summary>A pod toleration (<c>spec.tolerations[]</c>) for the taint of GPU nodes.
/// https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/</summary>
/// <param name="Operator"><c>Exists</c> (any value) or <c>Equal</c> (<paramref name="Value"/>).</param>
/// <param name="Effect"><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</param>
public sealed record GpuToleration(string Key, string Operator, string? Value, string Effect);

/// <summary>A Velero Schedule for a component that recovers by backup and restore.</summary>
/// <param name="Cron">Five-field cron of the schedule.</param>
/// <param name="Ttl">Go duration of each backup's lifetime (e.g. "720h0m0s").</param>
public sealed record VeleroBackup(string Cron, string Ttl, IReadOnlyDictionary<string, string> Selector);
