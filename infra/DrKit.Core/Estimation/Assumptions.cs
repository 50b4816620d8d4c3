namespace DrKit.Core.Estimation;

/// <summary>
/// Every figure DrKit's estimates rest on, in one place, each with where it comes from. "Seed" means the DR
/// articles DrKit is built from; "AWS" means the provider's published behaviour; "DrKit" marks a working
/// assumption that a stack can override where a key exists, and that drills exist to check.
/// </summary>
public static class Assumptions
{
    // ---- PostgreSQL -------------------------------------------------------------------------------------

    /// <summary>Seed (context-system DR): "Archive segments every 60 seconds".</summary>
    public static readonly TimeSpan WalArchiveTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Seed: "maintain point-in-time recovery capability for 30 days minimum".</summary>
    public static readonly TimeSpan PitrWindow = TimeSpan.FromDays(30);

    /// <summary>Seed: "max_wal_senders = 10".</summary>
    public const int MaxWalSenders = 10;

    /// <summary>Seed: "wal_keep_segments = 64"; PostgreSQL 13+ spells it wal_keep_size: 64 x 16 MB segments.</summary>
    public const int WalKeepSizeMb = 64 * 16;

    /// <summary>Seed: "cross-region replication lag (target &lt;5 seconds)"; async RPO equals replication lag.</summary>
    public static readonly TimeSpan AsyncReplicaLag = TimeSpan.FromSeconds(5);

    /// <summary>DrKit: round trip between US regions (us-east-1 to us-west-2 is about 60-80 ms); a synchronous
    /// cross-region commit waits for it. Seed: same-region synchronous standby adds 5-15 ms.</summary>
    public static readonly TimeSpan CrossRegionRoundTrip = TimeSpan.FromMilliseconds(70);

    /// <summary>AWS: promoting an RDS read replica "takes a few minutes"; DrKit uses 5 minutes.</summary>
    public static readonly TimeSpan RdsReplicaPromotion = TimeSpan.FromMinutes(5);

    /// <summary>DrKit: pg_promote on a self-managed standby plus client reconnection.</summary>
    public static readonly TimeSpan SelfManagedPromotion = TimeSpan.FromSeconds(30);

    /// <summary>PostgreSQL packages (PGDG apt): server programs live in /usr/lib/postgresql/&lt;major&gt;/bin, outside PATH.
    /// https://wiki.postgresql.org/wiki/Apt</summary>
    public static string SelfManagedBinDirectory(string engineVersion) => $"/usr/lib/postgresql/{Major(engineVersion)}/bin";

    /// <summary>PostgreSQL packages (PGDG apt): the default cluster's data directory, /var/lib/postgresql/&lt;major&gt;/main.</summary>
    public static string SelfManagedDataDirectory(string engineVersion) => $"/var/lib/postgresql/{Major(engineVersion)}/main";

    /// <summary>PGDG Debian layout: pg_ctlcluster stops the cluster with a fast shutdown, run as root (it switches to
    /// the cluster's owner and, under systemd, goes through postgresql@&lt;major&gt;-main).
    /// https://manpages.debian.org/postgresql-common/pg_ctlcluster.1.en.html</summary>
    public static string SelfManagedStopCommand(string engineVersion) => $"pg_ctlcluster -m fast {Major(engineVersion)} main stop";

    /// <summary>PGDG Debian layout: pg_ctlcluster starts the cluster with its configuration from /etc/postgresql.</summary>
    public static string SelfManagedStartCommand(string engineVersion) => $"pg_ctlcluster {Major(engineVersion)} main start";

    /// <summary>WAL-G with its prefix at the bucket root keys a segment as wal_005/&lt;segment&gt;.&lt;compression&gt;;
    /// pgBackRest as archive/&lt;stanza&gt;/&lt;version-id&gt;/&lt;first 16 characters&gt;/&lt;segment&gt;-&lt;checksum&gt;.
    /// https://github.com/wal-g/wal-g/blob/master/docs/STORAGES.md https://pgbackrest.org/user-guide.html</summary>
    public const string SelfManagedWalKeyPrefix = "wal_005/{segment}";

    private static string Major(string engineVersion) => engineVersion.Split('.')[0];

    /// <summary>DrKit: resizing a pilot-light replica to production size before it takes writes.</summary>
    public static readonly TimeSpan PilotLightResize = TimeSpan.FromMinutes(10);

    /// <summary>DrKit: creating a database instance from code before a restore can start.</summary>
    public static readonly TimeSpan DatabaseProvisioning = TimeSpan.FromMinutes(20);

    /// <summary>AWS: RDS uploads transaction logs to S3 every five minutes, so point-in-time recovery from RDS's own backups
    /// trails by up to that, whatever archive_timeout says. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html</summary>
    public static readonly TimeSpan RdsLogUpload = TimeSpan.FromMinutes(5);

    /// <summary>DrKit: snapshot restore throughput (GB per hour), WAL replay included.</summary>
    public const double RestoreGbPerHour = 100;

