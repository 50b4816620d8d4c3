using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Providers;

/// <summary>One write of a chain's switch parameter: which rung the application in <paramref name="Region"/> uses from now on.</summary>
public sealed record ProviderSwitch(string Component, string Parameter, string Region, string Rung, string Why);

/// <summary>
/// Decides, for a failover out of a failed region, the rung each parameter-switched chain's application in the recovery
/// region should use. It starts from the chain's current rung, the value the recovery region's parameter holds (read from
/// SSM there: real state, and a call to the region being activated only): the chain stays on it when it survives the
/// failed region and does not fail its health check, because an operator's earlier <c>drkit switch-model</c> moved it
/// there for a reason. Otherwise the rungs after it are tried in order, skipping those that live in the failed region,
/// are named down or fail their probe, and preferring one that keeps retrieval over an earlier one whose embeddings do
/// not fit the index; a rung before the current one is taken back only on a passing probe. Hosted APIs and Azure OpenAI
/// do not fail with an AWS region; Bedrock fails with its region; the stack's own endpoint survives where it has an
/// endpoint in the recovery region. A rung that processes prompts outside the stack's jurisdictions
/// (<see cref="RungJurisdiction.Outside"/>) is not switched to, as <see cref="ModelSwitch"/> refuses it; a current rung an
/// operator forced there is kept, and the reason says where it processes. When no rung survives, the value is
/// <see cref="Degraded"/>: the application runs its degraded mode. A chain the operator already put in its degraded mode
/// stays there.
/// <para>
/// When every probe of two or more rungs failed, the failure is taken as the probe path's (the probes' host unreachable,
/// e.g. a global name still routing to the failed region), not as every provider down at once: the decision is made as
/// if nothing had been probed, and says so. A single failed probe stays a signal: one rung cannot tell path from provider.
/// </para>
/// </summary>
public static class ProviderFailover
{
    public const string Degraded = "degraded";

    /// <param name="current">Component -> the value its parameter holds in the recovery region; absent or null: unknown,
    /// and the whole chain is considered from its first rung.</param>
    /// <param name="healthy">Rung -> result of its health check; absent rungs were not probed.</param>
    public static IReadOnlyList<ProviderSwitch> Decide(IEnumerable<ComponentPlan> components, string failedRegion, string recoveryRegion, IReadOnlyCollection<string> down,
        IReadOnlyDictionary<string, string?>? current = null, IReadOnlyDictionary<string, bool>? healthy = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(down);
        healthy ??= new Dictionary<string, bool>(StringComparer.Ordinal);
        var note = string.Empty;
        if (ProbePathBroken(healthy))
        {
            note = $"; every health probe failed ({string.Join(", ", healthy.Keys)}): taken as a broken probe path, not every provider down, so decided as if nothing had been probed";
            healthy = new Dictionary<string, bool>(StringComparer.Ordinal);
        }

        var all = components.ToList();
        var endpoints = all.Where(c => c.Settings is EndpointSettings).ToDictionary(c => c.Name, c => (EndpointSettings)c.Settings, StringComparer.Ordinal);
        var switches = new List<ProviderSwitch>();
        foreach (var c in all)
        {
            if (c.Settings is not ModelProviderSettings { SwitchParameter: { } parameter } chain)
            {
                continue;
            }

            string? Lost(ProviderRungSpec rung) => ProviderFailover.Lost(rung, failedRegion, recoveryRegion, endpoints, down, healthy);
            string? Candidate(ProviderRungSpec rung) => Lost(rung) ?? Outside(rung, chain.Jurisdictions);
            var value = current?.GetValueOrDefault(c.Name);
            var rungs = chain.Providers.ToList();
            var active = rungs.FirstOrDefault(r => r.Name == value);
            if (value == Degraded)
            {
                switches.Add(new ProviderSwitch(c.Name, parameter, recoveryRegion, Degraded, $"the parameter in {recoveryRegion} holds {Degraded}: the chain stays in its degraded mode{note}"));
                continue;
            }

            if (active is not null && Lost(active) is null)
            {
                switches.Add(new ProviderSwitch(c.Name, parameter, recoveryRegion, active.Name,
                    $"the chain runs on {active.Name} (read in {recoveryRegion}), which does not depend on {failedRegion}{(healthy.ContainsKey(active.Name) ? " and passes its health check" : string.Empty)}" +
                    (Outside(active, chain.Jurisdictions) is { } outside ? $"; kept where an operator put it, although it {outside}" : string.Empty) + note));
                continue;
            }

            var skipped = new List<string>();
            if (active is not null)
            {
                skipped.Add($"the chain runs on {active.Name}, which {Lost(active)}");
            }
            else if (value is not null)
            {
                skipped.Add($"the parameter in {recoveryRegion} holds '{value}', no rung of the chain");
            }

            // After the current rung, in chain order; earlier rungs only on a passing probe (they were left for a reason).
            var start = active is null ? 0 : rungs.IndexOf(active) + 1;
            var surviving = new List<ProviderRungSpec>();
            foreach (var rung in rungs.Skip(start).Concat(rungs.Take(active is null ? 0 : rungs.IndexOf(active)).Where(r => healthy.GetValueOrDefault(r.Name))))
            {
                if (Candidate(rung) is { } lost)
                {
                    skipped.Add($"{rung.Name} {lost}");
                }
                else
                {
                    surviving.Add(rung);
                }
            }

            // A surviving rung whose embeddings do not fit the index returns nonsense from retrieval; a later survivor
            // that keeps retrieval serves better, so it wins. Only when every survivor breaks retrieval is the first taken.
            var target = ModelSwitch.Pick(chain, surviving);
            var passed = target is null ? [] : surviving.TakeWhile(r => r != target).Select(r => $"{r.Name} would break retrieval").ToList();
            skipped.AddRange(passed);
            var why = skipped.Count == 0
                ? $"{target!.Name} does not depend on {failedRegion}"
                : target is null
                    ? $"no rung survives ({string.Join("; ", skipped)}): the application runs its degraded mode"
                    : $"{target.Name} is the first rung that survives{(passed.Count == 0 ? "" : " and keeps retrieval")} ({string.Join("; ", skipped)})";
            switches.Add(new ProviderSwitch(c.Name, parameter, recoveryRegion, target?.Name ?? Degraded, why + note));
        }

        return switches;
    }

