using System.Text.Json;
using DrKit.Core.Monitoring;
using DrKit.Core.Planning;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// The log groups Synthetics creates for each outage canary (<see cref="OutageCanary.LogGroupPrefix"/>, retention: never
/// expire). Deleting a canary leaves them behind ("Neither AWS nor this provider deletes these implicit resources
/// automatically when the canary is deleted", pulumi-aws <c>Synthetics/Canary.cs</c>), so teardown deletes them once the
/// stack's resources are gone: found by prefix in the canary's home region
/// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html) and deleted one by one
/// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogGroup.html). A group already gone
/// (none found, or ResourceNotFoundException on delete) is not an error, so a repeated teardown is harmless.
/// </summary>
public sealed class CanaryLogGroups(AwsCli aws)
{
    /// <summary>The error CloudWatch Logs returns for a log group that does not exist.</summary>
    public const string NotFound = "ResourceNotFoundException";

    /// <summary><c>aws logs describe-log-groups --log-group-name-prefix /aws/lambda/cwsyn-&lt;canary&gt;-</c> in the canary's home region.</summary>
    public static AwsCommand Find(string canaryName, string region) =>
        new("logs", "describe-log-groups", region, ["--log-group-name-prefix", OutageCanary.LogGroupPrefix(canaryName)]);

    /// <summary><c>aws logs delete-log-group --log-group-name &lt;group&gt;</c> in the canary's home region.</summary>
    public static AwsCommand Delete(string logGroup, string region) => new("logs", "delete-log-group", region, ["--log-group-name", logGroup]);

    /// <summary>The dry-run text: the two calls per canary, with the stack's own names where it has them.</summary>
    public static string PlanText(string stack) =>
        $"for each outage canary of {stack} ({OperationsOutputNames.CanaryNames} output, home region from {PlanOutput} output), after Destroy: " +
        $"{Find($"<{OperationsOutputNames.CanaryNames}[key]>", "<home region>").CommandLine}, then {Delete("<each logGroupName>", "<home region>").CommandLine}";

    /// <summary>
    /// Whether <paramref name="logGroup"/> is the canary's own: Synthetics names its function <c>cwsyn-&lt;canary&gt;-&lt;uuid&gt;</c>
    /// (e.g. <c>cwsyn-my-test-90ea20c4-156f-4556-83b1-4f5728208018</c>), so the prefix alone also matches the groups of
    /// another stack's canary whose name starts with this one's and a dash; only a UUID may follow the prefix.
    /// </summary>
    public static bool Owns(string canaryName, string logGroup)
    {
        ArgumentNullException.ThrowIfNull(logGroup);
        var prefix = OutageCanary.LogGroupPrefix(canaryName);
        return logGroup.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParseExact(logGroup[prefix.Length..], "D", out _);
    }

    /// <summary>The stack output that carries its plan (<c>DrStack.PlanSummary</c>).</summary>
    public const string PlanOutput = "planSummary";

    /// <summary>
    /// The stack's canaries as deployed: each name from its <c>canaryNames</c> output, its home region from the plan the
    /// stack exported (<see cref="AlarmPlanner.Canaries"/>). Read before Destroy, which empties the outputs. None when the
    /// stack declared no canaries or exports no plan.
    /// </summary>
    public static IReadOnlyList<(string Name, string Region)> Of(StackOutputs outputs, string stack)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var names = OutputMap.Entries(outputs, stack, OperationsOutputNames.CanaryNames);
        if (names.Count == 0 || outputs.Text(PlanOutput) is not { } json)
        {
            return [];
        }

        DrPlan plan;
        try
        {
            plan = PlanJson.Deserialize(json);
        }
        catch (JsonException e)
        {
            throw new CloudCommandFailedException($"stack {stack}: its {PlanOutput} output holds no plan DrKit can read ({e.Message}); its canaries' log groups cannot be located.", e);
        }

        return [.. AlarmPlanner.Canaries(plan).Where(c => names.ContainsKey(c.Key)).Select(c => (names[c.Key], c.Region))];
    }

    /// <summary>Deletes every log group of <paramref name="canaries"/>; returns the groups deleted (none when all were gone).</summary>
    /// <exception cref="CloudCommandFailedException">A call failed or outlived <see cref="AwsCli.CommandTimeout"/>.</exception>
    public async Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<(string Name, string Region)> canaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(canaries);
        var deleted = new List<string>();
        foreach (var (name, region) in canaries)
        {
            var found = await aws.RunAsync(Find(name, region), ct).ConfigureAwait(false);
            foreach (var group in AwsCli.Items(found, "logGroups").Select(g => AwsCli.Text(g, "logGroupName")).OfType<string>().Where(g => Owns(name, g)))
            {
                try
                {
                    await aws.RunAsync(Delete(group, region), ct).ConfigureAwait(false);
                    deleted.Add($"{group} ({region})");
                }
                catch (CloudCommandFailedException e) when (e.Message.Contains(NotFound, StringComparison.Ordinal))
                {
                    // Gone between the listing and the delete: the goal holds.
                }
            }
        }

        return deleted;
    }
}