    /// <summary>Seed: daily backups are the floor for backup-restore ("automated backups every 1-24 hours").</summary>
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromHours(24);

    // ---- Object storage and registries -------------------------------------------------------------------

    /// <summary>AWS S3 Replication Time Control: 99.99% of objects replicated within 15 minutes.</summary>
    public static readonly TimeSpan S3RtcWindow = TimeSpan.FromMinutes(15);

    /// <summary>AWS: without RTC most objects replicate within 15 minutes but there is no time guarantee.</summary>
    public static readonly TimeSpan S3TypicalReplication = TimeSpan.FromMinutes(15);

    /// <summary>AWS ECR: most images replicate in under 30 minutes; no guarantee; only images pushed after
    /// the replication rule exists are copied.</summary>
    public static readonly TimeSpan EcrTypicalReplication = TimeSpan.FromMinutes(30);

    /// <summary>Seed: lifecycle tiers hot/warm/cold; DrKit defaults: warm after 30 days, cold after 90.</summary>
    public static readonly TimeSpan WarmAfter = TimeSpan.FromDays(30);

    public static readonly TimeSpan ColdAfter = TimeSpan.FromDays(90);

    /// <summary>DrKit: noncurrent versions kept for the point-in-time window before they expire.</summary>
    public static readonly TimeSpan NoncurrentExpiry = TimeSpan.FromDays(30);

    /// <summary>Seed: immutable (write-once) backups; DrKit default retention of the lock.</summary>
    public static readonly TimeSpan ObjectLockRetention = TimeSpan.FromDays(30);

    /// <summary>DrKit: RTC is turned on when the RPO target is this tight or tighter, since only RTC bounds time.</summary>
    public static readonly TimeSpan RtcNeededAtOrBelow = TimeSpan.FromHours(4);

    // ---- Redis, DynamoDB -------------------------------------------------------------------------------

    /// <summary>AWS ElastiCache Global Datastore: cross-region lag typically under 1 second.</summary>
    public static readonly TimeSpan RedisGlobalLag = TimeSpan.FromSeconds(1);

    /// <summary>AWS ElastiCache Global Datastore: promoting a secondary takes about a minute.</summary>
    public static readonly TimeSpan RedisGlobalPromotion = TimeSpan.FromMinutes(1);

    /// <summary>DrKit: creating a cache cluster and loading a snapshot.</summary>
    public static readonly TimeSpan CacheProvisioning = TimeSpan.FromMinutes(15);

    /// <summary>AWS DynamoDB global tables: replication typically within a second.</summary>
    public static readonly TimeSpan DynamoGlobalLag = TimeSpan.FromSeconds(1);

    /// <summary>DrKit: AWS Backup copies a daily table backup to the recovery region.</summary>
    public static readonly TimeSpan DynamoBackupCopyInterval = TimeSpan.FromHours(24);

    /// <summary>AWS DynamoDB point-in-time recovery: latest restorable time is about 5 minutes behind.</summary>
    public static readonly TimeSpan DynamoPitrLag = TimeSpan.FromMinutes(5);

    /// <summary>DrKit: restoring a table from point-in-time recovery or a backup.</summary>
    public static readonly TimeSpan DynamoRestore = TimeSpan.FromHours(1);

    // ---- Compute and GPU ---------------------------------------------------------------------------------

    /// <summary>DrKit: launching a GPU instance and initialising its drivers.</summary>
    public static readonly TimeSpan GpuBoot = TimeSpan.FromMinutes(5);

    /// <summary>DrKit: loading model weights onto the GPUs.</summary>
    public static readonly TimeSpan ModelLoad = TimeSpan.FromMinutes(5);

    /// <summary>DrKit: starting API containers on compute that exists.</summary>
    public static readonly TimeSpan ContainerStart = TimeSpan.FromMinutes(1);

    /// <summary>DrKit: launching instances into a recovery group that is scaled to zero (pilot light).</summary>
    public static readonly TimeSpan InstanceLaunch = TimeSpan.FromMinutes(3);

    /// <summary>DrKit: creating compute from code in a region that has none.</summary>
    public static readonly TimeSpan ComputeProvisioning = TimeSpan.FromMinutes(15);

    // ---- Vector index ------------------------------------------------------------------------------------

    /// <summary>Seed: "vector similarity searches required 8 minutes for full index warming".</summary>
    public static readonly TimeSpan IndexWarmup = TimeSpan.FromMinutes(8);

    /// <summary>Seed: index rebuilds "can take 20-45 minutes for large embedding collections"; DrKit takes
    /// 100 M vectors in about 42 minutes.</summary>
    public const double RebuildVectorsPerSecond = 40_000;

    /// <summary>DrKit: loading an index snapshot is about five times faster than rebuilding it.</summary>
    public const double SnapshotRestoreVectorsPerSecond = 200_000;

