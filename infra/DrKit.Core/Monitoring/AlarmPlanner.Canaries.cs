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
            if (CanaryHome(region, plan.PrimaryRegion, plan.RecoveryRegions, plan.MonitoringRegion) is not { } home)
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
    /// Where the canary watching <paramref name="region"/> lives: the monitoring region when the stack names one, otherwise
    /// the first recovery region for the primary and the primary for a recovery region; null when that is the watched
    /// region itself (a single-region stack without a monitoring region has no canary).
    /// </summary>
    public static string? CanaryHome(string region, string primaryRegion, IReadOnlyList<string> recoveryRegions, string? monitoringRegion)
    {
        ArgumentNullException.ThrowIfNull(recoveryRegions);
        var home = monitoringRegion ?? (region == primaryRegion ? recoveryRegions.FirstOrDefault() : primaryRegion);
        return home == region ? null : home;
    }

    /// <summary>
    /// Time from the primary region's outage until an alarm that survives it fires: the RTO estimate's detection term.
    /// Route 53 decides after interval x failure threshold (a failure just after a passing check waits one interval more:
    /// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html), but its metrics, alarm
    /// and topic live in <see cref="Route53MetricsRegion"/> only
    /// (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html). When that is the primary
    /// and a canary watches the primary from <paramref name="canaryHome"/>, the page a person gets comes from the canary:
    /// <see cref="CanaryFailedRuns"/> runs on its one-minute schedule
    /// (https://docs.aws.amazon.com/AmazonSynthetics/latest/APIReference/API_CanaryScheduleInput.html) plus
    /// the metric's delay, and one run more when the outage starts just after a passing run. Detection is then the slower
    /// of the two, end by end; otherwise it is Route 53's.
    /// </summary>
    /// <param name="canaryHome">Where the canary watching the primary lives (<see cref="CanaryHome"/>); null when none does.</param>
    public static OutageDetectionTime OutageDetection(string primaryRegion, string? canaryHome, TrafficPlan traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        var interval = TimeSpan.FromSeconds(traffic.HealthCheckIntervalSeconds);
        var route53 = new OutageDetectionTime(traffic.Detection, traffic.Detection + interval,
            $"health check every {traffic.HealthCheckIntervalSeconds}s x {traffic.FailureThreshold} failures", false);
        if (primaryRegion != Route53MetricsRegion || canaryHome is null)
        {
            return route53;
        }

        var typical = (OutageCanary.RunInterval * CanaryFailedRuns) + MetricDelay;
        var worst = typical + OutageCanary.RunInterval;
        return new OutageDetectionTime(Max(typical, route53.Typical), Max(worst, route53.Worst),
            $"Route 53's alarm lives in {Route53MetricsRegion}, the primary, and fails with it: the canary in {canaryHome} pages after {CanaryFailedRuns} failed one-minute runs + " +
            $"{Objectives.DurationText.Format(MetricDelay)} metric delay, one run more if the outage starts just after a passing run (Route 53 alone, {route53.Why}: " +
            $"{Objectives.DurationText.Format(route53.Typical)}-{Objectives.DurationText.Format(route53.Worst)})", true);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
