using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws.Data;

public sealed class PostgresDrArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required PostgresSettings Settings { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}
