using System.Globalization;
using DrKit.Core.Monitoring;
using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Readiness;

public sealed partial class LiveReadinessReader
{
    /// <summary>
    /// <c>aws cloudwatch describe-alarm-history --history-item-type Action</c> in one region since <paramref name="start"/>:
    /// every alarm action CloudWatch ran there, with its outcome
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html).
    /// </summary>
    public static IReadOnlyList<string> ActionHistoryArguments(string region, string start) =>
        ["cloudwatch", "describe-alarm-history", "--history-item-type", "Action", "--start-date", start, "--region", region, "--output", "json"];

    /// <summary>
    /// Whether CloudWatch could publish this stack's alarms to their KMS-encrypted topics: the alarm history of each alarm
    /// region, read for actions of the stack's alarms (<c>drkit-&lt;stack&gt;-</c>) that failed within
    /// <see cref="ReadinessScorer.AlarmActionWindow"/>. A key policy that does not admit CloudWatch fails only there
    /// ("Failed to execute action", the alarm itself still changes state), so nobody is told by the alarm. Real state, read only:
    /// it sees what the alarms did, so a region whose alarms did not change state in the window proves nothing either way
    /// (the source says so); docs/operations.md gives the deliberate test that makes one change.
    /// </summary>
    private async Task<IReadOnlyList<AlarmActionObservation>> AlarmActionsAsync(DrPlan plan, CancellationToken ct)
    {
        var since = time.GetUtcNow() - ReadinessScorer.AlarmActionWindow;
        var prefix = $"drkit-{plan.Stack}-";
        var observations = new List<AlarmActionObservation>();
        foreach (var region in AlarmPlanner.TopicRegions(plan))
        {
            try
            {
                using var json = await cloud.RunJsonAsync(ActionHistoryArguments(region, LagMetric.Timestamp(since)), "The alarms' action history", "cloudwatch:DescribeAlarmHistory", ct).ConfigureAwait(false);
                var actions = AwsCli.Items(json.RootElement, "AlarmHistoryItems")
                    .Where(i => AwsCli.Text(i, "AlarmName") is { } name && name.StartsWith(prefix, StringComparison.Ordinal))
                    .ToList();
                var failed = actions.Where(Failed).ToList();
                var window = Core.Objectives.DurationText.Format(ReadinessScorer.AlarmActionWindow);
                var source = failed.Count > 0
                    ? $"{failed.Count.ToString(CultureInfo.InvariantCulture)} of {actions.Count.ToString(CultureInfo.InvariantCulture)} alarm actions in {region} failed in the last {window}, newest: " +
                      $"{AwsCli.Text(failed[0], "AlarmName")}: {AwsCli.Text(failed[0], "HistorySummary")}"
                    : actions.Count > 0
                        ? $"{actions.Count.ToString(CultureInfo.InvariantCulture)} alarm actions in {region} in the last {window}, none failed"
                        : $"no alarm of {plan.Stack} acted in {region} in the last {window}: nothing shows whether CloudWatch can publish to its topics there";
                observations.Add(new AlarmActionObservation(region, actions.Count, failed.Count, source));
            }
            catch (CloudCommandFailedException e)
            {
                observations.Add(new AlarmActionObservation(region, null, null, e.Message));
            }
        }

        return observations;
    }

    /// <summary>An action CloudWatch could not run: its summary says "Failed to execute action", or its data says actionState Failed.</summary>
    private static bool Failed(System.Text.Json.JsonElement item) =>
        (AwsCli.Text(item, "HistorySummary") ?? string.Empty).StartsWith("Failed", StringComparison.OrdinalIgnoreCase)
        || (AwsCli.Text(item, "HistoryData") ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Contains("\"actionState\":\"Failed\"", StringComparison.Ordinal);
}
