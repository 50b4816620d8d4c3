using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Monitoring;

public static partial class AlarmPlanner
{
    /// <summary>
    /// One canary for each region that serves traffic, homed in another region of the stack (the first recovery region
    /// for the primary, the primary for a recovery region) with its alarm and topic there. Route 53 publishes
    /// health-check metrics only in us-east-1 (monitoring-health-checks.html), so when the serving region is us-east-1
    /// the Route 53 alarm and its topic fail with it; a Synthetics canary runs, publishes
    /// <c>CloudWatchSynthetics SuccessPercent</c> and alarms in its own region
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries.html).
    /// </summary>
    public static IReadOnlyList<OutageCanary> Canaries(DrPlan plan, OperationsState ops)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ops);
        var t = plan.Traffic;
        var endpoint = plan.Components.FirstOrDefault(c => c.Settings is EndpointSettings);
        if (endpoint is null || plan.RecoveryRegions.Count == 0)
        {
            return [];
        }

        var traffic = TrafficState.Decide(plan, ops);
        var urls = StackOperations.Decide(plan, ops).EndpointUrls();
        var serving = plan.Regions.Where(r => urls.ContainsKey(r)
            && (r == traffic.ActiveRegion || traffic.For(r) is { } record && (record.Policy == Model.RoutingPolicy.Latency || record.Weight > 0)));
        return serving
            .Select(r => new OutageCanary($"{endpoint.Name}-canary-{r}", endpoint.Name, r == plan.PrimaryRegion ? plan.RecoveryRegions[0] : plan.PrimaryRegion, r, urls[r], t.FailureThreshold))
            .ToList();
    }

    /// <summary>SuccessPercent below 100 for the canary's failed runs in a row; a canary that stopped running breaches too.</summary>
    private static Func<OutageCanary, AlarmSpec> CanaryAlarm(DrPlan plan) => canary =>
    {
        var endpoint = plan.Components.First(c => c.Name == canary.Component);
        return new AlarmSpec(canary.Key, canary.Component, endpoint.Tier, Urgency(endpoint.Tier, TightestDeadline(plan)), canary.Region, canary.ProbedRegion,
            AlarmTarget.Canary, "CloudWatchSynthetics", "SuccessPercent", "Minimum", "LessThanThreshold", 100, "Percent", MinutePeriod, canary.FailedRuns, canary.FailedRuns, "breaching",
            $"{canary.Component}: {canary.Url} ({canary.ProbedRegion}, serving) failed {canary.FailedRuns} canary runs in a row, seen from {canary.Region}, or the canary stopped. " +
            "Runbook: detect and assess; this signal does not depend on the region it watches.");
    };
}
