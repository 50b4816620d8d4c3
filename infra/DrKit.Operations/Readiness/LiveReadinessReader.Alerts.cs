using System.Globalization;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Readiness;

public sealed partial class LiveReadinessReader
{
    /// <summary>The stack output naming the alarm topics, "region/severity" -> ARN.</summary>
    public const string AlarmTopicsOutput = "alarmTopicArns";

    /// <summary>Severities whose topics must reach someone: critical pages, high is answered within the hour.</summary>
    private static readonly string[] AnsweredSeverities = ["critical", "high"];

    /// <summary><c>aws sns list-subscriptions-by-topic</c> in the topic's region (SNS API, ListSubscriptionsByTopic; a pending one has SubscriptionArn "PendingConfirmation").</summary>
    public static IReadOnlyList<string> SubscriptionArguments(string topicArn, string region) =>
        ["sns", "list-subscriptions-by-topic", "--topic-arn", topicArn, "--region", region, "--output", "json"];

    private async Task<IReadOnlyList<AlertObservation>> AlertsAsync(string stack, StackOutputs outputs, List<string> notes, CancellationToken ct)
    {
        var observations = new List<AlertObservation>();
        if (outputs.Text(AlarmTopicsOutput) is null)
        {
            notes.Add($"alerting: stack {stack} exports no {AlarmTopicsOutput}, so no topic's subscriptions were read");
        }

        foreach (var (topic, arn) in OutputMap.Entries(outputs, stack, AlarmTopicsOutput).Where(t => AnsweredSeverities.Contains(t.Key.Split('/')[^1])).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var region = topic.Split('/')[0];
            try
            {
                using var json = await cloud.RunJsonAsync(SubscriptionArguments(arn, region), "The alarm topic's subscriptions", "sns:ListSubscriptionsByTopic", ct).ConfigureAwait(false);
                var all = AwsCli.Items(json.RootElement, "Subscriptions").ToList();
                var confirmed = all.Count(s => AwsCli.Text(s, "SubscriptionArn") is { } sub && sub.StartsWith("arn:", StringComparison.Ordinal));
                observations.Add(new AlertObservation(topic, confirmed,
                    $"SNS lists {all.Count.ToString(CultureInfo.InvariantCulture)} subscription(s) of {arn}, {confirmed.ToString(CultureInfo.InvariantCulture)} confirmed"));
            }
            catch (CloudCommandFailedException e)
            {
                observations.Add(new AlertObservation(topic, null, e.Message));
            }
        }

        return observations;
    }
}
