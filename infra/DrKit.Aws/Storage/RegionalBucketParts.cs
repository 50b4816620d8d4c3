using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Storage;

/// <summary>One region's bucket with its own KMS key, versioning, encryption, public access block, TLS-only
/// policy, lifecycle and (when planned) object lock.</summary>
public sealed record RegionalBucketParts(
    string Region,
    PulumiAws.Kms.Key Key,
    PulumiAws.S3.Bucket Bucket,
    PulumiAws.S3.BucketVersioning Versioning,
    PulumiAws.S3.BucketLifecycleConfiguration Lifecycle,
    PulumiAws.S3.BucketObjectLockConfiguration? ObjectLock)
{
    internal static RegionalBucketParts Create(Resource parent, string name, string region, ReplicatedBucketArgs args)
    {
        var s = args.Settings;
        var p = args.Providers;
        var role = region == p.PrimaryRegion ? "primary" : "replica";
        var prefix = $"{name}-{region}";
        var key = new PulumiAws.Kms.Key($"{prefix}-key", new PulumiAws.Kms.KeyArgs
        {
            Description = $"DrKit {s.Purpose} bucket of {args.Component} ({role}, {region})",
            EnableKeyRotation = true,
            Tags = args.Tags.For(args.Component, role),
        }, p.In(region, parent));

        // Object lock can only be switched on when the bucket is created.
        var bucket = new PulumiAws.S3.Bucket(prefix, new PulumiAws.S3.BucketArgs
        {
            ObjectLockEnabled = s.ObjectLock,
            Tags = args.Tags.For(args.Component, role),
        }, p.In(region, parent));

        var versioning = new PulumiAws.S3.BucketVersioning($"{prefix}-versioning", new PulumiAws.S3.BucketVersioningArgs
        {
            Bucket = bucket.Id,
            VersioningConfiguration = new PulumiAws.S3.Inputs.BucketVersioningVersioningConfigurationArgs { Status = BucketRules.Enabled },
        }, p.In(region, parent));

        _ = new PulumiAws.S3.BucketServerSideEncryptionConfiguration($"{prefix}-encryption", new PulumiAws.S3.BucketServerSideEncryptionConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new PulumiAws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleArgs
                {
                    ApplyServerSideEncryptionByDefault = new PulumiAws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
                    {
                        SseAlgorithm = "aws:kms",
                        KmsMasterKeyId = key.Arn,
                    },
                    // S3 Bucket Keys cut KMS requests (and cost) by orders of magnitude for object-heavy buckets.
                    BucketKeyEnabled = true,
                },
            },
        }, p.In(region, parent));

        var publicAccess = new PulumiAws.S3.BucketPublicAccessBlock($"{prefix}-public-access", new PulumiAws.S3.BucketPublicAccessBlockArgs
        {
            Bucket = bucket.Id,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        }, p.In(region, parent));

        // Applied after the public access block so S3 judges the policy with public access already blocked.
        _ = new PulumiAws.S3.BucketPolicy($"{prefix}-tls-only", new PulumiAws.S3.BucketPolicyArgs
        {
            Bucket = bucket.Id,
            Policy = bucket.Arn.Apply(TlsOnlyPolicy),
        }, p.In(region, parent, publicAccess));

        var lifecycle = new PulumiAws.S3.BucketLifecycleConfiguration($"{prefix}-lifecycle", new PulumiAws.S3.BucketLifecycleConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules = { BucketRules.Lifecycle(s) },
        }, p.In(region, parent, versioning));

        PulumiAws.S3.BucketObjectLockConfiguration? objectLock = null;
        if (s.ObjectLock)
        {
            objectLock = new PulumiAws.S3.BucketObjectLockConfiguration($"{prefix}-object-lock", new PulumiAws.S3.BucketObjectLockConfigurationArgs
            {
                Bucket = bucket.Id,
                ObjectLockEnabled = BucketRules.Enabled,
                Rule = new PulumiAws.S3.Inputs.BucketObjectLockConfigurationRuleArgs
                {
                    DefaultRetention = new PulumiAws.S3.Inputs.BucketObjectLockConfigurationRuleDefaultRetentionArgs
                    {
                        Mode = s.ObjectLockMode,
                        Days = s.ObjectLockDays,
                    },
                },
            }, p.In(region, parent, versioning));
        }

        return new RegionalBucketParts(region, key, bucket, versioning, lifecycle, objectLock);
    }

    /// <summary>Denies every request that does not arrive over TLS, from anyone.</summary>
    public static string TlsOnlyPolicy(string bucketArn) => PolicyDocuments.Json(new PolicyStatement("DenyInsecureTransport", "Deny", ["s3:*"], [bucketArn, $"{bucketArn}/*"])
    {
        AnyPrincipal = true,
        Condition = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["Bool"] = new Dictionary<string, string> { ["aws:SecureTransport"] = "false" },
        },
    });
}
