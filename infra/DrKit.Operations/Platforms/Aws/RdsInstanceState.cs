using System.Text.Json;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>What <c>describe-db-instances</c> says about one instance: the role and state DrKit decides on.</summary>
/// <param name="Status">DBInstanceStatus, e.g. <c>available</c>, <c>modifying</c>, <c>rebooting</c>.</param>
/// <param name="ReplicationSource">ReadReplicaSourceDBInstanceIdentifier; null once the instance is a standalone writer.</param>
/// <param name="SecurityGroups">VPC security group id -> its status (<c>active</c>, <c>adding</c>, <c>removing</c>).</param>
public sealed record RdsInstanceState(string Status, string? ReplicationSource, string InstanceClass, IReadOnlyDictionary<string, string> SecurityGroups)
{
    public const string Available = "available";

    /// <summary>DBInstanceArn: a cross-region replica names its source by it.</summary>
    public string? Arn { get; init; }

    /// <summary>Endpoint.Address: the DNS name clients connect to; absent while RDS is still creating the instance.</summary>
    public string? Address { get; init; }

    /// <summary>KmsKeyId of the instance's storage (a cross-region replica needs a key of its own region).</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>DBSubnetGroup.DBSubnetGroupName: the network a re-seeded replica in the same region is placed in.</summary>
    public string? SubnetGroup { get; init; }

    /// <summary>DBParameterGroups[0].DBParameterGroupName: the parameter group the instance is associated with.</summary>
    public string? ParameterGroup { get; init; }

    /// <summary>DBParameterGroups[0].ParameterApplyStatus: <c>applying</c>, <c>pending-reboot</c>, <c>in-sync</c>, <c>failed-to-apply</c>
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBParameterGroupStatus.html).</summary>
    public string? ParameterApplyStatus { get; init; }

    /// <summary>TagList as Key -> Value.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>MultiAZ: a standby in a second Availability Zone.</summary>
    public bool MultiAz { get; init; }

    /// <summary>DeletionProtection: RDS refuses to delete the instance while it is on.</summary>
    public bool DeletionProtection { get; init; }

    /// <summary>CopyTagsToSnapshot: snapshots of the instance carry its tags.</summary>
    public bool CopyTagsToSnapshot { get; init; }

    /// <summary>
    /// States an instance being created does not leave by itself: RDS needs the cause fixed (a parameter, network,
    /// key or storage problem) or the instance is going away
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html#Overview.DBInstance.Status).
    /// </summary>
    public static readonly IReadOnlySet<string> Stuck = new HashSet<string>(StringComparer.Ordinal)
    {
        "failed", "incompatible-network", "incompatible-option-group", "incompatible-parameters", "incompatible-restore",
        "inaccessible-encryption-credentials", "inaccessible-encryption-credentials-recoverable", "restore-error", "storage-full",
        "deleting", "stopped", "stopping",
    };

    /// <summary>Whether waiting will not make the instance available (<see cref="Stuck"/>).</summary>
    public bool IsStuck => Stuck.Contains(Status);

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
            groups)
        {
            Arn = AwsCli.Text(db, "DBInstanceArn"),
            KmsKeyId = AwsCli.Text(db, "KmsKeyId"),
            Address = db.TryGetProperty("Endpoint", out var endpoint) ? AwsCli.Text(endpoint, "Address") : null,
            SubnetGroup = db.TryGetProperty("DBSubnetGroup", out var subnets) ? AwsCli.Text(subnets, "DBSubnetGroupName") : null,
            ParameterGroup = AwsCli.Items(db, "DBParameterGroups").Select(g => AwsCli.Text(g, "DBParameterGroupName")).FirstOrDefault(),
            ParameterApplyStatus = AwsCli.Items(db, "DBParameterGroups").Select(g => AwsCli.Text(g, "ParameterApplyStatus")).FirstOrDefault(),
            Tags = AwsCli.Items(db, "TagList").Where(t => AwsCli.Text(t, "Key") is not null)
                .GroupBy(t => AwsCli.Text(t, "Key")!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => AwsCli.Text(g.Last(), "Value") ?? string.Empty, StringComparer.Ordinal),
            MultiAz = Flag(db, "MultiAZ"),
            DeletionProtection = Flag(db, "DeletionProtection"),
            CopyTagsToSnapshot = Flag(db, "CopyTagsToSnapshot"),
        };
    }

    private static bool Flag(JsonElement db, string name) => db.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
