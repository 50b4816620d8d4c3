using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws.Data;

public sealed class RedisDrArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required RedisSettings Settings { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}
