namespace DrKit.Policies.Resources;

/// <summary>Pulumi.Aws 7.48.0 type tokens the resource rules look at.</summary>
public static class ResourceTypes
{
    public const string Bucket = "aws:s3/bucket:Bucket";
    public const string BucketVersioning = "aws:s3/bucketVersioning:BucketVersioning";
    public const string BucketEncryption = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
    public const string BucketPublicAccessBlock = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    public const string BucketPolicy = "aws:s3/bucketPolicy:BucketPolicy";
    public const string BucketReplicationConfig = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
    public const string BucketObjectLockConfiguration = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
    public const string ReplicationGroup = "aws:elasticache/replicationGroup:ReplicationGroup";
    public const string RdsInstance = "aws:rds/instance:Instance";
    public const string EcrRepository = "aws:ecr/repository:Repository";
    public const string RolePolicy = "aws:iam/rolePolicy:RolePolicy";
}
