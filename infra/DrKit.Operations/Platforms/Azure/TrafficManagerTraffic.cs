using DrKit.Core.Platforms.Azure;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>The Traffic Manager profile in front of the API, in the recovery region's group, its planned endpoints and the plan's primary region.</summary>
public sealed record TrafficManagerTarget(string Group, string GroupRegion, string Profile, AzureTrafficSettings Settings, string PrimaryRegion)
{
    /// <summary>The regions with an endpoint in the profile.</summary>
    public IReadOnlyList<string> Regions => [.. Settings.Endpoints.Select(e => e.Region)];
}

/// <summary>
/// Moves traffic with Traffic Manager endpoint changes on the profile in the recovery region's resource group (ARM
/// serves a group's resources from its region, so the profile stays changeable while the primary region is down). Each
/// endpoint's status and weight for a state come from the one decision of the core, <see cref="AzureTrafficShape"/>,
/// which the shell declares too; the routing method (Weighted) is never changed during an operation.
/// https://learn.microsoft.com/azure/traffic-manager/traffic-manager-manage-endpoints,
/// https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods
/// </summary>
public sealed class TrafficManagerTraffic(AzCli az, TrafficManagerTarget target, StackStateRecord state) : ITrafficSwitch
{
    /// <summary>
    /// The calls that put <paramref name="percent"/>% on <paramref name="region"/>, status and weight per endpoint as
    /// <see cref="AzureTrafficShape.Endpoints"/> decides: endpoints that take a share first (never a moment with none
    /// Enabled), then the ones that are disabled.
    /// </summary>
    public static IReadOnlyList<AzCommand> Calls(TrafficManagerTarget target, string region, int percent)
    {
        ArgumentNullException.ThrowIfNull(target);
        var shape = AzureTrafficShape.Endpoints(target.Settings, target.PrimaryRegion, region, Math.Clamp(percent, 0, 100));
        return [.. shape.OrderBy(e => e.Enabled ? 0 : 1).Select(e => Update(target, e))];
    }

    /// <summary>The update that sets one endpoint to its decided status and weight.</summary>
    public static AzCommand Update(TrafficManagerTarget target, TrafficManagerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(endpoint);
        return AzureCalls.EndpointUpdate(target.Group, target.GroupRegion, target.Profile, AzureNames.TrafficEndpoint(endpoint.Region), endpoint.Enabled, endpoint.Weight);
    }

    public async Task ShiftAsync(TrafficShift shift, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shift);
        if (!target.Regions.Contains(shift.TargetRegion))
        {
            throw new CloudCommandFailedException($"profile {target.Profile} has no endpoint for {shift.TargetRegion}; it has {string.Join(", ", target.Regions)}.");
        }

        foreach (var call in Calls(target, shift.TargetRegion, shift.Percent))
        {
            await az.RunAsync(call, ct).ConfigureAwait(false);
        }

        await state.SetAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OpsConfig.TrafficActiveRegion] = shift.TargetRegion,
            [OpsConfig.TrafficPercent] = OpsConfig.Text(shift.Percent),
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Reads each endpoint from the profile: the share of a region is its weight over the enabled endpoints' weights.</summary>
    public async Task<TrafficState> GetStateAsync(CancellationToken ct)
    {
        var enabled = new List<(string Region, int Weight)>();
        foreach (var region in target.Regions)
        {
            var endpoint = await az.ReadAsync(AzureCalls.EndpointShow(target.Group, target.GroupRegion, target.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(region)), ct).ConfigureAwait(false);
            if (AwsCli.Text(endpoint, "endpointStatus") == "Enabled")
            {
                enabled.Add((region, AwsCli.Integer(endpoint, "weight") ?? 1));
            }
        }

        if (enabled.Count == 0)
        {
            return new TrafficState(string.Empty, 0);
        }

        var total = enabled.Sum(e => e.Weight);
        var top = enabled.OrderByDescending(e => e.Weight).First();
        return new TrafficState(top.Region, (int)Math.Round(100.0 * top.Weight / total));
    }
}
