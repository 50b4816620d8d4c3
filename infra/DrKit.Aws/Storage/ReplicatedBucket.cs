using System.Collections.Immutable;
using DrKit.Core.Planning;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Storage;

/// <summary>
/// A versioned, KMS-encrypted, private, TLS-only bucket in the primary region and, when the plan replicates it,
/// its replica in each recovery region, with cross-region replication (RTC when planned), lifecycle tiers and
/// optional object lock. Used for WAL archives, model artifacts, vector-index data and offline features.
/// </summary>
public sealed class ReplicatedBucket : ComponentResource
{
    public const string TypeToken = "drkit:storage:ReplicatedBucket";

    public ReplicatedBucket(string name, ReplicatedBucketArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var providers = args.Providers;
        var regions = new[] { providers.PrimaryRegion }.Concat(s.Replicate ? providers.RecoveryRegions : []).ToList();
        var parts = regions.ToDictionary(r => r, r => RegionalBucketParts.Create(this, name, r, args), StringComparer.Ordinal);
        Parts = parts;
        var source = parts[providers.PrimaryRegion];

        if (regions.Count > 1)
        {
            var replicas = regions.Skip(1).Select(r => parts[r]).ToList();
            var role = new PulumiAws.Iam.Role($"{name}-replication", new PulumiAws.Iam.RoleArgs
            {
                Description = $"S3 replication of the {s.Purpose} bucket of {args.Component}",
                AssumeRolePolicy = PolicyDocuments.TrustService("s3.amazonaws.com"),
                Tags = args.Tags.For(args.Component, "replication"),
            }, new CustomResourceOptions { Parent = this, Provider = providers.Primary });

            var policy = ReplicationPolicy.Json(source, replicas);
            var rolePolicy = new PulumiAws.Iam.RolePolicy($"{name}-replication", new PulumiAws.Iam.RolePolicyArgs
            {
                Role = role.Name,
                Policy = policy,
            }, new CustomResourceOptions { Parent = this, Provider = providers.Primary });

            var rules = new InputList<PulumiAws.S3.Inputs.BucketReplicationConfigRuleArgs>();
            var priority = 1;
            foreach (var replica in replicas)
            {
                rules.Add(BucketRules.Replication(s, replica.Bucket.Arn, replica.Key.Arn, priority++));
            }

            // S3 refuses a replication configuration until versioning is on at both ends, and replication fails
            // until the role can act: order all of it explicitly.
            Replication = new PulumiAws.S3.BucketReplicationConfig($"{name}-replication", new PulumiAws.S3.BucketReplicationConfigArgs
            {
                Bucket = source.Bucket.Id,
                Role = role.Arn,
                Rules = rules,
            }, providers.In(providers.PrimaryRegion, this, [source.Versioning, .. replicas.Select(r => r.Versioning), rolePolicy]));
            ReplicationRoleArn = role.Arn;
        }
        else
        {
            ReplicationRoleArn = Output.Create(string.Empty);
        }

        SourceBucketName = source.Bucket.Id;
        SourceBucketArn = source.Bucket.Arn;
        SourceKeyArn = source.Key.Arn;
        BucketNames = OutputMaps.Of(parts.ToDictionary(p => p.Key, p => p.Value.Bucket.Id, StringComparer.Ordinal));
        BucketArns = OutputMaps.Of(parts.ToDictionary(p => p.Key, p => p.Value.Bucket.Arn, StringComparer.Ordinal));
        KeyArns = OutputMaps.Of(parts.ToDictionary(p => p.Key, p => p.Value.Key.Arn, StringComparer.Ordinal));
        RegisterOutputs();
    }

    /// <summary>The bucket, key and sub-resources per region (primary first).</summary>
    public IReadOnlyDictionary<string, RegionalBucketParts> Parts { get; }

    /// <summary>The replication configuration; null when the plan keeps the bucket in one region.</summary>
    public PulumiAws.S3.BucketReplicationConfig? Replication { get; }

    [Output("sourceBucketName")]
    public Output<string> SourceBucketName { get; }

    [Output("sourceBucketArn")]
    public Output<string> SourceBucketArn { get; }

    [Output("sourceKeyArn")]
    public Output<string> SourceKeyArn { get; }

    /// <summary>Region -> bucket name.</summary>
    [Output("bucketNames")]
    public Output<ImmutableDictionary<string, string>> BucketNames { get; }

    [Output("bucketArns")]
    public Output<ImmutableDictionary<string, string>> BucketArns { get; }

    /// <summary>Region -> KMS key ARN encrypting that region's bucket.</summary>
    [Output("keyArns")]
    public Output<ImmutableDictionary<string, string>> KeyArns { get; }

    /// <summary>The replication role's ARN; empty when nothing is replicated.</summary>
    [Output("replicationRoleArn")]
    public Output<string> ReplicationRoleArn { get; }
}
