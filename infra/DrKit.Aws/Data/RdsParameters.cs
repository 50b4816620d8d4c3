using System.Collections.Immutable;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

/// <summary>
/// Which planned PostgreSQL settings an RDS parameter group accepts, and how they apply. RDS manages the rest
/// itself: <c>wal_level</c> follows <c>rds.logical_replication</c> (replica by default, which is what DrKit plans),
/// <c>archive_mode</c> is always on (RDS archives WAL for its own point-in-time recovery), and
/// <c>synchronous_standby_names</c> is not exposed (RDS read replicas are asynchronous).
/// </summary>
public static class RdsParameters
{
    public const string Immediate = "immediate";
    public const string PendingReboot = "pending-reboot";

    /// <summary>Parameter -> apply method (static parameters only take effect after a reboot).</summary>
    public static readonly ImmutableDictionary<string, string> Accepted = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["archive_timeout"] = Immediate,
        ["wal_keep_size"] = Immediate,
        ["max_wal_senders"] = PendingReboot,
        ["synchronous_commit"] = Immediate,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public static IEnumerable<PulumiAws.Rds.Inputs.ParameterGroupParameterArgs> For(IReadOnlyDictionary<string, string> planned) =>
        planned.Where(p => Accepted.ContainsKey(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PulumiAws.Rds.Inputs.ParameterGroupParameterArgs { Name = p.Key, Value = p.Value, ApplyMethod = Accepted[p.Key] });

    /// <summary>A parameter group of the settings's family with the planned parameters RDS accepts (no fence): what every
    /// writer of the component runs with, a drill's restored copy among them.</summary>
    public static PulumiAws.Rds.ParameterGroupArgs Group(DrKit.Core.Planning.PostgresSettings settings, string description, Pulumi.InputMap<string> tags)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var group = new PulumiAws.Rds.ParameterGroupArgs { Family = settings.ParameterGroupFamily, Description = description, Tags = tags };
        foreach (var parameter in For(settings.Parameters))
        {
            group.Parameters.Add(parameter);
        }

        return group;
    }

    /// <summary>The fence as an RDS parameter: <c>default_transaction_read_only</c>, dynamic, so it applies without a reboot.</summary>
    public static PulumiAws.Rds.Inputs.ParameterGroupParameterArgs Fence(string value) =>
        new() { Name = DrKit.Core.Operations.DataTierState.FenceParameter, Value = value, ApplyMethod = Immediate };

    /// <summary>The planned settings RDS manages itself (reported, not set).</summary>
    public static IEnumerable<string> ManagedByRds(IReadOnlyDictionary<string, string> planned) =>
        planned.Keys.Where(k => !Accepted.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal);
}
