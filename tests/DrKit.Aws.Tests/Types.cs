namespace DrKit.Aws.Tests;

/// <summary>Pulumi type tokens as the mocks see them.</summary>
internal static class Types
{
    public const string Provider = "pulumi:providers:aws";
    public const string Bucket = "aws:s3/bucket:Bucket";
    public const string Versioning = "aws:s3/bucketVersioning:BucketVersioning";
    public const string Encryption = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
    public const string PublicAccess = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    public const string BucketPolicy = "aws:s3/bucketPolicy:BucketPolicy";
    public const string Replication = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
    public const string Lifecycle = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
    public const string ObjectLock = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
    public const string Role = "aws:iam/role:Role";
    public const string RolePolicy = "aws:iam/rolePolicy:RolePolicy";
    public const string DbInstance = "aws:rds/instance:Instance";
    public const string BackupReplication = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
    public const string ParameterGroup = "aws:rds/parameterGroup:ParameterGroup";
    public const string ReplicationGroup = "aws:elasticache/replicationGroup:ReplicationGroup";
    public const string GlobalReplicationGroup = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
    public const string CapacityReservation = "aws:ec2/capacityReservation:CapacityReservation";
    public const string Repository = "aws:ecr/repository:Repository";
    public const string EcrReplication = "aws:ecr/replicationConfiguration:ReplicationConfiguration";
    public const string Table = "aws:dynamodb/table:Table";
    public const string HealthCheck = "aws:route53/healthCheck:HealthCheck";
    public const string Record = "aws:route53/record:Record";
    public const string ArcCluster = "aws:route53recoverycontrol/cluster:Cluster";
    public const string ControlPanel = "aws:route53recoverycontrol/controlPanel:ControlPanel";
    public const string RoutingControl = "aws:route53recoverycontrol/routingControl:RoutingControl";
    public const string SafetyRule = "aws:route53recoverycontrol/safetyRule:SafetyRule";
    public const string SecurityGroup = "aws:ec2/securityGroup:SecurityGroup";
    public const string LaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate";
    public const string AutoScalingGroup = "aws:autoscaling/group:Group";
    public const string Topic = "aws:sns/topic:Topic";
    public const string MetricAlarm = "aws:cloudwatch/metricAlarm:MetricAlarm";
    public const string Canary = "aws:synthetics/canary:Canary";
    public const string Function = "aws:lambda/function:Function";
    public const string LambdaPermission = "aws:lambda/permission:Permission";
    public const string EventRule = "aws:cloudwatch/eventRule:EventRule";
    public const string EventTarget = "aws:cloudwatch/eventTarget:EventTarget";

    public const string FunctionEventInvokeConfig = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
    public const string LogGroup = "aws:cloudwatch/logGroup:LogGroup";
    public const string Subscription = "aws:sns/topicSubscription:TopicSubscription";
    public const string KmsKey = "aws:kms/key:Key";
    public const string KeyPolicy = "aws:kms/keyPolicy:KeyPolicy";
    public const string BucketObject = "aws:s3/bucketObjectv2:BucketObjectv2";
}
