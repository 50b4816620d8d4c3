using System.Text.Json;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>What <c>describe-db-instances</c> says about one instance: the role and state DrKit decides on.</summary>
/// <param name="Status">DBInstanceStatus, e.g. <c>available</c>, <c>modifying</c>, <c>rebooting</c>.</param>
/// <param name="ReplicationSource">ReadReplicaSourceDBInstanceIdentifier; null once the instance is a standalone writer.</param>
/// <param name="SecurityGroups">VPC security group id -> its status (<c>active</c>, <c>adding</c>, <c>removing</c>).</param>
public sealed record RdsInstanceState(string Status, string? ReplicationSource, string InstanceClass, IReadOnlyDictionary<string, string> SecurityGroups)
{
    public const string Available = "available";

    /// <summary>A standalone instance is a writer: it has no replication source.</summary>
    public bool IsWriter => ReplicationSource is null;

    /// <summary>Only the fence group is attached and active: no client can open a new session.</summary>
    public bool FencedBy(string fenceGroup) =>
        SecurityGroups.Count == 1 && SecurityGroups.TryGetValue(fenceGroup, out var status) && status == "active";

    public static RdsInstanceState Parse(JsonElement reply, string instance)
    {
        var db = AwsCli.Items(reply, "DBInstances").FirstOrDefault();
        if (db.ValueKind != JsonValueKind.Object)
        {
            throw new Cloud.CloudCommandFailedException($"describe-db-instances returned no instance {instance}.");
        }

        var groups = AwsCli.Items(db, "VpcSecurityGroups")
            .Where(g => AwsCli.Text(g, "VpcSecurityGroupId") is not null)
            .ToDictionary(g => AwsCli.Text(g, "VpcSecurityGroupId")!, g => AwsCli.Text(g, "Status") ?? string.Empty, StringComparer.Ordinal);
        var source = AwsCli.Text(db, "ReadReplicaSourceDBInstanceIdentifier");
        return new RdsInstanceState(
            AwsCli.Text(db, "DBInstanceStatus") ?? "unknown",
            string.IsNullOrEmpty(source) ? null : source,
            AwsCli.Text(db, "DBInstanceClass") ?? string.Empty,
            groups);
    }
}
