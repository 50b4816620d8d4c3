using Pulumi;

namespace DrKit.Aws.Storage;

/// <summary>
/// The replication role's permissions, no wider than S3 replication needs: read the source's configuration and
/// object versions (with their lock state), write replicas into the destinations, decrypt with the source key
/// and encrypt with each destination key. Every action is named; every resource is one of the buckets or keys.
/// Every bucket has S3 Bucket Keys on, and replicating into a bucket with a Bucket Key needs <c>kms:Decrypt</c> on the
/// replica key as well as <c>kms:Encrypt</c> (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html#bk-replication);
/// the keys' policies delegate to IAM, so the role's own policy must grant it.
/// </summary>
public static class ReplicationPolicy
{
    public static readonly IReadOnlyList<string> SourceBucketActions = ["s3:GetReplicationConfiguration", "s3:ListBucket"];

    public static readonly IReadOnlyList<string> SourceObjectActions =
        ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"];

    public static readonly IReadOnlyList<string> DestinationObjectActions = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"];

    /// <summary>On each replica key: encrypt the replica, and decrypt, which S3 Bucket Keys need for replication.</summary>
    public static readonly IReadOnlyList<string> ReplicaKeyActions = ["kms:Encrypt", "kms:Decrypt"];

    internal static Output<string> Json(RegionalBucketParts source, IReadOnlyList<RegionalBucketParts> replicas)
    {
        var arns = new List<Output<string>> { source.Bucket.Arn, source.Key.Arn };
        foreach (var r in replicas)
        {
            arns.Add(r.Bucket.Arn);
            arns.Add(r.Key.Arn);
        }

        return Output.All(arns).Apply(a =>
        {
            var replicaBuckets = Enumerable.Range(0, replicas.Count).Select(i => a[2 + (2 * i)]).ToList();
            var replicaKeys = Enumerable.Range(0, replicas.Count).Select(i => a[3 + (2 * i)]).ToList();
            return Document(a[0], a[1], replicaBuckets, replicaKeys);
        });
    }

    public static string Document(string sourceBucketArn, string sourceKeyArn, IReadOnlyList<string> replicaBucketArns, IReadOnlyList<string> replicaKeyArns) =>
        PolicyDocuments.Json(
            new PolicyStatement("ReadSourceConfiguration", "Allow", SourceBucketActions, [sourceBucketArn]),
            new PolicyStatement("ReadSourceVersions", "Allow", SourceObjectActions, [$"{sourceBucketArn}/*"]),
            new PolicyStatement("WriteReplicas", "Allow", DestinationObjectActions, replicaBucketArns.Select(b => $"{b}/*").ToList()),
            new PolicyStatement("DecryptSource", "Allow", ["kms:Decrypt"], [sourceKeyArn]),
            new PolicyStatement("EncryptReplicas", "Allow", ReplicaKeyActions, replicaKeyArns));
}
