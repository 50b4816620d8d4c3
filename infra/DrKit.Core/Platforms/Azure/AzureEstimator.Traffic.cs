using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

internal static partial class AzureEstimator
{
    /// <summary>
    /// The API behind Traffic Manager rather than Front Door: Traffic Manager is DNS-only, so a region's loss takes
    /// nothing of the routing with it and no traffic flows through Azure on the way (Front Door would proxy every
    /// request and terminate TLS, a second production path to size and secure). The profile routes by weight in every
    /// state and only endpoint status and weight move (<see cref="AzureTrafficShape"/>): in steady state a failover plan's
    /// primary is enabled at 1000 and its recovery endpoints are disabled, active-active enables every region at 1000
    /// (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods). Probing comes from
    /// <c>drkit:traffic</c>: interval 10 s or 30 s, failureThreshold - 1 tolerated failures, the TTL
    /// (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring). The compute estimate is the
    /// common endpoint's: what differs on Azure is who probes and routes.
    /// </summary>
    private static Draft Endpoint(ComponentSpec c, AzureEndpointOptions o, EstimateContext ctx)
    {
        var common = Estimator.Draft(c with { Options = o.Endpoint }, ctx);
        var running = ((EndpointSettings)common.Settings).RecoveryRunning;
        var everywhere = c.Strategy == Strategy.ActiveActive;
        var regions = ctx.Stack.Regions().ToList();
        var endpoints = regions.Select((r, i) => new TrafficManagerEndpoint(
            r,
            o.Endpoint.Endpoints.GetValueOrDefault(r, string.Empty),
            i + 1,
            everywhere || r == ctx.Primary ? AzureAssumptions.MaxWeight : AzureAssumptions.MinWeight,
            Enabled: everywhere || r == ctx.Primary)).ToList();
        var interval = (int)ctx.Stack.Traffic.HealthCheckInterval.TotalSeconds;
        var name = AzureNames.TrafficManager(ctx.Stack.Service, ctx.Stack.StackName);
        var settings = new AzureTrafficSettings(
            name,
            name,
            o.Endpoint.Port == 80 ? "HTTP" : "HTTPS",
            o.Endpoint.Port,
            ctx.Stack.Traffic.HealthCheckPath,
            interval,
            AzureAssumptions.ProbeTimeoutSeconds(interval),
            Math.Clamp(ctx.Stack.Traffic.FailureThreshold - 1, 0, AzureAssumptions.MaxToleratedFailures),
            (int)ctx.Stack.Traffic.Ttl.TotalSeconds,
            endpoints,
            running)
        {
            ResourceGroups = ResourceGroups(ctx),
            ProfileResourceGroup = ResourceGroups(ctx)[ctx.SingleRegion ? ctx.Primary : ctx.Recovery],
        };
        var caveats = common.Estimate.Caveats.Append($"Traffic Manager answers DNS only: clients resolve {name}.trafficmanager.net (a CNAME from the service's domain) and connect to the region directly")
            .Concat(everywhere ? [] : ["Traffic Manager does not fail over by itself: the recovery endpoint stays disabled until a failover enables it, since that region's database is a read-only replica until promoted"]).ToList();
        var rows = endpoints.Select(e => Region.Of(e.Region, Role(ctx, e.Region), ("endpoint", e.Target.Length == 0 ? "(not set)" : e.Target),
            ("priority", Text(e.Priority)), ("weight", e.Enabled ? Text(e.Weight) : "disabled"), ("running", e.Region == ctx.Primary ? "serving" : Text(running)))).ToList();
        return common with
        {
            Mechanism = $"{common.Mechanism}; Traffic Manager weighted routing",
            Estimate = common.Estimate with { Caveats = caveats },
            Settings = settings,
            Regions = rows,
        };
    }
}
