using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Monitoring;

public static partial class AlarmPlanner
{
    /// <summary>
    /// Failed canary runs in a row before its alarm fires: one failed run is filtered (a dropped connection), two are
    /// not. The Route 53 failure threshold is chosen for 10- or 30-second checks and is not reused for one-minute runs.
    /// </summary>
    public const int CanaryFailedRuns = 2;

    /// <summary>
    /// One canary for every region of the stack that has an endpoint, each homed outside the region it watches: in the
    /// stack's <see cref="DrPlan.MonitoringRegion"/> when it names one (outside the stack's failure domain), otherwise the
    /// primary's canary in the first recovery region and each recovery region's canary in the primary. Route 53 publishes
    /// health-check metrics only in us-east-1 (monitoring-health-checks.html), so when a region is us-east-1 the Route 53
    /// alarm and its topic fail with it; a Synthetics canary runs, publishes <c>CloudWatchSynthetics SuccessPercent</c> and
    /// alarms in its own region (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries.html).
    /// <para>The set is decided from the plan, never from the operations state: a failover or failback changes nothing
    /// here, so a <c>pulumi up</c> during an outage has no canary, alarm or topic to create, update or delete in the failed
    /// region; the canary watching the failed primary stays, and its OK is the "primary is back" signal failback needs.</para>
    /// </summary>
    public static IReadOnlyList<OutageCanary> Canaries(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var endpoint = plan.Components.FirstOrDefault(c => c.Settings is EndpointSettings);
        if (endpoint is null)
        {
            return [];
        }

        var urls = StackOperations.Decide(plan, OperationsState.None).EndpointUrls();
        var host = string.IsNullOrEmpty(plan.Traffic.Domain) ? null : plan.Traffic.Domain;
        var canaries = new List<OutageCanary>();
        foreach (var region in plan.Regions.Where(urls.ContainsKey))
        {
            var home = plan.MonitoringRegion ?? (region == plan.PrimaryRegion ? plan.RecoveryRegions.FirstOrDefault() : plan.PrimaryRegion);
            if (home is null || home == region)
            {
                continue;
            }

            canaries.Add(new OutageCanary($"{endpoint.Name}-canary-{region}", endpoint.Name, home, region, urls[region], host, CanaryFailedRuns, !ServesBeforeFailover(plan, region)));
        }

        return canaries;
    }

    /// <summary>
    /// Whether <paramref name="region"/>'s endpoint answers in the stack as planned: the primary; a region whose record
    /// takes traffic (latency routing, or a weight above 0); or a recovery region that keeps serving capacity running
    /// (warm standby). A pilot-light region answers only once a failover scales it up.
    /// </summary>
    public static bool ServesBeforeFailover(DrPlan plan, string region)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (region == plan.PrimaryRegion)
        {
            return true;
        }

        var record = TrafficState.Decide(plan, OperationsState.None).For(region);
        var compute = RecoveryCompute.Decide(plan, OperationsState.None);
        return record is { Policy: Model.RoutingPolicy.Latency } or { Weight: > 0 } || (compute.Region == region && compute.Running > 0);
    }

    /// <summary>
    /// SuccessPercent below 100 for the canary's failed runs in a row; a canary that stopped running breaches too. A
    /// canary on a region that serves before a failover is as urgent as the tightest failover decision. One on a region
    /// that answers nothing until a failover (pilot light) fails by design until then, so its alarm has a fixed severity
    /// that never pages (at most high) and says so: it is decided once, so the failover needs no change to it (which
    /// would be an update in the primary, the region that failed). After a failover it watches the only serving region;
    /// with the primary down there is no failover decision left for a page to meet, so high is the tier's due.
    /// </summary>
    private static Func<OutageCanary, AlarmSpec> CanaryAlarm(DrPlan plan) => canary =>
    {
        var endpoint = plan.Components.First(c => c.Name == canary.Component);
        var severity = canary.ExpectedUntilFailover
            ? (AlarmSeverity)Math.Min((int)SeverityOf(endpoint.Tier), (int)AlarmSeverity.High)
            : Urgency(endpoint.Tier, TightestDeadline(plan));
        var role = canary.ExpectedUntilFailover
            ? $"({canary.ProbedRegion}, recovery). Expected until failover: this region answers nothing before it. After a failover it is the serving region's outage signal"
            : $"({canary.ProbedRegion}). Runbook: detect and assess; OK again after a failover means the region is back and fail-back can be prepared";
        return new AlarmSpec(canary.Key, canary.Component, endpoint.Tier, severity, canary.Region, canary.ProbedRegion,
            AlarmTarget.Canary, "CloudWatchSynthetics", "SuccessPercent", "Minimum", "LessThanThreshold", 100, "Percent", MinutePeriod, canary.FailedRuns, canary.FailedRuns, "breaching",
            $"{canary.Component}: {canary.Url} failed {canary.FailedRuns} canary runs in a row seen from {canary.Region}, or the canary stopped {role}. " +
            "This signal does not depend on the region it watches.");
    };

    /// <summary>
    /// Time from a region's outage until an alarm that survives it fires. Route 53 decides after interval x failure
    /// threshold, but its metrics, alarm and topic live in <see cref="Route53MetricsRegion"/> only; when that is the
    /// primary, the page a person gets during the primary's outage comes from the canary: <see cref="CanaryFailedRuns"/>
    /// one-minute runs plus the metric's delay. Detection is the slower of the two in that case, Route 53's otherwise.
    /// This is the detection term for the RTO estimate (its derivation should show <c>Why</c>).
    /// </summary>
    public static (TimeSpan Time, string Why) OutageDetection(string primaryRegion, TrafficPlan traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        var route53 = traffic.Detection;
        var route53Why = $"health check every {traffic.HealthCheckIntervalSeconds}s x {traffic.FailureThreshold} failures";
        if (primaryRegion != Route53MetricsRegion)
        {
            return (route53, route53Why);
        }

        var canary = (OutageCanary.RunInterval * CanaryFailedRuns) + MetricDelay;
        return canary > route53
            ? (canary, $"Route 53 alarms live in {Route53MetricsRegion}, the primary, and fail with it: the canary's {CanaryFailedRuns} one-minute runs + {Objectives.DurationText.Format(MetricDelay)} metric delay (Route 53 alone: {route53Why})")
            : (route53, route53Why);
    }
}
