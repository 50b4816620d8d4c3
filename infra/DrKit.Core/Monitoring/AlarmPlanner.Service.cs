using DrKit.Core.Planning;

namespace DrKit.Core.Monitoring;

public static partial class AlarmPlanner
{
    /// <summary>
    /// Reserved recovery capacity still available: below what a failover needs to start (reserved minus what runs
    /// there already) the failover would fall back to on-demand capacity that may not exist. A reservation that
    /// expired or was cancelled stops reporting, so missing data breaches.
    /// </summary>
    private static IEnumerable<AlarmSpec> Reservations(ComponentPlan c, GpuSettings g)
    {
        foreach (var a in g.Allocations.Where(a => a.Reserved - a.Running > 0))
        {
            var needed = a.Reserved - a.Running;
            yield return new AlarmSpec($"{c.Name}-reservation-{a.Region}", c.Name, c.Tier, SeverityOf(c.Tier), a.Region, a.Region, AlarmTarget.CapacityReservation,
                "AWS/EC2CapacityReservations", "AvailableInstanceCount", "Minimum", "LessThanThreshold", needed, "Count", FiveMinutePeriod, 2, 2, "breaching",
                $"{c.Name}: fewer than {needed} reserved {g.InstanceType} available in {a.AvailabilityZone} ({a.Region}), or the reservation stopped reporting " +
                $"(expired or cancelled{(a.ReservationEnd is { } end ? $"; planned end {end:yyyy-MM-dd}" : string.Empty)}). A failover would need on-demand capacity.");
        }
    }

    /// <summary>
    /// Route 53's own verdict on each region's endpoint. The primary region's alarm is the runbook's detection signal;
    /// a recovery region's means there is nowhere healthy to fail over to. A health check that reports nothing is
    /// itself a problem, so missing data breaches.
    /// </summary>
    private static IEnumerable<AlarmSpec> HealthChecks(DrPlan plan)
    {
        var t = plan.Traffic;
        var endpoint = plan.Components.FirstOrDefault(c => c.Settings is EndpointSettings);
        if (endpoint is null || string.IsNullOrEmpty(t.Domain) || string.IsNullOrEmpty(t.HostedZoneId))
        {
            yield break;
        }

        foreach (var region in plan.Regions.Where(r => t.Endpoints.ContainsKey(r)))
        {
            var role = region == plan.PrimaryRegion ? "primary" : "recovery";
            yield return new AlarmSpec($"{endpoint.Name}-health-{region}", endpoint.Name, endpoint.Tier, SeverityOf(endpoint.Tier), Route53MetricsRegion, region,
                AlarmTarget.HealthCheck, "AWS/Route53", "HealthCheckStatus", "Minimum", "LessThanThreshold", 1, "None", MinutePeriod, 1, 1, "breaching",
                role == "primary"
                    ? $"{endpoint.Name}: Route 53 finds {t.Endpoints[region]} ({region}, primary) unhealthy after {t.FailureThreshold} failed checks every {t.HealthCheckIntervalSeconds}s. Runbook: detect and assess."
                    : $"{endpoint.Name}: Route 53 finds {t.Endpoints[region]} ({region}, recovery) unhealthy: a failover now would land on an unhealthy region.");
        }
    }
}
