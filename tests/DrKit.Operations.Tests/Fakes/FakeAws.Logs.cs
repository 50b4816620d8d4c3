using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

internal sealed partial class FakeAws
{
    /// <summary>CloudWatch Logs log groups by region, as describe-log-groups lists them and delete-log-group removes them.</summary>
    public Dictionary<string, List<string>> LogGroups { get; } = new(StringComparer.Ordinal);

    /// <summary>CloudWatch alarm action history by region: (alarm name, summary), newest first; none by default.</summary>
    public Dictionary<string, List<(string Alarm, string Summary)>> AlarmActions { get; } = new(StringComparer.Ordinal);

    private CloudCommandResult AlarmHistory(IReadOnlyList<string> arguments) => Ok(JsonSerializer.Serialize(new
    {
        AlarmHistoryItems = (AlarmActions.GetValueOrDefault(Value(arguments, "--region")) ?? [])
            .Select(a => new { AlarmName = a.Alarm, HistoryItemType = "Action", HistorySummary = a.Summary }),
    }));

    private CloudCommandResult Logs(IReadOnlyList<string> arguments)
    {
        var region = Value(arguments, "--region");
        var groups = LogGroups.TryGetValue(region, out var found) ? found : LogGroups[region] = [];
        if (arguments[1] == "describe-log-groups")
        {
            var prefix = Value(arguments, "--log-group-name-prefix");
            return Ok(JsonSerializer.Serialize(new { logGroups = groups.Where(g => g.StartsWith(prefix, StringComparison.Ordinal)).Select(g => new { logGroupName = g }) }));
        }

        return groups.Remove(Value(arguments, "--log-group-name"))
            ? Ok(string.Empty)
            : new CloudCommandResult(254, string.Empty, "An error occurred (ResourceNotFoundException) when calling the DeleteLogGroup operation: The specified log group does not exist.");
    }
}
