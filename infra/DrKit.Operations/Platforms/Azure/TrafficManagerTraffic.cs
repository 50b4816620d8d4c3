using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>The Traffic Manager profile in front of the API, in the recovery region's group, and its endpoints by region.</summary>
public sealed record TrafficManagerTarget(string Group, string GroupRegion, string Profile, IReadOnlyList<string> Regions);

/// <summary>
/// Moves traffic with Traffic Manager endpoint changes on the profile in the recovery region's resource group (ARM
/// serves a group's resources from its region, so the profile stays changeable while the primary region is down). A
/// region takes all traffic when its endpoint alone is Enabled; a share is a weight (1-1000) on both endpoints Enabled,
/// which a Weighted profile honours. The routing method is never changed during an operation.
/// https://learn.microsoft.com/azure/traffic-manager/traffic-manager-manage-endpoints,
/// https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods
/// </summary>
public sealed class TrafficManagerTraffic(AzCli az, TrafficManagerTarget target, StackStateRecord state) : ITrafficSwitch
{
    /// <summary>The largest weight Traffic Manager takes.</summary>
    public const int MaxWeight = 1000;

    /// <summary>The calls that put <paramref name="percent"/>% on <paramref name="region"/>: target first (never a moment with none Enabled).</summary>
    public static IReadOnlyList<AzCommand> Calls(TrafficManagerTarget target, string region, int percent)
    {
        ArgumentNullException.ThrowIfNull(target);
        var others = target.Regions.Where(r => r != region).ToList();
        if (percent >= 100)
        {
            return
            [
                AzureCalls.EndpointUpdate(target.Group, target.GroupRegion, target.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(region), true, MaxWeight),
                .. others.Select(o => AzureCalls.EndpointUpdate(target.Group, target.GroupRegion, target.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(o), false)),
            ];
        }

        // Weights 1-1000: the share is weight / sum of enabled weights.
        var weight = Math.Clamp((int)Math.Round(percent * 10.0), 1, MaxWeight - 1);
        return
        [
            AzureCalls.EndpointUpdate(target.Group, target.GroupRegion, target.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(region), true, weight),
            .. others.Select(o => AzureCalls.EndpointUpdate(target.Group, target.GroupRegion, target.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(o), true, MaxWeight - weight)),
        ];
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
