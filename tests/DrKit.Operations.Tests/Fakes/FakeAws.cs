using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>
/// The AWS CLI as <see cref="GlobalDatastoreSwitch"/> uses it: one Global Datastore with a member per region, a
/// failover call that moves the PRIMARY role after a number of describe calls, and every call recorded.
/// </summary>
internal sealed class FakeAws : ICloudCommand
{
    public const string GlobalId = "ldgnf-pilot-light-session-cache";
    public const string PrimaryGroup = "pilot-light-session-cache-use1";
    public const string RecoveryGroup = "pilot-light-session-cache-usw2";

    private int _describesUntilSwitch = -1;
    private string? _pendingPrimary;

    /// <summary>Region -> (replication group, role).</summary>
    public Dictionary<string, (string Group, string Role)> Members { get; } = new(StringComparer.Ordinal)
    {
        [PilotLightProgram.Primary] = (PrimaryGroup, "PRIMARY"),
        [PilotLightProgram.Recovery] = (RecoveryGroup, "SECONDARY"),
    };

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public List<TimeSpan> Timeouts { get; } = [];

    /// <summary>Describe calls after a failover before the new primary reports PRIMARY (<see cref="int.MaxValue"/>: never).</summary>
    public int DescribesBeforePrimary { get; set; }

    /// <summary>Also log each call here as "aws &lt;verb&gt;" (e.g. a StackWorld's calls, to check the order against stack changes).</summary>
    public List<string>? SharedLog { get; set; }

    public GlobalDatastoreSwitch Switch(TimeProvider time) => new(this, time);

    /// <summary>When set, 'aws' is not on PATH.</summary>
    public bool Missing { get; set; }

    /// <summary>When set, the failover call exits 254 with this stderr.</summary>
    public string? FailoverError { get; set; }

    public IEnumerable<string> Verbs => Calls.Select(c => c.Count > 1 ? c[1] : c[0]);

    public Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        Assert.That(program, Is.EqualTo("aws"), "the switch runs the AWS CLI");
        Calls.Add([.. arguments]);
        SharedLog?.Add($"aws {(arguments.Count > 1 ? arguments[1] : arguments[0])}");
        Timeouts.Add(timeout);
        if (Missing)
        {
            throw new CloudCliMissingException(program, "'aws' is not on PATH or could not be started (No such file or directory).");
        }

        return Task.FromResult(arguments switch
        {
            ["--version"] => Ok("aws-cli/2.17.0 Python/3.11.9 Linux/6.8 exe/x86_64"),
            ["elasticache", "failover-global-replication-group", ..] => Failover(Value(arguments, "--primary-region")),
            ["elasticache", "describe-global-replication-groups", ..] => Describe(),
            _ => new CloudCommandResult(252, string.Empty, $"unexpected arguments: {string.Join(' ', arguments)}"),
        });
    }

    private CloudCommandResult Failover(string region)
    {
        if (FailoverError is { } error)
        {
            return new CloudCommandResult(254, string.Empty, error);
        }

        _pendingPrimary = region;
        _describesUntilSwitch = DescribesBeforePrimary;
        return Ok("{}");
    }

    private CloudCommandResult Describe()
    {
        if (_pendingPrimary is { } region && _describesUntilSwitch-- <= 0)
        {
            foreach (var key in Members.Keys.ToList())
            {
                Members[key] = (Members[key].Group, key == region ? "PRIMARY" : "SECONDARY");
            }

            _pendingPrimary = null;
        }

        var json = JsonSerializer.Serialize(new
        {
            GlobalReplicationGroups = new[]
            {
                new
                {
                    GlobalReplicationGroupId = GlobalId,
                    Status = "available",
                    Members = Members.Select(m => new { ReplicationGroupId = m.Value.Group, ReplicationGroupRegion = m.Key, Role = m.Value.Role, Status = "associated" }),
                },
            },
        });
        return Ok(json);
    }

    private static string Value(IReadOnlyList<string> arguments, string option)
    {
        var index = arguments.ToList().IndexOf(option);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : string.Empty;
    }

    private static CloudCommandResult Ok(string stdout) => new(0, stdout, string.Empty);
}
