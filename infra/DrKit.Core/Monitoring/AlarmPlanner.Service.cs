using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Monitoring;

public static partial class AlarmPlanner
{
    /// <summary>
    /// Reserved recovery capacity. While the recovery instances do not fill the reservation, what is still available
    /// must cover what a failover would start (reserved minus running); below it the failover would fall back to
    /// on-demand capacity that may not exist. Once the recovery instances fill it (after ScaleCompute, or a warm
    /// standby running all of it) nothing is available by design, and the alarm watches the reservation's size
    /// instead: it shrank, ended or was cancelled. A reservation that expired stops reporting, so missing data breaches.
    /// </summary>
    private static IEnumerable<AlarmSpec> Reservations(ComponentPlan c, GpuSettings g, RecoveryCompute compute)
    {
        var running = compute.DesiredRunning(c.Name, g);
        foreach (var a in g.Allocations.Where(a => a.Reserved > 0))
        {
            var runs = running.GetValueOrDefault(a.Region);
            var end = a.ReservationEnd is { } e ? $"; planned end {e:yyyy-MM-dd}" : string.Empty;
            var spec = new AlarmSpec($"{c.Name}-reservation-{a.Region}", c.Name, c.Tier, SeverityOf(c.Tier), a.Region, a.Region, AlarmTarget.CapacityReservation,
                "AWS/EC2CapacityReservations", string.Empty, "Minimum", "LessThanThreshold", 0, "Count", FiveMinutePeriod, 2, 2, "breaching", string.Empty);
            if (runs >= a.Reserved)
            {
                yield return spec with
                {
                    MetricName = "TotalInstanceCount",
                    Threshold = a.Reserved,
                    Description = $"{c.Name}: the reservation of {a.Reserved} {g.InstanceType} in {a.AvailabilityZone} ({a.Region}) that the {runs} running instances use " +
                                  $"holds fewer than {a.Reserved}, or stopped reporting (expired or cancelled{end}). Instances that lose it run on demand, if at all.",
                };
            }
            else
            {
                var needed = a.Reserved - runs;
                yield return spec with
                {
                    MetricName = "AvailableInstanceCount",
                    Threshold = needed,
                    Description = $"{c.Name}: fewer than {needed} reserved {g.InstanceType} available in {a.AvailabilityZone} ({a.Region}), or the reservation stopped reporting " +
                                  $"(expired or cancelled{end}). A failover would need on-demand capacity.",
                };
            }
        }
    }

    /// <summary>
    /// Route 53's own verdict on each region's endpoint that serves or is meant to serve: the region traffic goes to
    /// (as urgent as the tightest failover decision), the primary (after a failover its alarm says when it is back),
    /// and a recovery region only while serving capacity runs there: a pilot-light region answers nothing until the
    /// failover scales it up, so an alarm on it would fire for as long as the stack is healthy. A health check that
    /// reports nothing is itself a problem, so missing data breaches. Route 53 publishes these metrics in us-east-1
    /// only; the recovery-region canaries (<see cref="Canaries"/>) are the signal that survives its outage.
    /// </summary>
    private static IEnumerable<AlarmSpec> HealthChecks(DrPlan plan, OperationsState ops, RecoveryCompute compute)
    {
        var t = plan.Traffic;
        var endpoint = plan.Components.FirstOrDefault(c => c.Settings is EndpointSettings);
        if (endpoint is null || string.IsNullOrEmpty(t.Domain) || string.IsNullOrEmpty(t.HostedZoneId))
        {
            yield break;
        }

        var active = TrafficState.Decide(plan, ops).ActiveRegion;
        foreach (var region in plan.Regions.Where(r => t.Endpoints.ContainsKey(r)))
        {
            var serving = region == active || region == plan.PrimaryRegion || (region == compute.Region && compute.Running > 0);
            if (!serving)
            {
                continue;
            }

            var role = region == active ? "serving" : region == plan.PrimaryRegion ? "primary, not serving" : "recovery";
            yield return new AlarmSpec($"{endpoint.Name}-health-{region}", endpoint.Name, endpoint.Tier,
                region == active ? Urgency(endpoint.Tier, TightestDeadline(plan)) : SeverityOf(endpoint.Tier), Route53MetricsRegion, region,
                AlarmTarget.HealthCheck, "AWS/Route53", "HealthCheckStatus", "Minimum", "LessThanThreshold", 1, "None", MinutePeriod, 1, 1, "breaching",
                role switch
                {
                    "serving" => $"{endpoint.Name}: Route 53 finds {t.Endpoints[region]} ({region}, serving) unhealthy after {t.FailureThreshold} failed checks every {t.HealthCheckIntervalSeconds}s. Runbook: detect and assess.",
                    "recovery" => $"{endpoint.Name}: Route 53 finds {t.Endpoints[region]} ({region}, recovery) unhealthy: a failover now would land on an unhealthy region.",
                    _ => $"{endpoint.Name}: Route 53 finds {t.Endpoints[region]} ({region}) unhealthy; traffic is served elsewhere. Expected until the region is repaired; OK again means fail-back can be prepared.",
                });
        }
    }
}
