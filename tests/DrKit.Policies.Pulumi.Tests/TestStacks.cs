using Pulumi;
using Aws = Pulumi.Aws;

namespace DrKit.Policies.Pulumi.Tests;

/// <summary>A bucket encrypted with S3-managed keys (AES256): encryption-at-rest-kms is violated.</summary>
public sealed class Aes256BucketStack : Stack
{
    public Aes256BucketStack()
        : base(new StackOptions { ResourceTransformations = { PolicyTransformation.ForPlan(TestPlan.Current) } })
    {
        _ = new Aws.S3.BucketServerSideEncryptionConfiguration("models-sse", new Aws.S3.BucketServerSideEncryptionConfigurationArgs
        {
            Bucket = "models-bucket",
            Rules =
            {
                new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleArgs
                {
                    ApplyServerSideEncryptionByDefault = new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
                    {
                        SseAlgorithm = "AES256",
                    },
                },
            },
        });
    }
}

/// <summary>A public access block that leaves public ACLs allowed: public-access-blocked is violated.</summary>
public sealed class OpenBucketStack : Stack
{
    public OpenBucketStack()
        : base(new StackOptions { ResourceTransformations = { PolicyTransformation.ForPlan(TestPlan.Current) } })
    {
        _ = new Aws.S3.BucketPublicAccessBlock("models-pab", new Aws.S3.BucketPublicAccessBlockArgs
        {
            Bucket = "models-bucket",
            BlockPublicAcls = false,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        });
    }
}

/// <summary>A KMS-encrypted bucket with every public access flag set: nothing to report.</summary>
public sealed class CompliantBucketStack : Stack
{
    public CompliantBucketStack()
        : base(new StackOptions { ResourceTransformations = { PolicyTransformation.ForPlan(TestPlan.Current) } })
    {
        var bucket = new Aws.S3.Bucket("models", new Aws.S3.BucketArgs { BucketName = "models-bucket" });
        _ = new Aws.S3.BucketServerSideEncryptionConfiguration("models-sse", new Aws.S3.BucketServerSideEncryptionConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleArgs
                {
                    ApplyServerSideEncryptionByDefault = new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
                    {
                        SseAlgorithm = "aws:kms",
                        KmsMasterKeyId = "arn:aws:kms:us-east-1:123456789012:key/test",
                    },
                },
            },
        });
        _ = new Aws.S3.BucketPublicAccessBlock("models-pab", new Aws.S3.BucketPublicAccessBlockArgs
        {
            Bucket = bucket.Id,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        });
    }
}
