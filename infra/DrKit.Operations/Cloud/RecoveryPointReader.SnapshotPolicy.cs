using System.Globalization;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Operations.Cloud;

/// <summary>Why a Redis source has no snapshot to restore from, read from its replication group rather than guessed.</summary>
public sealed partial class RecoveryPointReader
{
    /// <summary>The describe call that says whether a Redis source takes automatic snapshots at all.</summary>
    public static IReadOnlyList<string> SnapshotPolicyArguments(TierRestore tier, string source)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return ["elasticache", "describe-replication-groups", "--replication-group-id", source, "--region", tier.Region, "--output", "json"];
    }

    /// <summary>
    /// Says why <paramref name="source"/> has no snapshot yet: a retention limit of 0 means ElastiCache takes no
    /// automatic snapshots of it at all (so a drill of it can never measure a restore), otherwise the first daily
    /// backup has not completed (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html,
    /// SnapshotRetentionLimit and SnapshotWindow in
    /// https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ReplicationGroup.html). AWS does not
    /// document whether a Global Datastore secondary keeps automatic snapshots; this reads what the group reports.
    /// </summary>
    /// <exception cref="CloudCommandFailedException">The call failed or printed nothing DrKit can read.</exception>
    public async Task<string> ExplainNoSnapshotAsync(TierRestore tier, string source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tier);
        using var json = await RunJsonAsync(SnapshotPolicyArguments(tier, source), ct).ConfigureAwait(false);
        var group = Latest(json.RootElement, "ReplicationGroups").FirstOrDefault();
        if (group.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return $"{source} is not a replication group in {tier.Region}";
        }

        var retention = group.TryGetProperty("SnapshotRetentionLimit", out var r) && r.TryGetInt32(out var days) ? days : 0;
        var window = group.TryGetProperty("SnapshotWindow", out var w) ? w.GetString() : null;
        var member = group.TryGetProperty("GlobalReplicationGroupInfo", out var g) && g.TryGetProperty("GlobalReplicationGroupMemberRole", out var role)
            ? $" (Global Datastore {role.GetString()?.ToLowerInvariant()})"
            : string.Empty;
        return retention == 0
            ? $"{source}{member} keeps no automatic snapshots (SnapshotRetentionLimit 0): nothing will ever be restorable there; enable backups on it or restore from another copy"
            : $"{source}{member} keeps automatic snapshots for {retention.ToString(CultureInfo.InvariantCulture)} day(s){(window is null ? string.Empty : $", window {window} UTC")}, none completed yet";
    }
}
