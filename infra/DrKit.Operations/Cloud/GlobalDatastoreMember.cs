using System.Text.Json;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Cloud;

/// <summary>The member of a Redis component's Global Datastore that should hold the writer: its region and replication group.</summary>
public sealed record GlobalDatastoreMember(string Component, string GlobalDatastoreId, string Region, string ReplicationGroupId)
{
    /// <summary>
    /// Reads the ids from the stack's outputs <c>redisGlobalDatastoreIds</c> (component -> id) and
    /// <c>redisReplicationGroupIds</c> (component -> region -> replication group id).
    /// </summary>
    /// <exception cref="StackCommandFailedException">An output or an entry is missing; the message names it.</exception>
    public static GlobalDatastoreMember From(StackOutputs outputs, string stack, string component, string region)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var globalId = Entry(outputs, stack, OperationsOutputNames.RedisGlobalDatastoreIds, component, null)
            ?? throw Missing(stack, $"{OperationsOutputNames.RedisGlobalDatastoreIds}[{component}]", "the Global Datastore id");
        var group = Entry(outputs, stack, OperationsOutputNames.RedisReplicationGroupIds, component, region)
            ?? throw Missing(stack, $"{OperationsOutputNames.RedisReplicationGroupIds}[{component}][{region}]", $"the replication group in {region}");
        return new GlobalDatastoreMember(component, globalId, region, group);
    }

    /// <summary>Every Global Datastore id in the stack's <c>redisGlobalDatastoreIds</c> output (none when it is absent or unreadable).</summary>
    public static IReadOnlySet<string> AllIds(StackOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (outputs.Text(OperationsOutputNames.RedisGlobalDatastoreIds) is not { } json)
        {
            return ids;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                ids.UnionWith(document.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 })
                    .Select(p => p.Value.GetString()!));
            }
        }
        catch (JsonException)
        {
            // Unreadable means no ids to compare against; the drill's own output is parsed strictly elsewhere.
        }

        return ids;
    }

    private static string? Entry(StackOutputs outputs, string stack, string output, string component, string? region) =>
        OutputMap.Entry(outputs, stack, output, component, region);

    private static StackCommandFailedException Missing(string stack, string what, string meaning) => new(
        $"Stack {stack} does not export {what} ({meaning}), so the Global Datastore primary cannot be switched. " +
        "Deploy the stack with a DrKit version that exports it. The Global Datastore was not changed.");
}
