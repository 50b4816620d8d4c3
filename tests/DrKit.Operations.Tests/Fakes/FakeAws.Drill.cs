using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>The copies a drill stack restored, as describe-db-instances and describe-replication-groups report them.</summary>
internal sealed partial class FakeAws
{
    public const string RestoredInstance = "pilot-light-drill-context-store";
    public const string RestoredGroup = "pilot-light-drill-session-cache";

    /// <summary>Restored copy id -> status; the probe passes once each reads "available".</summary>
    public Dictionary<string, string> Restored { get; } = new(StringComparer.Ordinal)
    {
        [RestoredInstance] = "available",
        [RestoredGroup] = "available",
    };

    /// <summary>Restored copies that report "creating" for this many describe calls before their status.</summary>
    public int DescribesWhileCreating { get; set; }

    private bool IsRestored(IReadOnlyList<string> arguments, string option) => Restored.ContainsKey(Value(arguments, option));

    private CloudCommandResult DescribeRestored(IReadOnlyList<string> arguments, bool rds)
    {
        var id = Value(arguments, rds ? "--db-instance-identifier" : "--replication-group-id");
        var status = DescribesWhileCreating-- > 0 ? "creating" : Restored[id];
        return Ok(rds
            ? JsonSerializer.Serialize(new { DBInstances = new[] { new { DBInstanceIdentifier = id, DBInstanceStatus = status } } })
            : JsonSerializer.Serialize(new { ReplicationGroups = new[] { new { ReplicationGroupId = id, Status = status } } }));
    }
}
