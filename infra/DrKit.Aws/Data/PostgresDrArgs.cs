using DrKit.Core.Operations;
using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws.Data;

public sealed class PostgresDrArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required PostgresSettings Settings { get; init; }

    /// <summary>Fence, promotion and writer region decided from the drkit-ops config.</summary>
    public required DataTierState Tier { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}