    /// <summary>Every rung name of the plan's parameter-switched chains, which <c>--provider-down</c> may name.</summary>
    public static IReadOnlySet<string> RungNames(IEnumerable<ComponentPlan> components) =>
        components.Select(c => c.Settings).OfType<ModelProviderSettings>().SelectMany(s => s.Providers).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Two or more rungs probed and every probe failed: the probes' path, not the providers, is the likelier failure.</summary>
    public static bool ProbePathBroken(IReadOnlyDictionary<string, bool> healthy)
    {
        ArgumentNullException.ThrowIfNull(healthy);
        return healthy.Count > 1 && healthy.Values.All(up => !up);
    }

    /// <summary>The jurisdiction filter <see cref="ModelSwitch"/> applies, worded as a skipped rung's reason.</summary>
    private static string? Outside(ProviderRungSpec rung, IReadOnlyList<string> jurisdictions) =>
        RungJurisdiction.Outside(rung, jurisdictions) is { } outside ? outside[(rung.Name.Length + 1)..] : null;

    private static string? Lost(ProviderRungSpec rung, string failed, string recovery, Dictionary<string, EndpointSettings> endpoints, IReadOnlyCollection<string> down,
        IReadOnlyDictionary<string, bool> healthy)
    {
        if (down.Contains(rung.Name))
        {
            return "is down";
        }

        if (healthy.TryGetValue(rung.Name, out var up) && !up)
        {
            return rung.HealthCheckUrlIn(recovery) is { } url ? $"fails its health check ({url})" : "fails its health check";
        }

        return rung.Provider switch
        {
            ProviderType.Bedrock when rung.Region == failed => $"is Bedrock in {failed}",
            ProviderType.InferenceEndpoint when !(endpoints.GetValueOrDefault(rung.Endpoint!)?.Endpoints.ContainsKey(recovery) ?? false) =>
                $"serves from {rung.Endpoint}, which has no endpoint in {recovery}",
            _ => null,
        };
    }
}
