using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// Failback's precondition for a Managed Redis tier: the primary region's member is linked to the survivor again. A
/// force-unlinked member is not re-joined by DrKit: Microsoft's way back is to delete the affected cache and recreate it
/// into the group (or force-link it, which discards the joining database's data), and a member that kept running may
/// hold writes a person must decide about. Never a flush: it empties every linked cache of the group, the survivor
/// included (https://learn.microsoft.com/azure/redis/how-to-active-geo-replication). So the check reads the survivor's linked
/// databases and, unless the primary member is Linked, refuses with the steps to run by hand.
/// </summary>
public static class ManagedRedisReturn
{
    /// <summary>Null when the primary member is Linked in the survivor's group; otherwise why failback refuses, with the steps.</summary>
    public static async Task<string?> BlockerAsync(AzCli az, ManagedRedisPair pair, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(az);
        ArgumentNullException.ThrowIfNull(pair);
        string state;
        try
        {
            var survivor = await az.ReadAsync(AzureCalls.RedisDatabaseShow(pair.RecoveryGroup, pair.RecoveryRegion, pair.RecoveryInstance), ct).ConfigureAwait(false);
            state = Link(survivor, pair.PrimaryInstance) is { } link ? AwsCli.Text(link, "state") ?? "in no state" : "not in the group";
        }
        catch (CloudCommandFailedException e)
        {
            state = $"unreadable ({e.Message})";
        }

        return state == "Linked"
            ? null
            : $"{pair.Component}: {pair.PrimaryInstance} in {pair.PrimaryRegion} is {state} in {pair.RecoveryInstance}'s geo-replication group; re-link it by hand first: {Runbook(pair)}";
    }

    /// <summary>The re-link steps of the runbook, with the exact command.</summary>
    public static string Runbook(ManagedRedisPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return $"never flush (a flush empties every linked cache, {pair.RecoveryInstance} included); delete {pair.PrimaryInstance} and let 'pulumi up' recreate it into the group, " +
            $"or `az redisenterprise database force-link-to-replication-group --cluster-name {pair.PrimaryInstance} --resource-group {pair.PrimaryGroup} --group-nickname <group> " +
            $"--linked-databases id=<id of the {pair.PrimaryRegion} database> --linked-databases id=<id of the {pair.RecoveryRegion} database>` (discards {pair.PrimaryInstance}'s data), " +
            $"and wait until {pair.RecoveryInstance} lists it Linked";
    }

    /// <summary>The survivor's link to <paramref name="primaryInstance"/>, matched by the instance name in its resource id.</summary>
    internal static System.Text.Json.JsonElement? Link(System.Text.Json.JsonElement database, string primaryInstance) =>
        database.ValueKind == System.Text.Json.JsonValueKind.Object && database.TryGetProperty("geoReplication", out var geo)
            ? AwsCli.Items(geo, "linkedDatabases").Cast<System.Text.Json.JsonElement?>()
                .FirstOrDefault(l => AwsCli.Text(l!.Value, "id") is { } id && id.Contains($"/redisEnterprise/{primaryInstance}/", StringComparison.OrdinalIgnoreCase))
            : null;
}
