namespace DrKit.Policies;

/// <summary>Every DrKit policy rule. Ids are permanent: stack configs and CI gates name them.</summary>
public static class RuleCatalog
{
    public static readonly PolicyRule KnownRuleIds = new(
        "policy-rule-ids-known", "Every rule id named under drkit:policy.rules exists", Severity.Medium, PolicyLevel.Mandatory,
        "correct the rule id (see policies/README.md) or remove the key", RuleScope.Plan);

    public static readonly PolicyRule ObjectivesDeclared = new(
        "objectives-declared", "Every component has recovery objectives: an RTO, and an RPO when it holds data", Severity.High, PolicyLevel.Mandatory,
        "set the component's tier, or rto/rpo explicitly", RuleScope.Plan);

    public static readonly PolicyRule ObjectivesWithinTarget = new(
        "objectives-within-target", "Estimated RPO and RTO are within the component's targets (mandatory for critical tier, advisory otherwise)",
        Severity.High, PolicyLevel.Advisory, "choose a faster strategy or mechanism (see drkit plan --details), or relax the target deliberately", RuleScope.Plan)
    {
        CriticalTierLevel = PolicyLevel.Mandatory,
    };

    public static readonly PolicyRule CriticalNotBackupRestore = new(
        "critical-not-backup-restore", "Critical components never rely on backup-restore", Severity.Critical, PolicyLevel.Mandatory,
        "use pilot-light, warm-standby or active-active for critical components", RuleScope.Plan);

    public static readonly PolicyRule RecoveryRegionDistinct = new(
        "recovery-region-distinct", "Each recovery region differs from the primary region and from the other recovery regions", Severity.Critical, PolicyLevel.Mandatory,
        "pick a recovery region other than the primary region", RuleScope.Plan);

    public static readonly PolicyRule RegionsInJurisdiction = new(
        "regions-in-jurisdiction", "Primary and recovery regions lie within the stack's allowed jurisdictions (us -> us-*, eu -> eu-*; Azure regions by geography: us -> eastus2, eu -> westeurope)", Severity.High, PolicyLevel.Mandatory,
        "move the region into an allowed jurisdiction, or extend drkit:policy.jurisdictions after a data-residency review", RuleScope.Plan);

    public static readonly PolicyRule GpuRecoveryCapacity = new(
        "gpu-recovery-capacity", "Reserved GPU capacity in each recovery region covers the failover need; critical and production tiers never rely on on-demand GPUs",
        Severity.High, PolicyLevel.Mandatory, "reserve the full count in the recovery region (reserved: true, with a pilot-light or warmer strategy)", RuleScope.Plan);

    public static readonly PolicyRule GpuReservationPosture = new(
        "gpu-reservation-posture", "No GPU capacity reservation ends inside the stack's posture window", Severity.High, PolicyLevel.Mandatory,
        "extend or renew the capacity reservation (reservationEnd) beyond the posture window", RuleScope.Plan);

    public static readonly PolicyRule PitrRetention = new(
        "pitr-retention", "PostgreSQL backup retention and WAL archive expiry cover the declared pitrWindow", Severity.High, PolicyLevel.Mandatory,
        "keep pitrWindow within what the engine retains (RDS: 35d at most) or lengthen the WAL archive's expiry", RuleScope.Plan);

    public static readonly PolicyRule RelatedRecoveryPoints = new(
        "related-recovery-points", "Related data (a vector index and the database it indexes, offline and online features) recovers to points no further apart than the tighter RPO target of the two",
        Severity.Medium, PolicyLevel.Advisory,
        "tighten the trailing component's mechanism (shorter snapshot or export interval, replication) or plan a reconciliation after failover (re-embed rows newer than the index)", RuleScope.Plan);

    public static readonly PolicyRule ImmutableBackups = new(
        "immutable-backups", "Critical data components keep backups immutable (S3 Object Lock on the WAL archive, index store or bucket)", Severity.High, PolicyLevel.Mandatory,
        "set immutableBackups: true (postgres, vector-index) or objectLock: true (buckets)", RuleScope.Plan);

    public static readonly PolicyRule DrillRecency = new(
        "drill-recency", "The last successful DR drill of the stack is younger than drillMaxAge", Severity.Medium, PolicyLevel.Advisory,
        "run a drill (drkit drill) and keep its history at drkit:policy.drillHistory", RuleScope.Plan);

    public static readonly PolicyRule ProviderFailoverKeepsRetrieval = new(
        "provider-failover-keeps-retrieval", "Failing over to any rung of a model-provider chain keeps retrieval working: its embedding model and dimension match the vector index, or a second index is kept for it",
        Severity.Critical, PolicyLevel.Mandatory,
        "give the rung the index's embedding model, or keep a second index embedded with the rung's model (vector-index fallbackIndex)", RuleScope.Plan);