    /// <summary>DrKit: re-embedding source documents through a batched embedding API.</summary>
    public const double ReembedDocumentsPerSecond = 100;

    /// <summary>Seed: "Hourly snapshots" for a warm vector tier.</summary>
    public static readonly TimeSpan VectorSnapshotInterval = TimeSpan.FromHours(1);

    // ---- Traffic -----------------------------------------------------------------------------------------

    /// <summary>AWS Route 53 health checks run every 10 or 30 seconds.</summary>
    public static readonly IReadOnlyList<TimeSpan> HealthCheckIntervals = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    public static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(30);

    public const int FailureThreshold = 3;

    public static readonly TimeSpan DnsTtl = TimeSpan.FromSeconds(60);

    // ---- Model providers ---------------------------------------------------------------------------------

    /// <summary>Seed (multi-provider failover guide): the provider health checker "runs every 30 seconds".</summary>
    public static readonly TimeSpan ProviderHealthCheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>Assumed (DrKit): failed checks before a provider counts as down, as for traffic health checks.</summary>
    public const int ProviderFailureThreshold = 3;

    /// <summary>Seed (multi-provider failover guide): a request is given 30 seconds before the client moves on to the
    /// next provider, so a client-side switch costs one timed-out request after detection.</summary>
    public static readonly TimeSpan ClientSwitchTime = TimeSpan.FromSeconds(30);

    /// <summary>Assumed (DrKit): a flipped switch parameter takes effect once the application re-reads it, every
    /// minute; the put-parameter call itself takes seconds.</summary>
    public static readonly TimeSpan ParameterSwitchTime = TimeSpan.FromMinutes(1);

    /// <summary>Assumed (DrKit): how long one rung's health probe may take inside an operation. The probes run in
    /// parallel, so a failover waits at most this long for all of them; an unanswered probe counts as failed.</summary>
    public static readonly TimeSpan ProviderProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Assumed (DrKit): tokens in one embedded chunk (one vector) of a typical retrieval corpus.</summary>
    public const int EmbeddingTokensPerVector = 500;

    /// <summary>Assumed (DrKit): embedding deployment capacity, in thousands of tokens per minute, unless a rung sets
    /// embeddingCapacity. Small on purpose: quota is per subscription, region, model and deployment type, and the
    /// default Standard embedding quota is 350K TPM per region (https://learn.microsoft.com/azure/ai-foundry/openai/quotas-limits),
    /// so a default that took it all would leave nothing for anything else in the subscription.</summary>
    public const int AzureOpenAiEmbeddingCapacity = 50;

    /// <summary>Assumed (DrKit): chat deployment capacity, in thousands of tokens per minute, unless a rung sets chatCapacity
    /// (small for the same reason as <see cref="AzureOpenAiEmbeddingCapacity"/>).</summary>
    public const int AzureOpenAiChatCapacity = 50;

    /// <summary>Assumed (DrKit): OpenAI's embedding rate limit depends on the account's usage tier; DrKit takes 5 M
    /// tokens per minute, i.e. 5,000,000 / 500 / 60 = about 166 vectors per second.</summary>
    public const double OpenAiEmbeddingVectorsPerSecond = 5_000_000.0 / EmbeddingTokensPerVector / 60;

    /// <summary>Assumed (DrKit): Bedrock embedding models under default on-demand quotas.</summary>
    public const double BedrockEmbeddingVectorsPerSecond = 100;

    /// <summary>Assumed (DrKit): one self-hosted embedding server on the stack's GPUs, batched.</summary>
    public const double SelfHostedEmbeddingVectorsPerSecond = 500;

    /// <summary>Anthropic offers no embedding model of its own (https://docs.anthropic.com/en/docs/build-with-claude/embeddings):
    /// a rung there embeds nothing unless it names another model.</summary>
    public const double NoEmbeddingVectorsPerSecond = 0;

    /// <summary>Vector stores keep float32 components: 4 bytes per dimension, so a second index costs vectors x dimensions x 4 bytes.</summary>
    public const int BytesPerDimension = 4;

    /// <summary>Azure OpenAI throughput of an embedding deployment: its capacity (thousands of TPM) over the tokens per vector.</summary>
    public static double AzureEmbeddingVectorsPerSecond(int capacityThousandsTpm) => capacityThousandsTpm * 1000.0 / EmbeddingTokensPerVector / 60;

    // ---- Verdicts and cost -------------------------------------------------------------------------------

    /// <summary>DrKit: an estimate above this share of its target leaves too little margin and is "at risk".</summary>
    public const double AtRiskMargin = 0.8;

    /// <summary>Drill history older than this is stale (seed: quarterly failover drills).</summary>
    public static readonly TimeSpan DrillMaxAge = TimeSpan.FromDays(90);

    /// <summary>DrKit: how far ahead capacity and retention must hold (a quarter).</summary>
    public static readonly TimeSpan PostureWindow = TimeSpan.FromDays(90);
}
