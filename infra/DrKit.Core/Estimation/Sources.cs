namespace DrKit.Core.Estimation;

/// <summary>
/// Where the figures of <see cref="Assumptions"/> come from, one constant per source, so every term of an estimate
/// names its source and a reader can open it. "Seed" sources are the DR articles DrKit is built from.
/// </summary>
internal static class Sources
{
    public const string DrKitAssumption = "DrKit assumption (no published figure; drills check it)";

    /// <summary>The AWS DR whitepaper: backup and restore RPO/RTO in hours, pilot light tens of minutes, warm standby minutes, multi-site near zero.</summary>
    public const string AwsDrWhitepaper = "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html";

    public const string SeedContextDr = "seed: Disaster Recovery Planning for Enterprise Context Systems";

    public const string SeedAiDr = "seed: DR for AI systems (RTO/RPO tiers, strategy table)";

    /// <summary>"The promotion process can take several minutes or longer to complete, depending on the size of the read replica."</summary>
    public const string RdsPromote = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html";

    /// <summary>RDS uploads transaction logs to S3 every five minutes; LatestRestorableTime trails by about that.</summary>
    public const string RdsPitr = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html";

    /// <summary>Cross-region automated backup replication: no published time bound.</summary>
    public const string RdsBackupReplication = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html";

    /// <summary>A class change takes the instance down while it runs.</summary>
    public const string RdsModify = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.DBInstance.Modifying.html";

    /// <summary>ReplicaLag: how far a read replica trails, which asynchronous replication does not bound.</summary>
    public const string RdsReplicaLag = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html";

    /// <summary>S3 Replication Time Control: 99.99 % of objects within 15 minutes, backed by an SLA.</summary>
    public const string S3Rtc = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html";

    /// <summary>S3 replication without RTC: most objects within 15 minutes, some take hours, no bound.</summary>
    public const string S3Replication = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html";

    /// <summary>Restoring archived objects: Glacier Flexible Retrieval standard retrievals take 3-5 hours, Deep Archive within 12.</summary>
    public const string S3ArchiveRestore = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html";

    /// <summary>S3 pricing: RTC data transfer and cross-region replication are billed per GB.</summary>
    public const string S3Pricing = "https://aws.amazon.com/s3/pricing/";

    /// <summary>ECR cross-region replication: most images within 30 minutes, no guarantee, only images pushed after the rule.</summary>
    public const string EcrReplication = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html";

    /// <summary>Global Datastore: lag typically under a second; promoting a secondary is an operator's call.</summary>
    public const string GlobalDatastore = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html";

    /// <summary>A Global Datastore has one CacheNodeType for every member cluster, the secondary included.</summary>
    public const string GlobalDatastoreNodeType = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-globalreplicationgroup.html";

    public const string ElastiCacheBackups = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html";

    /// <summary>Global tables: replication typically within a second.</summary>
    public const string DynamoGlobalTables = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html";

    /// <summary>"LatestRestorableDateTime is typically 5 minutes before the current time."</summary>
    public const string DynamoPitr = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoveryDescription.html";

    /// <summary>Route 53 health checks: interval 10 or 30 s, a failure threshold of consecutive checks.</summary>
    public const string Route53HealthChecks = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html";

    /// <summary>Route 53 publishes health-check metrics, and so alarms on them, in US East (N. Virginia) only.</summary>
    public const string Route53HealthCheckMetrics = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html";

    /// <summary>A Synthetics canary runs at most once a minute: "a frequency between rate(1 minute) and rate(1 hour)".</summary>
    public const string SyntheticsSchedule = "https://docs.aws.amazon.com/AmazonSynthetics/latest/APIReference/API_CanaryScheduleInput.html";

    /// <summary>The AWS CLI gives up on a connection after 60 s by default (cli_connect_timeout).</summary>
    public const string AwsCliTimeouts = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-options.html";

    /// <summary>A capacity reservation is billed at the On-Demand rate whether instances run in it or not.</summary>
    public const string CapacityReservationBilling = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservations-pricing-billing.html";

    /// <summary>Capacity reservations are made in one Availability Zone.</summary>
    public const string CapacityReservations = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html";

    /// <summary>Route 53 ARC routing controls: a data-plane update in one of five regional cluster endpoints.</summary>
    public const string RoutingControls = "https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.update.html";
}
