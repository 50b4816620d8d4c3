using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>S3 bucket configuration as <c>aws s3api get-bucket-*</c> prints it, per bucket and the region it lives in.</summary>
internal sealed partial class FakeAws
{
    /// <summary>(operation, bucket) -> the JSON S3 returns; a missing replication or lifecycle entry is "none configured".</summary>
    public Dictionary<(string Operation, string Bucket), string> BucketConfig { get; } = [];

    /// <summary>bucket -> its region: a call in another region is answered with S3's redirect error.</summary>
    public Dictionary<string, string> BucketRegions { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every bucket read is refused with this error.</summary>
    public string? BucketError { get; set; }

    private CloudCommandResult BucketConfigAnswer(IReadOnlyList<string> arguments)
    {
        var operation = arguments[1];
        var bucket = Value(arguments, "--bucket");
        if (BucketError is { } error)
        {
            return new CloudCommandResult(254, string.Empty, error);
        }

        if (BucketRegions.TryGetValue(bucket, out var home) && home != Value(arguments, "--region"))
        {
            return new CloudCommandResult(254, string.Empty, $"An error occurred (PermanentRedirect) when calling the {operation} operation: the bucket is in {home}");
        }

        if (BucketConfig.TryGetValue((operation, bucket), out var json))
        {
            return new CloudCommandResult(0, json, string.Empty);
        }

        return operation switch
        {
            "get-bucket-versioning" => new CloudCommandResult(0, "{}", string.Empty),
            // Since January 2023 every bucket encrypts with SSE-S3 at least: S3 answers that rather than "none configured".
            "get-bucket-encryption" => new CloudCommandResult(0, """{"ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BucketKeyEnabled":false}]}}""", string.Empty),
            "get-bucket-replication" => new CloudCommandResult(254, string.Empty,
                "An error occurred (ReplicationConfigurationNotFoundError) when calling the GetBucketReplication operation: The replication configuration was not found"),
            _ => new CloudCommandResult(254, string.Empty,
                "An error occurred (NoSuchLifecycleConfiguration) when calling the GetBucketLifecycleConfiguration operation: The lifecycle configuration does not exist"),
        };
    }
}
