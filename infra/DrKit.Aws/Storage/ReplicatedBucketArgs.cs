using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws.Storage;

/// <summary>What a <see cref="ReplicatedBucket"/> declares: the planned settings and where.</summary>
public sealed class ReplicatedBucketArgs : ResourceArgs
{
    public required BucketSettings Settings { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }

    /// <summary>The plan component the bucket belongs to (tags and names).</summary>
    public required string Component { get; init; }
}
