using DrKit.Core.Planning;

namespace DrKit.Core.Providers;

/// <summary>What failback does with one parameter-switched chain: put it back on its primary rung, or leave it and say why.</summary>
/// <param name="Switches">The writes, one per stack region, serving region first; empty when the chain is left as it is.</param>
/// <param name="Left">Why the chain is left on its fallback; null when it is reset.</param>
public sealed record ProviderReset(string Component, string PrimaryRung, IReadOnlyList<ProviderSwitch> Switches, string? Left);

/// <summary>
/// Decides, for a failback, the return of each parameter-switched chain to its primary rung. The return is planned, so
/// it waits for proof: the primary rung's health check must pass. A rung without one, or one that fails it, keeps the
/// chain on the fallback it runs on, and the decision names the <c>drkit switch-model</c> command that moves it back
/// once the provider serves. Every stack region is written (the returned primary serves first; the recovery region's
/// copy is reset too, so the next failover starts from the chain as planned): in a failback every region is healthy.
/// </summary>
public static class ProviderFailback
{
    public static IReadOnlyList<ProviderReset> Reset(IEnumerable<ComponentPlan> components, string stack, IReadOnlyList<string> regions, IReadOnlyDictionary<string, bool> healthy)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(healthy);
        var resets = new List<ProviderReset>();
        foreach (var c in components)
        {
            if (c.Settings is not ModelProviderSettings { SwitchParameter: { } parameter } chain)
            {
                continue;
            }

            var primary = chain.Providers[0];
            var later = $"switch back once it serves with 'drkit switch-model {stack} --component {c.Name} --to {primary.Name}'";
            string? left = primary.HealthCheckUrl is null
                ? $"{primary.Name} declares no healthCheckUrl, so its recovery cannot be verified; the chain stays on its fallback: {later}"
                : !healthy.TryGetValue(primary.Name, out var up) ? $"{primary.Name} was not probed; the chain stays on its fallback: {later}"
                : !up ? $"{primary.Name} fails its health check ({primary.HealthCheckUrl}); the chain stays on its fallback: {later}"
                : null;
            var why = $"failback: {primary.Name} passes its health check ({primary.HealthCheckUrl})";
            resets.Add(new ProviderReset(c.Name, primary.Name,
                left is null ? [.. regions.Select(r => new ProviderSwitch(c.Name, parameter, r, primary.Name, why))] : [], left));
        }

        return resets;
    }
}
