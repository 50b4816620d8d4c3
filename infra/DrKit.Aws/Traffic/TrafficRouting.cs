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
/// Route 53 in front of the regional endpoints, declared once in a shape no failover or failback changes (see
/// <see cref="TrafficState"/>): per region an HTTPS health check of the endpoint, an ARC routing control with its
/// RECOVERY_CONTROL health check, a CALCULATED health check that is healthy only when both are, and one weighted (or
/// latency) record tied to it. A failover turns routing controls On and Off through ARC's data plane, which needs no
/// record change and no Route 53 control-plane call; failback moves weights. ARC's own resources are managed through
/// us-west-2, as ARC requires. Declares nothing when the plan has no domain or hosted zone.
/// https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.create.html
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
        var endpointChecks = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var records = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var controls = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        Output<ImmutableDictionary<string, string>> endpoints = OutputMaps.Empty<string>();
        var managed = IsManaged(t);
        if (managed)
        {
            var served = p.ByRegion.Keys.Where(t.Endpoints.ContainsKey).ToList();
            // Routing controls exist to move traffic between regions; a single-region stack has nowhere to move it.
            var arc = served.Count > 1 ? new RecoveryControls(this, name, args, served) : null;
            endpoints = arc?.Endpoints ?? OutputMaps.Empty<string>();
            // Route 53 is global; the primary region's provider manages it. Health checks stay put while
            // operations move traffic, so a region's check keeps its history across a failover.
            foreach (var region in p.ByRegion.Keys.Where(t.Endpoints.ContainsKey))
            {
                var endpoint = new PulumiAws.Route53.HealthCheck($"{name}-{region}", new PulumiAws.Route53.HealthCheckArgs
                {
                    Type = "HTTPS",
                    Fqdn = t.Endpoints[region],
                    Port = t.Port,
                    ResourcePath = t.HealthCheckPath,
                    RequestInterval = t.HealthCheckIntervalSeconds,
                    FailureThreshold = t.FailureThreshold,
                    Tags = args.Tags.For("traffic", region),
                }, p.In(p.PrimaryRegion, this));
                endpointChecks[region] = endpoint.Id;
                if (arc is null)
                {
                    checks[region] = endpoint.Id;
                    continue;
                }

                var control = new PulumiAws.Route53.HealthCheck($"{name}-control-{region}", new PulumiAws.Route53.HealthCheckArgs
                {
                    Type = "RECOVERY_CONTROL",
                    RoutingControlArn = arc.Controls[region],
                    Tags = args.Tags.For("traffic", region),
                }, p.In(p.PrimaryRegion, this));
                // Healthy only while the endpoint answers and the region's routing control is On.
                var gate = new PulumiAws.Route53.HealthCheck($"{name}-gate-{region}", new PulumiAws.Route53.HealthCheckArgs
                {
                    Type = "CALCULATED",
                    ChildHealthchecks = { endpoint.Id, control.Id },
                    ChildHealthThreshold = 2,
                    Tags = args.Tags.For("traffic", region),
                }, p.In(p.PrimaryRegion, this));
                checks[region] = gate.Id;
                controls[region] = arc.Controls[region];
            }

            foreach (var routing in args.Routing.Records)
            {
                records[routing.Region] = Record(name, t, routing, checks[routing.Region], p);
            }
        }

        Managed = Output.Create(managed);
        HealthCheckIds = OutputMaps.Of(endpointChecks);
        RecordFqdns = OutputMaps.Of(records);
        RoutingControlArns = OutputMaps.Of(controls);
        RoutingControlEndpoints = endpoints;
        RegisterOutputs();
    }

    /// <summary>False when the stack sets no domain or hosted zone: DNS is then someone else's.</summary>
    [Output("managed")]
    public Output<bool> Managed { get; }

    /// <summary>
    /// Region -> the HTTPS health check of its endpoint: whether the region can serve. Alarms and readiness watch it;
    /// the record itself follows a calculated check that also requires the region's routing control On, which is Off
    /// for a standby region by design and so says nothing about its health.
    /// </summary>
    [Output("healthCheckIds")]
    public Output<ImmutableDictionary<string, string>> HealthCheckIds { get; }

    [Output("recordFqdns")]
    public Output<ImmutableDictionary<string, string>> RecordFqdns { get; }

    /// <summary>Region -> ARN of the routing control that gates its record.</summary>
    [Output("routingControlArns")]
    public Output<ImmutableDictionary<string, string>> RoutingControlArns { get; }

    /// <summary>Region -> URL of the ARC cluster's data-plane endpoint there.</summary>
    [Output("routingControlEndpoints")]
    public Output<ImmutableDictionary<string, string>> RoutingControlEndpoints { get; }

    public static bool IsManaged(TrafficPlan traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        return !string.IsNullOrEmpty(traffic.Domain) && !string.IsNullOrEmpty(traffic.HostedZoneId) && traffic.Endpoints.Count > 0;
    }

    /// <summary>One record per region, named by region, whose policy never changes: operations only move its weight.</summary>
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
        if (routing.Policy == RoutingPolicy.Latency)
        {
            record.LatencyRoutingPolicies.Add(new PulumiAws.Route53.Inputs.RecordLatencyRoutingPolicyArgs { Region = routing.Region });
        }
        else
        {
            record.WeightedRoutingPolicies.Add(new PulumiAws.Route53.Inputs.RecordWeightedRoutingPolicyArgs { Weight = routing.Weight ?? 0 });
        }

        return new PulumiAws.Route53.Record($"{name}-{routing.Region}", record, p.In(p.PrimaryRegion, this)).Fqdn;
    }
}