    public static readonly PolicyRule ProviderFallbackDegraded = new(
        "provider-fallback-degraded", "Fallback providers serve with what the primary serves: context window, output tokens, function calling, streaming",
        Severity.Medium, PolicyLevel.Advisory,
        "pick a fallback model with the primary's capabilities, or accept the degradation and tell users (it is in the plan)", RuleScope.Plan);

    public static readonly PolicyRule ProviderRungsDistinct = new(
        "provider-rungs-distinct", "No two rungs of a model-provider chain share provider and region: one outage would take both",
        Severity.High, PolicyLevel.Advisory,
        "move the rung to another region or provider, or drop it", RuleScope.Plan);

    public static readonly PolicyRule AzureOpenAiQuota = new(
        "azure-openai-quota", "The plan's Azure OpenAI deployments fit the default quota of each location, model and deployment type",
        Severity.Medium, PolicyLevel.Advisory,
        "lower chatCapacity/embeddingCapacity, or request more quota for that location, model and deployment type before deploying", RuleScope.Plan);

    public static readonly PolicyRule AzureOpenAiVersionPinned = new(
        "azure-openai-version-pinned", "Every Azure OpenAI deployment of a chain names its model version, so the fallback the plan judged is the one deployed and stays so",
        Severity.High, PolicyLevel.Mandatory,
        "set chatModelVersion (and embeddingModelVersion) on the rung to the version the plan should judge; DrKit deploys it with automatic upgrades off", RuleScope.Plan);

    public static readonly PolicyRule ReplicationNeedsVersioning = new(
        "replication-needs-versioning", "A replicated bucket has versioning enabled, declared before its replication configuration", Severity.High, PolicyLevel.Mandatory,
        "declare a BucketVersioning with status Enabled for the bucket before its BucketReplicationConfig", RuleScope.Resource);

    public static readonly PolicyRule EncryptionAtRestKms = new(
        "encryption-at-rest-kms", "Buckets (aws:kms SSE), caches (at-rest encryption with a KMS key) and databases (storage encryption) are encrypted with KMS",
        Severity.High, PolicyLevel.Mandatory, "use sseAlgorithm aws:kms with a KMS key; atRestEncryptionEnabled with kmsKeyId; storageEncrypted (and kmsKeyId for cross-region replicas)", RuleScope.Resource);

    public static readonly PolicyRule PublicAccessBlocked = new(
        "public-access-blocked", "Bucket public access blocks set all four flags", Severity.Critical, PolicyLevel.Mandatory,
        "set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true", RuleScope.Resource);

    public static readonly PolicyRule TlsOnlyBucketPolicy = new(
        "tls-only-bucket-policy", "Bucket policies deny requests without TLS (Deny when aws:SecureTransport is false)", Severity.Medium, PolicyLevel.Mandatory,
        "add a Deny statement for all principals and actions with condition Bool aws:SecureTransport = false", RuleScope.Resource);

    public static readonly PolicyRule EcrReplicaMatchesSource = new(
        "ecr-replica-matches-source", "ECR repositories of the same name in different regions share tag mutability, scan on push and encryption", Severity.Medium, PolicyLevel.Mandatory,
        "give the destination repository the source's imageTagMutability, imageScanningConfiguration and encryptionConfigurations", RuleScope.Resource);

    public static readonly PolicyRule RolePolicyNoWildcards = new(
        "replication-role-no-wildcards", "Role policies allow no wildcard actions (* or service:*) and no wildcard resources (*), except * for actions IAM authorizes on no resource (cloudwatch:PutMetricData, s3:ListAllMyBuckets)", Severity.High, PolicyLevel.Mandatory,
        "list the replication actions (s3:Replicate*, s3:GetObjectVersionForReplication, ...) and the bucket ARNs explicitly", RuleScope.Resource);

    public static readonly PolicyRule SecretsNotPlaintext = new(
        "secrets-not-plaintext", "Passwords and tokens (RDS password, ElastiCache auth token, object-lock tokens) are secret values", Severity.Critical, PolicyLevel.Mandatory,
        "pass the value as a secret (Output.CreateSecret, config --secret, RandomPassword) or let AWS manage it (manageMasterUserPassword)", RuleScope.Resource);

    public static readonly IReadOnlyList<PolicyRule> All =
    [
        KnownRuleIds, ObjectivesDeclared, ObjectivesWithinTarget, CriticalNotBackupRestore, RecoveryRegionDistinct, RegionsInJurisdiction,
        GpuRecoveryCapacity, GpuReservationPosture, PitrRetention, RelatedRecoveryPoints, ImmutableBackups, DrillRecency,
        ProviderFailoverKeepsRetrieval, ProviderFallbackDegraded, ProviderRungsDistinct, AzureOpenAiQuota, AzureOpenAiVersionPinned,
        ReplicationNeedsVersioning, EncryptionAtRestKms, PublicAccessBlocked, TlsOnlyBucketPolicy, EcrReplicaMatchesSource, RolePolicyNoWildcards, SecretsNotPlaintext,
        .. Platforms.Kubernetes.KubernetesRules.All,
        .. Platforms.Azure.AzureRules.All,
    ];

    public static PolicyRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
