using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Moves all traffic between regions with ARC routing controls, through the cluster's data plane: each region's Route 53
/// record carries a health check that follows its routing control, so turning a region's control Off takes its record
/// out of DNS answers without changing any record. The data plane is five regional cluster endpoints; DrKit tries
/// them in turn, the ones in the region being left last. Routing controls are On or Off, so partial shares (a gradual
/// failback) go through record weights instead.
/// https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.update.api.html
/// </summary>
public sealed class RoutingControlTraffic(
    AwsCli aws, IReadOnlyDictionary<string, string> controls, IReadOnlyDictionary<string, string> endpoints, StackStateRecord state) : ITrafficSwitch
{
    private const string On = "On";
    private const string Off = "Off";

    /// <summary>Clock the pause between update attempts waits on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The safety rule's wait period: after a change, ARC refuses further requests against the controls until it has
    /// evaluated the rule ("an evaluation period ... during which any request against the target routing controls will
    /// fail", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-route53recoverycontrol-safetyrule-assertionrule.html).
    /// An update is retried only after it, and only when a read shows the controls not yet as wanted.
    /// </summary>
    public TimeSpan WaitPeriod { get; init; } = TimeSpan.FromMilliseconds(Core.Operations.RoutingControlSafety.AtLeastOneOn.WaitPeriodMs);

    /// <summary>Sets every region's control at once, target On and the rest Off, so there is no moment with none On.</summary>
    public static AwsCommand Update(IReadOnlyDictionary<string, string> controls, string target, string endpoint, string endpointRegion) =>
        new("route53-recovery-cluster", "update-routing-control-states", endpointRegion,
        [
            "--update-routing-control-state-entries",
            .. controls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"RoutingControlArn={c.Value},RoutingControlState={(c.Key == target ? On : Off)}"),
            "--endpoint-url", endpoint,
        ]);

    /// <summary>Every region's control On in one call: Route 53 then answers by record weight (failback moves weights next).</summary>
    public static AwsCommand AllOn(IReadOnlyDictionary<string, string> controls, string endpoint, string endpointRegion) =>
        new("route53-recovery-cluster", "update-routing-control-states", endpointRegion,
        [
            "--update-routing-control-state-entries",
            .. controls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"RoutingControlArn={c.Value},RoutingControlState={On}"),
            "--endpoint-url", endpoint,
        ]);

    /// <summary>
    /// Turns every region's control On (failback, before weights move): with the control of the region being returned to
    /// still Off, its record stays unhealthy and no weight would send it a single user. Read back from the data plane.
    /// </summary>
    public async Task<string> OpenAllAsync(CancellationToken ct)
    {
        await UpdateAsync(null, controls.Keys.ToDictionary(r => r, _ => On, StringComparer.Ordinal), (endpoint, region) => AllOn(controls, endpoint, region), ct).ConfigureAwait(false);
        var off = new List<string>();
        foreach (var (region, control) in controls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var reply = await OnAnyEndpointAsync(null, (endpoint, endpointRegion) => Get(control, endpoint, endpointRegion), ct).ConfigureAwait(false);
            if (!string.Equals(AwsCli.Text(reply, "RoutingControlState"), On, StringComparison.Ordinal))
            {
                off.Add(region);
            }
        }

        return off.Count == 0
            ? $"routing controls On: {string.Join(", ", controls.Keys.Order(StringComparer.Ordinal))}"
            : throw new CloudCommandFailedException($"routing controls still Off after the update: {string.Join(", ", off)}");
    }

    public static AwsCommand Get(string control, string endpoint, string endpointRegion) =>
        new("route53-recovery-cluster", "get-routing-control-state", endpointRegion, ["--routing-control-arn", control, "--endpoint-url", endpoint]);

    /// <summary>Cluster endpoints in the order DrKit tries them: regions other than <paramref name="avoid"/> first.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Order(IReadOnlyDictionary<string, string> endpoints, string? avoid) =>
        [.. endpoints.OrderBy(e => e.Key == avoid ? 1 : 0).ThenBy(e => e.Key, StringComparer.Ordinal)];

    public async Task ShiftAsync(TrafficShift shift, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shift);
        if (shift.Percent != 100)
        {
            throw new NotSupportedException($"routing controls switch a region on or off; {shift.Percent}% goes through record weights (drkit failback)");
        }

        if (!controls.ContainsKey(shift.TargetRegion))
        {
            throw new CloudCommandFailedException($"no routing control gates {shift.TargetRegion}; the stack declares controls for {string.Join(", ", controls.Keys)}.");
        }

        var leaving = controls.Keys.FirstOrDefault(r => r != shift.TargetRegion);
        await UpdateAsync(leaving, controls.Keys.ToDictionary(r => r, r => r == shift.TargetRegion ? On : Off, StringComparer.Ordinal),
            (endpoint, region) => Update(controls, shift.TargetRegion, endpoint, region), ct).ConfigureAwait(false);
        await state.SetAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OpsConfig.TrafficActiveRegion] = shift.TargetRegion,
            [OpsConfig.TrafficPercent] = OpsConfig.Text(100),
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Reads each control's state from the data plane: the region whose control alone is On holds 100%.</summary>
    public async Task<TrafficState> GetStateAsync(CancellationToken ct)
    {
        var on = new List<string>();
        foreach (var (region, control) in controls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var reply = await OnAnyEndpointAsync(null, (endpoint, endpointRegion) => Get(control, endpoint, endpointRegion), ct).ConfigureAwait(false);
            if (string.Equals(AwsCli.Text(reply, "RoutingControlState"), On, StringComparison.Ordinal))
            {
                on.Add(region);
            }
        }

        return on.Count switch
        {
            0 => new TrafficState("(none)", 0),
            1 => new TrafficState(on[0], 100),
            _ => new TrafficState(on[0], 100 / on.Count),
        };
    }

    /// <summary>
    /// Sends the update to one cluster endpoint after another until one takes it. Before each retry the controls are read:
    /// an update whose reply was lost may have been applied, and a second one inside the wait period would be refused
    /// although traffic already moved; only when they are not yet as wanted is the update sent again, after the wait period.
    /// </summary>
    private async Task UpdateAsync(string? avoid, IReadOnlyDictionary<string, string> wanted, Func<string, string, AwsCommand> command, CancellationToken ct)
    {
        var errors = new List<string>();
        foreach (var (region, endpoint) in Order(endpoints, avoid))
        {
            if (errors.Count > 0)
            {
                if (await AsWantedAsync(avoid, wanted, ct).ConfigureAwait(false))
                {
                    return;
                }

                await Task.Delay(WaitPeriod, Time, ct).ConfigureAwait(false);
            }

            try
            {
                await aws.RunAsync(command(endpoint, region), ct).ConfigureAwait(false);
                return;
            }
            catch (CloudCommandFailedException e)
            {
                errors.Add($"{region}: {e.Message}");
            }
        }

        if (!await AsWantedAsync(avoid, wanted, ct).ConfigureAwait(false))
        {
            throw new CloudCommandFailedException($"no ARC cluster endpoint answered ({string.Join("; ", errors)}).");
        }
    }

    /// <summary>Whether every control reads as <paramref name="wanted"/> (region -> On/Off); false when they cannot be read. The
    /// reads try <paramref name="avoid"/>'s cluster endpoint last, as the update does: in a failover it is the failed region's.</summary>
    private async Task<bool> AsWantedAsync(string? avoid, IReadOnlyDictionary<string, string> wanted, CancellationToken ct)
    {
        try
        {
            foreach (var (region, state) in wanted)
            {
                var reply = await OnAnyEndpointAsync(avoid, (endpoint, endpointRegion) => Get(controls[region], endpoint, endpointRegion), ct).ConfigureAwait(false);
                if (!string.Equals(AwsCli.Text(reply, "RoutingControlState"), state, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
        catch (CloudCommandFailedException)
        {
            return false;
        }
    }

    private async Task<System.Text.Json.JsonElement> OnAnyEndpointAsync(string? avoid, Func<string, string, AwsCommand> command, CancellationToken ct)
    {
        var errors = new List<string>();
        foreach (var (region, endpoint) in Order(endpoints, avoid))
        {
            try
            {
                return await aws.RunAsync(command(endpoint, region), ct).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException e)
            {
                errors.Add($"{region}: {e.Message}");
            }
        }

        throw new CloudCommandFailedException($"no ARC cluster endpoint answered ({string.Join("; ", errors)}).");
    }
}
