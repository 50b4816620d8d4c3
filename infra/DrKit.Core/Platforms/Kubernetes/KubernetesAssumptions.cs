namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>
/// Every figure the Kubernetes estimates rest on, each with its source. "CNPG" is the CloudNativePG documentation
/// of the pinned release, "Kubernetes" the kubernetes.io documentation, "Redis" redis.io; "DrKit" marks a working
/// assumption a stack can override where a key exists, and that drills exist to check.
/// </summary>
public static class KubernetesAssumptions
{
    /// <summary>The CloudNativePG release DrKit's manifests follow (postgresql.cnpg.io/v1, distributed topology,
    /// CNPG-I plugins): 1.30.0, released 29 June 2026; 1.26 is out of support, and in-tree Barman Cloud support is
    /// removed in 1.31. https://cloudnative-pg.io/docs/1.30/release_notes/v1.30/ https://cloudnative-pg.io/docs/1.30/</summary>
    public const string CnpgRelease = "1.30.0";

    /// <summary>The Barman Cloud Plugin release (barmancloud.cnpg.io/v1 ObjectStore) that archives WAL and base
    /// backups; 0.16.0 requires CloudNativePG 1.30 or later.
    /// https://github.com/cloudnative-pg/plugin-barman-cloud/blob/v0.16.0/web/versioned_docs/version-0.16.0/intro.md
    /// https://cloudnative-pg.io/plugin-barman-cloud/docs/usage/</summary>
    public const string BarmanCloudPluginRelease = "0.16.0";

    /// <summary>Redis: the default engine of Redis on Kubernetes (official image <c>redis:&lt;version&gt;</c>); 8.10 is
    /// the current release line of the official image (8.10.2). A stack pins another with <c>engineVersion</c>.
    /// https://redis.io/docs/latest/operate/oss_and_stack/stack-with-enterprise/release-notes/redisce/
    /// https://github.com/docker-library/official-images/blob/master/library/redis</summary>
    public const string RedisVersion = "8.10";

    /// <summary>The extended resource the NVIDIA device plugin advertises: what GPU pods request and nodes can allocate.
    /// https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/</summary>
    public const string GpuResource = "nvidia.com/gpu";

    /// <summary>Plugin name a Cluster, ScheduledBackup and external cluster refer to.</summary>
    public const string BarmanCloudPlugin = "barman-cloud.cloudnative-pg.io";

    /// <summary>CNPG: <c>archive_timeout</c> defaults to 5min and may be set in <c>.spec.postgresql.parameters</c>.
    /// https://cloudnative-pg.io/docs/1.30/postgresql_conf/</summary>
    public static readonly TimeSpan CnpgDefaultArchiveTimeout = TimeSpan.FromMinutes(5);

    /// <summary>PostgreSQL: a standby retries <c>restore_command</c> every <c>wal_retrieve_retry_interval</c>
    /// (default 5s) once the archive has no next segment. https://www.postgresql.org/docs/16/runtime-config-replication.html</summary>
    public static readonly TimeSpan WalRestoreRetry = TimeSpan.FromSeconds(5);

    /// <summary>DrKit: promoting a replica cluster's designated primary (pg_promote by the instance manager, new
    /// timeline, services repointed). With a promotion token CNPG first waits for the token's LSN to be replayed.
    /// https://cloudnative-pg.io/docs/1.30/replica_cluster/#promoting-a-replica-to-a-primary-cluster</summary>
    public static readonly TimeSpan CnpgPromotion = TimeSpan.FromMinutes(1);

    /// <summary>CNPG: a demoted primary publishes <c>.status.demotionToken</c> only after archiving the WAL segment of its
    /// shutdown checkpoint; in a switchover the replica cluster then promotes once that segment has reached the
    /// recovery region's store, so the switchover waits for the object store's cross-region copy (S3 RTC: 15 min).
    /// A failover without token does not wait for it.
    /// https://cloudnative-pg.io/docs/1.30/replica_cluster/#demoting-a-primary-to-a-replica-cluster</summary>
    public const string SwitchoverWaitsForArchiveCopy = "switchover: the demotion token's last WAL segment must reach the recovery region's store first";

    /// <summary>DrKit: how long a fence waits, after the API server accepted a demotion, for CNPG to publish the token
    /// before it asks PostgreSQL whether the old primary stopped writing. The instance manager shuts the primary down
    /// smart first (<c>smartShutdownTimeout</c>, 180 s by default), then fast, and publishes the token once the
    /// checkpoint's segment is archived (https://cloudnative-pg.io/docs/1.30/instance_manager/). Kept below
    /// the engine's fence attempt (StepTimeouts.FenceAttempt, 10 min) so the verdict comes from the adapter, not the bound.</summary>
    public static readonly TimeSpan CnpgDemotionBound = TimeSpan.FromMinutes(5);

