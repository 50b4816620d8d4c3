using DrKit.Azure.Models;
using DrKit.Core.Platforms.Azure;
using Pulumi;
using Network = Pulumi.Azure.Network;

namespace DrKit.Azure.Traffic;

/// <summary>How Traffic Manager probes each endpoint, as decided.</summary>
/// <param name="Protocol"><c>HTTP</c>, <c>HTTPS</c> or <c>TCP</c>.</param>
/// <param name="Path">The probed path (HTTP/HTTPS only; null for TCP).</param>
/// <param name="IntervalSeconds">30, or 10 for fast probing.</param>
/// <param name="TimeoutSeconds">5-10 at a 30 s interval, 5-9 at 10 s.</param>
/// <param name="ToleratedFailures">Failed probes before the endpoint is degraded, 0-9.</param>
public sealed record TrafficProbe(string Protocol, int Port, string? Path, int IntervalSeconds, int TimeoutSeconds, int ToleratedFailures);

/// <summary>One region's entry: its FQDN, its distinct priority, its weight (1-1000) and whether it takes traffic.</summary>
public sealed record TrafficEndpointSpec(string Name, string Location, string Target, int Priority, int Weight, bool Enabled = true);

public sealed class TrafficManagerFailoverArgs : ResourceArgs
{
    public required string ProfileName { get; init; }

    public required string ResourceGroupName { get; init; }

    /// <summary>The provider to manage the global profile through (the resource group's location).</summary>
    public required string ManagedFrom { get; init; }

    /// <summary>The DNS label: clients resolve <c>&lt;label&gt;.trafficmanager.net</c>.</summary>
    public required string RelativeDnsName { get; init; }

    /// <summary>Seconds resolvers may cache an answer: with the probe, it bounds how long clients keep a failed region.</summary>
    public required int Ttl { get; init; }

    public required TrafficProbe Probe { get; init; }

    public required IReadOnlyList<TrafficEndpointSpec> Endpoints { get; init; }

    public required AzureProviders Providers { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

/// <summary>
/// A Traffic Manager profile in front of the regional endpoints, declared once with weighted routing
/// (<see cref="AzureTrafficShape"/>, https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods):
/// no failover or failback changes the profile, only each endpoint's status and weight, which the caller decides.
/// Endpoints still carry distinct priorities because the service requires them on every endpoint. Probes decide health,
/// so a Degraded region is skipped without a call to it
/// (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring).
/// </summary>
public sealed class TrafficManagerFailover : ComponentResource
{
    public const string TypeToken = "drkit:azure:TrafficManagerFailover";

    public TrafficManagerFailover(string name, TrafficManagerFailoverArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Endpoints.GroupBy(e => e.Priority).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            throw new ArgumentException($"Endpoints {string.Join(", ", shared.Select(e => e.Name))} share priority {shared.Key}; Traffic Manager needs distinct priorities.", nameof(args));
        }

        var p = args.Probe;
        var monitor = new Network.Inputs.TrafficManagerProfileMonitorConfigArgs
        {
            Protocol = p.Protocol,
            Port = p.Port,
            IntervalInSeconds = p.IntervalSeconds,
            TimeoutInSeconds = p.TimeoutSeconds,
            ToleratedNumberOfFailures = p.ToleratedFailures,
        };
        if (p.Path is { } path)
        {
            monitor.Path = path;
        }

        var opts = new CustomResourceOptions { Parent = this, Provider = args.Providers.For(args.ManagedFrom) };
        var profile = new Network.TrafficManagerProfile($"{name}-profile", new Network.TrafficManagerProfileArgs
        {
            Name = args.ProfileName,
            ResourceGroupName = args.ResourceGroupName,
            TrafficRoutingMethod = AzureTrafficShape.RoutingMethod,
            DnsConfig = new Network.Inputs.TrafficManagerProfileDnsConfigArgs { RelativeName = args.RelativeDnsName, Ttl = args.Ttl },
            MonitorConfig = monitor,
            Tags = AzureTags.Of(args.Tags),
        }, opts);
        foreach (var endpoint in args.Endpoints)
        {
            _ = new Network.TrafficManagerExternalEndpoint($"{name}-{endpoint.Name}", new Network.TrafficManagerExternalEndpointArgs
            {
                Name = endpoint.Name,
                ProfileId = profile.Id,
                Target = endpoint.Target,
                Priority = endpoint.Priority,
                Weight = endpoint.Weight,
                Enabled = endpoint.Enabled,
                // Only Performance routing needs it; set so each endpoint names its region for operators and readers.
                EndpointLocation = endpoint.Location,
            }, opts);
        }

        Fqdn = profile.Fqdn;
        RegisterOutputs(new Dictionary<string, object?> { ["fqdn"] = Fqdn });
    }

    /// <summary>The name clients use in every state: <c>&lt;label&gt;.trafficmanager.net</c>.</summary>
    public Output<string> Fqdn { get; }
}
