using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>A destination storage account of object replication, in the recovery region.</summary>
public sealed record ReplicatedAccount(string Component, string Group, string Region, string Account);

/// <summary>
/// Lets the recovery region's replicated containers take writes: object replication keeps a destination container
/// read-only ("write operations to the destination container are not permitted", 409) until its policy is removed
/// (https://learn.microsoft.com/azure/storage/blobs/object-replication-overview). Each policy is deleted on the
/// destination account only, in the recovery region; the source side, in the failed region, is left as it is (it
/// replicates to nothing once the destination policy is gone, and failback declares the reverse policy).
/// </summary>
public sealed class BlobReplicationUnlock(AzCli az, IReadOnlyList<ReplicatedAccount> accounts)
{
    /// <summary>Deletes every replication policy on each destination account and reads the account back; returns what it did.</summary>
    public async Task<string> UnlockAsync(CancellationToken ct)
    {
        var done = new List<string>();
        foreach (var a in accounts)
        {
            var policies = await PoliciesAsync(a, ct).ConfigureAwait(false);
            foreach (var id in policies)
            {
                await az.RunAsync(AzureCalls.DeleteReplicationPolicy(a.Group, a.Region, a.Account, id), ct).ConfigureAwait(false);
            }

            var left = await PoliciesAsync(a, ct).ConfigureAwait(false);
            if (left.Count > 0)
            {
                throw new Cloud.CloudCommandFailedException($"{a.Account} ({a.Component}) still has replication policies {string.Join(", ", left)}: its containers stay read-only");
            }

            done.Add(policies.Count == 0 ? $"{a.Account} ({a.Component}): no replication policy, writable" : $"{a.Account} ({a.Component}): removed {string.Join(", ", policies)}, writable");
        }

        return string.Join("; ", done);
    }

    private async Task<IReadOnlyList<string>> PoliciesAsync(ReplicatedAccount a, CancellationToken ct)
    {
        var reply = await az.ReadAsync(AzureCalls.ReplicationPolicies(a.Group, a.Region, a.Account), ct).ConfigureAwait(false);
        var items = reply.ValueKind == System.Text.Json.JsonValueKind.Array ? reply.EnumerateArray() : Enumerable.Empty<System.Text.Json.JsonElement>();
        return [.. items.Select(p => AwsCli.Text(p, "policyId") ?? AwsCli.Text(p, "name")).OfType<string>()];
    }
}
