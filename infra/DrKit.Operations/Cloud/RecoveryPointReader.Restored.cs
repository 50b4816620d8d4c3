using System.Text.Json;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Operations.Cloud;

/// <summary>A restored copy's state as the service reports it.</summary>
public sealed record RestoredState(bool Available, string Detail);

/// <summary>The drill's probe of what it restored: the state RDS and ElastiCache report for the copy, never an output the stack echoes.</summary>
public sealed partial class RecoveryPointReader
{
    /// <summary>The describe call for a restored copy, its id named by the drill-stack output when <paramref name="id"/> is null (dry runs).</summary>
    public static IReadOnlyList<string> RestoredArguments(TierRestore tier, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var name = id ?? $"<{DrillRestore.RestoredIdOutput(tier.Component)}>";
        return tier.Kind switch
        {
            RestoreKind.RdsPointInTime => ["rds", "describe-db-instances", "--db-instance-identifier", name, "--region", tier.Region, "--output", "json"],
            RestoreKind.FlexibleServerGeoRestore or RestoreKind.FlexibleServerPointInTime => ["postgres", "flexible-server", "show", "--ids", name, "--output", "json"],
            RestoreKind.RedisSnapshot => ["elasticache", "describe-replication-groups", "--replication-group-id", name, "--region", tier.Region, "--output", "json"],
            _ => [],
        };
    }

    /// <summary>The tagging-API call that lists what still carries the drill stack's tag in the drill region
    /// (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html).</summary>
    public static IReadOnlyList<string> LeftoverArguments(string drillStack, string region, bool azure = false) => azure
        ? ["resource", "list", "--tag", $"{AwsNames.StackTagKey}={drillStack}", "--query", "[].id", "--output", "json"]
        : ["resourcegroupstaggingapi", "get-resources", "--region", region, "--tag-filters", $"Key={AwsNames.StackTagKey},Values={drillStack}",
            "--query", "ResourceTagMappingList[].ResourceARN", "--output", "json"];

    /// <summary>
    /// ARNs in <paramref name="region"/> still tagged with <paramref name="drillStack"/>: after a deployment cut mid-create,
    /// what the destroy could not see. The tagging API can list a deleted resource for a while, so a hit is "check and
    /// delete", never silently ignored; an empty list is the all-clear.
    /// </summary>
    /// <exception cref="CloudCommandFailedException">The call failed or printed nothing DrKit can read.</exception>
    public async Task<IReadOnlyList<string>> ReadLeftoversAsync(string drillStack, string region, CancellationToken ct, bool azure = false)
    {
        using var json = await RunJsonAsync(azure ? AzureProgram : Program, LeftoverArguments(drillStack, region, azure), ct).ConfigureAwait(false);
        var root = json.RootElement;
        return root.ValueKind == JsonValueKind.Array
            ? [.. root.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
    }

    /// <summary>Whether the restored copy <paramref name="id"/> is available
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html DBInstanceStatus,
    /// https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReplicationGroups.html Status).</summary>
    /// <exception cref="CloudCommandFailedException">The call failed or printed nothing DrKit can read.</exception>
    public async Task<RestoredState> ReadRestoredAsync(TierRestore tier, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var arguments = RestoredArguments(tier, id);
        if (arguments.Count == 0)
        {
            return new RestoredState(false, $"{tier.Component}: nothing restored to probe");
        }

        using var json = await RunJsonAsync(ProgramOf(tier), arguments, ct).ConfigureAwait(false);
        if (OnAzure(tier))
        {
            return FlexibleRestored(json.RootElement, id);
        }

        var (list, field) = tier.Kind == RestoreKind.RdsPointInTime ? ("DBInstances", "DBInstanceStatus") : ("ReplicationGroups", "Status");
        var status = Latest(json.RootElement, list)
            .Select(e => e.TryGetProperty(field, out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null)
            .FirstOrDefault(s => s is not null);
        return status is null
            ? new RestoredState(false, $"{id}: not found in {tier.Region}")
            : new RestoredState(status == "available", $"{id}: {status}");
    }
}