    /// <summary>DrKit: bootstrapping a CloudNativePG cluster from the object store (base backup + WAL replay), GB per hour.</summary>
    public const double CnpgRestoreGbPerHour = 100;

    /// <summary>DrKit: Kubernetes scheduling a pod and starting its containers on a node that has room.</summary>
    public static readonly TimeSpan PodScheduling = TimeSpan.FromSeconds(30);

    /// <summary>Kubernetes: the scheduler preempts lower-priority pods and waits for their graceful termination;
    /// DrKit's placeholders have a 0s grace period, so preemption takes about one scheduling cycle.
    /// https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/</summary>
    public static readonly TimeSpan PlaceholderPreemption = TimeSpan.FromSeconds(15);

    /// <summary>Cluster Autoscaler: <c>--expendable-pods-priority-cutoff</c> defaults to -10; pods with a priority
    /// below it neither trigger a scale-up nor prevent a scale-down.
    /// https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md#how-does-cluster-autoscaler-work-with-pod-priority-and-preemption</summary>
    public const int AutoscalerExpendableCutoff = -10;

    /// <summary>Kubernetes node overprovisioning: placeholder pods use a negative priority so that any real pod
    /// preempts them. https://kubernetes.io/docs/tasks/administer-cluster/node-overprovisioning/ DrKit puts them
    /// just below the autoscaler's expendable cutoff: placeholders preempted at failover then stay Pending without
    /// making the autoscaler buy more GPU nodes during the incident. The price: they do not keep a node from being
    /// scaled down either, so the GPU nodes they hold are the node group's minimum (reserved capacity), which the
    /// operator sizes to the recovery GPUs.</summary>
    public const int PlaceholderPriority = AutoscalerExpendableCutoff - 1;

    /// <summary>NVIDIA GPU Operator and EKS GPU node groups commonly taint GPU nodes <c>nvidia.com/gpu:NoSchedule</c>;
    /// EKS does not enable the ExtendedResourceToleration admission plugin, so pods must tolerate it themselves.
    /// https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#extendedresourcetoleration</summary>
    public static readonly GpuToleration GpuTaintToleration = new(GpuResource, "Exists", null, "NoSchedule");

    /// <summary>DrKit: pulling a multi-gigabyte inference image onto a node that has not pulled it.</summary>
    public static readonly TimeSpan ImagePull = TimeSpan.FromMinutes(4);

    /// <summary>DrKit: a cluster autoscaler adding a GPU node (instance launch, driver, device plugin) when no
    /// placeholder holds one.</summary>
    public static readonly TimeSpan GpuNodeProvisioning = TimeSpan.FromMinutes(7);

    /// <summary>Redis: replication is asynchronous; a replica lags by the network round trip and its backlog, typically
    /// under a second across US regions, with no bound. https://redis.io/docs/latest/operate/oss_and_stack/management/replication/</summary>
    public static readonly TimeSpan RedisReplicaLag = TimeSpan.FromSeconds(1);

    /// <summary>Seed (context-system DR): "Redis Sentinel for automatic failover with a quorum of 3 sentinels".</summary>
    public const int SentinelQuorum = 3;

    /// <summary>DrKit: promoting the recovery cluster's Redis (REPLICAOF NO ONE on pod 0, read back).</summary>
    public static readonly TimeSpan RedisPromotion = TimeSpan.FromSeconds(30);

    /// <summary>DrKit: the recovery region's Sentinels, at 0 until the promotion, scaled up from nothing: on the first
    /// failover each needs its volume created and attached (EBS: tens of seconds), then a start, the REMOVE/MONITOR/SET
    /// that point it at the promoted pod, and enough hello messages (every 2 s on the master's channel) for CKQUORUM to
    /// see a majority. Sentinel-aware clients find no master before that.
    /// https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/ (auto-discovery, SENTINEL CKQUORUM)
    /// Typical 1 minute; 3 minutes at worst (a volume attach that retries, a pod scheduled on a node still joining).</summary>
    public static readonly TimeSpan SentinelStartup = TimeSpan.FromMinutes(1);

    /// <summary>Worst case of <see cref="SentinelStartup"/>.</summary>
    public static readonly TimeSpan SentinelStartupWorst = TimeSpan.FromMinutes(3);

    /// <summary>DrKit: a Velero restore of a namespace's objects and volume snapshots.</summary>
    public static readonly TimeSpan VeleroRestore = TimeSpan.FromMinutes(20);

    /// <summary>Velero: a Schedule's backups expire after <c>ttl</c>, 720h (30 days) when unset.
    /// https://velero.io/docs/latest/api-types/backup/ (server default --default-backup-ttl)</summary>
    public static readonly TimeSpan VeleroDefaultTtl = TimeSpan.FromHours(720);
}
