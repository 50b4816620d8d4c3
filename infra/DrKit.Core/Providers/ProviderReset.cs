using DrKit.Core.Planning;

namespace DrKit.Core.Providers;

/// <summary>What failback does with one parameter-switched chain: put it back on its primary rung, or leave it and say why.</summary>
/// <param name="Switches">The writes, one per stack region, serving region first; empty when the chain is left as it is.</param>
/// <param name="Left">Why the chain is left on its fallback; null when it is reset.</param>
public sealed record ProviderReset(string Component, string PrimaryRung, IReadOnlyList<ProviderSwitch> Switches, string? Left);

/// <summary>
/// Decides, for a failback, first the alignment of every region's switch with the rung the recovery region serves on
/// (<see cref="Align"/>), before a single user is routed back, then the return of each parameter-switched chain to its
/// primary rung. The return is planned, so
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
            var url = primary.HealthCheckUrlIn(regions[0]);
            string? left = url is null
                ? $"{primary.Name} declares no healthCheckUrl{(primary.Probed ? $" for {regions[0]}" : string.Empty)}, so its recovery cannot be verified; the chain stays on its fallback: {later}"
                : !healthy.TryGetValue(primary.Name, out var up) ? $"{primary.Name} was not probed; the chain stays on its fallback: {later}"
                : !up ? $"{primary.Name} fails its health check ({url}); the chain stays on its fallback: {later}"
                : null;
            left = left is null ? null : left + $" (every region stays on the rung the recovery region served on, aligned before traffic returned)";
            var why = $"failback: {primary.Name} passes its health check ({url})";
            resets.Add(new ProviderReset(c.Name, primary.Name,
                left is null ? [.. regions.Select(r => new ProviderSwitch(c.Name, parameter, r, primary.Name, why))] : [], left));
        }

        return resets;
    }

    /// <summary>
    /// The writes that put every region other than <paramref name="recovery"/> on the rung the recovery region's
    /// parameter holds (<paramref name="current"/>, read from SSM there). During the outage only the recovery region's
    /// copy moved; the primary's still holds its pre-outage value, so users routed back in the first traffic stage would
    /// call a rung that may be the one that failed, and a rising error rate would roll the failback back for a reason
    /// that has nothing to do with the region. A chain whose recovery value is unknown gets no write.
    /// </summary>
    /// <param name="regions">Every stack region (primary first).</param>
    public static IReadOnlyList<ProviderSwitch> Align(IEnumerable<ComponentPlan> components, string recovery, IReadOnlyList<string> regions, IReadOnlyDictionary<string, string?> current)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(current);
        return [.. components.Where(c => c.Settings is ModelProviderSettings { SwitchParameter: not null } && current.GetValueOrDefault(c.Name) is not null)
            .SelectMany(c => regions.Where(r => r != recovery).Select(r => new ProviderSwitch(c.Name, ((ModelProviderSettings)c.Settings).SwitchParameter!, r, current[c.Name]!,
                $"failback: users return to {r}, where the chain must serve on {current[c.Name]} as it does in {recovery}")))];
    }
}
