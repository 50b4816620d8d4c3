using DrKit.Core.Model;
using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Providers;

/// <summary>Which chain a provider-only switch acts on, the parameter it writes and the regions whose application reads it.</summary>
/// <param name="Regions">The regions that serve now: each one's copy of the parameter must be written and read back.</param>
public sealed record ModelSwitchScope(string Component, ModelProviderSettings Chain, string Parameter, IReadOnlyList<string> Regions)
{
    /// <summary>
    /// The stack's other regions, written after the serving ones on a best-effort basis: a failure is reported and never
    /// fails or holds the switch, so a region that does not answer is never needed. Keeping their copies equal to the
    /// serving one means a later failover to one of them starts from the rung the chain really runs on, not the one the
    /// copy held before an earlier switch.
    /// </summary>
    public IReadOnlyList<string> BestEffort { get; init; } = [];

    /// <summary>
    /// The parameter-switched chain named (or the stack's only one) and the regions serving now: those Route 53 sends
    /// users to under the traffic state operations recorded (the region a failover moved traffic to, alone, whatever the
    /// routing policy; else all regions of a latency-routed stack, or those with weight, or the primary), with the stack's other regions as <see cref="BestEffort"/>; or the one region
    /// the operator names, alone.
    /// </summary>
    /// <exception cref="ArgumentException">No such chain, several without a name, a client-side switch, or a region the stack does not use.</exception>
    public static ModelSwitchScope Of(DrPlan plan, OperationsState ops, string? component, string? region)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ops);
        var chains = plan.Components.Where(c => c.Settings is ModelProviderSettings).ToList();
        var switched = chains.Where(c => ((ModelProviderSettings)c.Settings).SwitchParameter is not null).Select(c => c.Name).ToList();
        var chosen = component is null
            ? switched.Count == 1 ? chains.Single(c => c.Name == switched[0])
                : throw new ArgumentException(switched.Count == 0
                    ? $"stack {plan.Stack} has no model-provider chain switched by parameter{(chains.Count == 0 ? string.Empty : $" ({string.Join(", ", chains.Select(c => c.Name))} switch client-side: the application's client walks the chain itself)")}; nothing to switch"
                    : $"stack {plan.Stack} has several parameter-switched chains ({string.Join(", ", switched)}): name one with --component")
            : chains.FirstOrDefault(c => c.Name == component)
                ?? throw new ArgumentException($"--component {component}: not a model-provider component of stack {plan.Stack} ({(chains.Count == 0 ? "it has none" : string.Join(", ", chains.Select(c => c.Name)))})");
        var chain = (ModelProviderSettings)chosen.Settings;
        var parameter = chain.SwitchParameter
            ?? throw new ArgumentException($"{chosen.Name} switches client-side (switch: client): the application's client walks the chain itself, so there is no parameter to write");
        var stackRegions = new[] { plan.PrimaryRegion }.Concat(plan.RecoveryRegions).ToList();
        if (region is not null)
        {
            return stackRegions.Contains(region)
                ? new ModelSwitchScope(chosen.Name, chain, parameter, [region])
                : throw new ArgumentException($"--region {region}: not a region of stack {plan.Stack} ({string.Join(", ", stackRegions)}); the parameter exists only there");
        }

        var traffic = TrafficState.Decide(plan, ops);
        // A failover recorded traffic on a recovery region: its routing control turned the failed region's record off,
        // so only that region serves, whatever the routing policy. Reading, writing or probing the failed region would make
        // a provider switch in the same incident depend on it (static stability); it is written best effort at most.
        var serving = ops.TrafficActiveRegion is { } moved && moved != plan.PrimaryRegion
            ? [moved]
            : traffic.Records.Where(r => r.Policy == RoutingPolicy.Latency || r.Weight > 0).Select(r => r.Region).ToList();
        IReadOnlyList<string> regions = serving.Count > 0 ? serving : [traffic.ActiveRegion];
        return new ModelSwitchScope(chosen.Name, chain, parameter, regions) { BestEffort = [.. stackRegions.Except(regions, StringComparer.Ordinal)] };
    }
}
