using System.Collections.Immutable;
using DrKit.Core.Model;
using DrKit.Core.Planning;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Traffic;

public sealed class TrafficRoutingArgs : ResourceArgs
{
    public required TrafficPlan Traffic { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}

/// <summary>
/// Route 53 in front of the regional endpoints: an HTTPS health check per region and one record per region,
/// failover (PRIMARY / SECONDARY), weighted or latency as planned, each tied to its region's health check.
/// Declares nothing when the plan has no domain or hosted zone.
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
            // Route 53 is global; the primary region's provider manages it. Failover has one SECONDARY only.
            var ordered = p.ByRegion.Keys.Where(t.Endpoints.ContainsKey).ToList();
            foreach (var region in ordered)
            {
                var role = Role(t.Routing, region, p);
                if (role is null)
                {
                    continue;
                }

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

                var record = new PulumiAws.Route53.RecordArgs
                {
                    ZoneId = t.HostedZoneId!,
                    Name = t.Domain!,
                    Type = "CNAME",
                    Ttl = t.TtlSeconds,
                    Records = { t.Endpoints[region] },
                    SetIdentifier = region,
                    HealthCheckId = check.Id,
                };
                switch (t.Routing)
                {
                    case RoutingPolicy.Failover:
                        record.FailoverRoutingPolicies.Add(new PulumiAws.Route53.Inputs.RecordFailoverRoutingPolicyArgs { Type = role });
                        break;
                    case RoutingPolicy.Weighted:
                        record.WeightedRoutingPolicies.Add(new PulumiAws.Route53.Inputs.RecordWeightedRoutingPolicyArgs { Weight = t.Weights.GetValueOrDefault(region) });
                        break;
                    default:
                        record.LatencyRoutingPolicies.Add(new PulumiAws.Route53.Inputs.RecordLatencyRoutingPolicyArgs { Region = region });
                        break;
                }

                records[region] = new PulumiAws.Route53.Record($"{name}-{region}", record, p.In(p.PrimaryRegion, this)).Fqdn;
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

    /// <summary>PRIMARY for the primary region, SECONDARY for the first recovery region, none for further ones
    /// (failover routing has exactly two roles); other policies give every region a record.</summary>
    private static string? Role(RoutingPolicy routing, string region, RegionalProviders p)
    {
        if (routing != RoutingPolicy.Failover)
        {
            return region;
        }

        if (region == p.PrimaryRegion)
        {
            return "PRIMARY";
        }

        return p.RecoveryRegions.Count > 0 && region == p.RecoveryRegions[0] ? "SECONDARY" : null;
    }
}
