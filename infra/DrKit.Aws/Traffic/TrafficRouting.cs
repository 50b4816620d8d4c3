using System.Collections.Immutable;
using DrKit.Core.Model;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Traffic;

public sealed class TrafficRoutingArgs : ResourceArgs
{
    public required TrafficPlan Traffic { get; init; }

    /// <summary>The records as operations want them now (the plan's routing when they set nothing).</summary>
    public required TrafficState Routing { get; init; }

    /// <summary>The records as planned; their regions keep a health check whatever operations do.</summary>
    public required TrafficState PlannedRouting { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}

/// <summary>
/// Route 53 in front of the regional endpoints: an HTTPS health check per region and one record per region with
/// the routing the core decided (failover PRIMARY / SECONDARY, weighted or latency), each tied to its region's
/// health check. Declares nothing when the plan has no domain or hosted zone.
/// </summary>
public sealed class TrafficRouting : ComponentResource
{
    public const string TypeToken = "drkit:traffic:TrafficRouting";

    public TrafficRouting(string name, TrafficRoutingArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var t = args.Traffic;
        var p = args.Providers;
        var checks = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var records = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var managed = IsManaged(t);
        if (managed)
        {
            // Route 53 is global; the primary region's provider manages it. Health checks stay put while
            // operations move traffic, so a region's check keeps its history across a failover.
            var checkedRegions = args.PlannedRouting.Records.Concat(args.Routing.Records).Select(r => r.Region).ToHashSet(StringComparer.Ordinal);
            foreach (var region in p.ByRegion.Keys.Where(r => t.Endpoints.ContainsKey(r) && checkedRegions.Contains(r)))
            {
                var check = new PulumiAws.Route53.HealthCheck($"{name}-{region}", new PulumiAws.Route53.HealthCheckArgs
                {
                    Type = "HTTPS",
                    Fqdn = t.Endpoints[region],
                    Port = t.Port,
                    ResourcePath = t.HealthCheckPath,
                    RequestInterval = t.HealthCheckIntervalSeconds,
                    FailureThreshold = t.FailureThreshold,
                    Tags = args.Tags.For("traffic", region),
                }, p.In(p.PrimaryRegion, this));
                checks[region] = check.Id;
            }

            foreach (var routing in args.Routing.Records)
            {
                records[routing.Region] = Record(name, t, routing, checks[routing.Region], p);
            }
        }

        Managed = Output.Create(managed);
        HealthCheckIds = OutputMaps.Of(checks);
        RecordFqdns = OutputMaps.Of(records);
        RegisterOutputs();
    }

    /// <summary>False when the stack sets no domain or hosted zone: DNS is then someone else's.</summary>
    [Output("managed")]
    public Output<bool> Managed { get; }

    [Output("healthCheckIds")]
    public Output<ImmutableDictionary<string, string>> HealthCheckIds { get; }

    [Output("recordFqdns")]
    public Output<ImmutableDictionary<string, string>> RecordFqdns { get; }

    public static bool IsManaged(TrafficPlan traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        return !string.IsNullOrEmpty(traffic.Domain) && !string.IsNullOrEmpty(traffic.HostedZoneId) && traffic.Endpoints.Count > 0;
    }

    /// <summary>One record per region, named by region, so a change of routing updates it rather than replacing it.</summary>
    private Output<string> Record(string name, TrafficPlan t, RecordRouting routing, Output<string> healthCheckId, RegionalProviders p)
    {
        var record = new PulumiAws.Route53.RecordArgs
        {
            ZoneId = t.HostedZoneId!,
            Name = t.Domain!,
            Type = "CNAME",
            Ttl = t.TtlSeconds,
            Records = { t.Endpoints[routing.Region] },
            SetIdentifier = routing.Region,
            HealthCheckId = healthCheckId,
        };
        switch (routing.Policy)
        {
            case RoutingPolicy.Failover:
                record.FailoverRoutingPolicies.Add(new PulumiAws.Route53.Inputs.RecordFailoverRoutingPolicyArgs { Type = routing.FailoverRole! });
                break;
            case RoutingPolicy.Weighted:
                record.WeightedRoutingPolicies.Add(new PulumiAws.Route53.Inputs.RecordWeightedRoutingPolicyArgs { Weight = routing.Weight ?? 0 });
                break;
            default:
                record.LatencyRoutingPolicies.Add(new PulumiAws.Route53.Inputs.RecordLatencyRoutingPolicyArgs { Region = routing.Region });
                break;
        }

        return new PulumiAws.Route53.Record($"{name}-{routing.Region}", record, p.In(p.PrimaryRegion, this)).Fqdn;
    }
}
