using Pulumi;

namespace DrKit.Aws.Storage;

/// <summary>
/// The replication role's permissions, no wider than S3 replication needs: read the source's configuration and
/// object versions (with their lock state), write replicas into the destinations, decrypt with the source key
/// and encrypt with each destination key. Every action is named; every resource is one of the buckets or keys.
/// </summary>
public static class ReplicationPolicy
{
    public static readonly IReadOnlyList<string> SourceBucketActions = ["s3:GetReplicationConfiguration", "s3:ListBucket"];

    public static readonly IReadOnlyList<string> SourceObjectActions =
        ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"];

    public static readonly IReadOnlyList<string> DestinationObjectActions = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"];

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
            new PolicyStatement("EncryptReplicas", "Allow", ["kms:Encrypt"], replicaKeyArns));
}
