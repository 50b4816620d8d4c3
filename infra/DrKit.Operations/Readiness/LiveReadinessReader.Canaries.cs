using System.Globalization;
using DrKit.Core.Monitoring;
using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Readiness;

public sealed partial class LiveReadinessReader
{
    /// <summary>Synthetics publishes each run's pass rate by CanaryName in the canary's region; Minimum, as the alarm reads it
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_metrics.html).</summary>
    public static readonly LagMetric CanarySuccess = new("CloudWatchSynthetics", "SuccessPercent", "CanaryName") { Statistic = "Minimum" };

    /// <summary><c>aws synthetics get-canary</c> in the canary's home region: its <c>Status.State</c> (Synthetics API, GetCanary).</summary>
    public static IReadOnlyList<string> CanaryArguments(string name, string region) =>
        ["synthetics", "get-canary", "--name", name, "--region", region, "--output", "json"];

    /// <summary>
    /// Each outage canary the plan decides, read where it lives: its state from Synthetics and its newest SuccessPercent
    /// from CloudWatch, both in its home region, never in the region it watches, so the read works in that region's
    /// outage. The names come from the stack's <c>canaryNames</c> output (what the stack declared, not its config).
    /// </summary>
    private async Task<IReadOnlyList<CanaryObservation>> CanariesAsync(DrPlan plan, StackOutputs outputs, CancellationToken ct)
    {
        var observations = new List<CanaryObservation>();
        var names = OutputMap.Entries(outputs, plan.Stack, OperationsOutputNames.CanaryNames);
        foreach (var canary in AlarmPlanner.Canaries(plan))
        {
            if (!names.TryGetValue(canary.Key, out var name))
            {
                observations.Add(new CanaryObservation(canary.Key, canary.Region, canary.ProbedRegion, canary.ExpectedUntilFailover, null, null,
                    $"stack {plan.Stack} exports no {OperationsOutputNames.CanaryNames}[{canary.Key}]"));
                continue;
            }

            string? state;
            try
            {
                using var json = await cloud.RunJsonAsync(CanaryArguments(name, canary.Region), "The outage canary", "synthetics:GetCanary", ct).ConfigureAwait(false);
                state = json.RootElement.TryGetProperty("Canary", out var c) && c.TryGetProperty("Status", out var status) ? AwsCli.Text(status, "State") : null;
            }
            catch (CloudCommandFailedException e)
            {
                observations.Add(new CanaryObservation(canary.Key, canary.Region, canary.ProbedRegion, canary.ExpectedUntilFailover, null, null, e.Message));
                continue;
            }

            double? success = null;
            var source = $"Synthetics canary {name} in {canary.Region}: {state ?? "no state"}";
            try
            {
                if (await cloud.NewestAsync(CanarySuccess, name, canary.Region, ct).ConfigureAwait(false) is { } point)
                {
                    success = point.Value;
                    source += $", {CanarySuccess} {point.Value.ToString("0.#", CultureInfo.InvariantCulture)} at {LagMetric.Timestamp(point.At)}";
                }
                else
                {
                    source += $", no {CanarySuccess} datapoint in the last {Core.Objectives.DurationText.Format(cloud.Window)}";
                }
            }
            catch (CloudCommandFailedException e)
            {
                source += $", {CanarySuccess} unreadable: {e.Message}";
            }

            if (canary.ExpectedUntilFailover)
            {
                source += $" (expected to fail until a failover: {canary.ProbedRegion} answers nothing before it)";
            }

            observations.Add(new CanaryObservation(canary.Key, canary.Region, canary.ProbedRegion, canary.ExpectedUntilFailover, state, success, source));
        }

        return observations;
    }
}
