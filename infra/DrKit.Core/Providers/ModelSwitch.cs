using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Providers;

/// <summary>What the operator asked of <c>drkit switch-model</c>, and what was read from the cloud before deciding.</summary>
/// <param name="To">The rung (or <see cref="ProviderFailover.Degraded"/>) asked for; null: the next healthy rung after the active one.</param>
/// <param name="Active">The value the switch parameter holds now, read from SSM in the serving region; null when unset or unread.</param>
/// <param name="Down">Rungs the operator knows are down.</param>
/// <param name="Healthy">Rung -> result of its health check, for rungs that declare one; absent rungs were not probed.</param>
/// <param name="Force">Override the safety refusals (each one overridden is named in the decision, to be journaled).</param>
public sealed record ModelSwitchRequest(string? To, string? Active, IReadOnlyCollection<string> Down, IReadOnlyDictionary<string, bool> Healthy, bool Force);

/// <summary>The rung a provider-only switch moves a chain to, or why it must not.</summary>
/// <param name="Target">The rung to write; null when refused.</param>
/// <param name="Why">Why this rung (or why none).</param>
/// <param name="Overridden">Safety refusals <c>--force</c> overrode, each in words; empty when none.</param>
/// <param name="Refusal">Why the switch is refused; null when it may go ahead.</param>
public sealed record ModelSwitchDecision(string? Target, string Why, IReadOnlyList<string> Overridden, string? Refusal)
{
    public bool Refused => Refusal is not null;

    /// <summary>The parameter already holds the target: nothing to write.</summary>
    public bool Unchanged { get; init; }
}

/// <summary>
/// Decides a switch of a model-provider chain while its region is fine and only the provider fails: which rung, and
/// which rungs are refused. A rung whose embeddings do not fit the vector index (no second index for them) breaks
/// retrieval; a rung whose health check fails, or that sits on the same provider and region as the active rung, does
/// not escape the outage; a rung that processes prompts outside the stack's jurisdictions breaches data residency. Each is refused unless forced, and a forced switch names what it overrode. Without a target,
/// the next rung after the active one that is neither down nor unhealthy is taken, preferring one that keeps retrieval.
/// </summary>
public static class ModelSwitch
{
    public static ModelSwitchDecision Decide(ModelProviderSettings chain, ModelSwitchRequest request)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(request);
        var rungs = chain.Providers;
        var active = rungs.FirstOrDefault(r => r.Name == request.Active);
        if (request.To is { } to)
        {
            if (to == request.Active)
            {
                return new ModelSwitchDecision(to, $"the switch already holds {to}", [], null) { Unchanged = true };
            }

            if (to == ProviderFailover.Degraded)
            {
                return new ModelSwitchDecision(to, "asked for the degraded mode: the application stops calling providers", [], null);
            }

            var rung = rungs.FirstOrDefault(r => r.Name == to)
                ?? throw new ArgumentException($"'{to}' is not a rung of this chain ({string.Join(", ", rungs.Select(r => r.Name))}) nor '{ProviderFailover.Degraded}'", nameof(request));
            return Judge(chain, request, rung, active, $"asked for {to}");
        }

        // The rungs after the active one, in chain order: a provider-only switch moves down the chain, never back up
        // (back to the primary is failback's, or an explicit --to). Unknown or degraded: the whole chain.
        var start = active is null ? 0 : rungs.ToList().IndexOf(active) + 1;
        var skipped = new List<string>();
        var candidates = new List<ProviderRungSpec>();
        foreach (var rung in rungs.Skip(start))
        {
            if (request.Down.Contains(rung.Name))
            {
                skipped.Add($"{rung.Name} is down");
            }
            else if (request.Healthy.TryGetValue(rung.Name, out var healthy) && !healthy)
            {
                skipped.Add($"{rung.Name} fails its health check");
            }
            else if (active is not null && SameOutage(rung, active))
            {
                skipped.Add($"{rung.Name} shares {active.Name}'s outage ({ProviderChain.Identity(rung)})");
            }
            else if (RungJurisdiction.Outside(rung, chain.Jurisdictions) is { } outside)
            {
                skipped.Add(outside);
            }
            else
            {
                candidates.Add(rung);
            }
        }

        var picked = Pick(chain, candidates);
        var safe = picked is not null && !BreaksRetrieval(chain, picked.Name) ? picked : null;
        var passed = candidates.TakeWhile(r => r != safe).Select(r => $"{r.Name} would break retrieval").ToList();
        var from = active is null ? $"the switch holds '{request.Active ?? "(nothing)"}', so the whole chain is considered" : $"after {active.Name}";
        var reasons = skipped.Concat(passed).ToList();
        var context = reasons.Count == 0 ? from : $"{from}; {string.Join("; ", reasons)}";
        if (safe is not null)
        {
            return new ModelSwitchDecision(safe.Name, $"{safe.Name} is the next healthy rung that keeps retrieval ({context})", [], null);
        }

        if (candidates.Count > 0)
        {
            return Judge(chain, request, candidates[0], active, $"{candidates[0].Name} is the next healthy rung ({context})");
        }

        return new ModelSwitchDecision(null, context, [],
            $"no healthy rung after {(active?.Name ?? "the start of the chain")} ({context}); switch to a named rung with --to <rung>, or to the degraded mode with --to {ProviderFailover.Degraded}");
    }

    private static ModelSwitchDecision Judge(ModelProviderSettings chain, ModelSwitchRequest request, ProviderRungSpec rung, ProviderRungSpec? active, string why)
    {
        var unsafeBecause = new List<string>();
        if (chain.Verdicts.FirstOrDefault(v => v.Rung == rung.Name) is { } verdict && BreaksRetrieval(chain, rung.Name))
        {
            unsafeBecause.Add($"{rung.Name} breaks retrieval: {verdict.RetrievalNote}");
        }

        if (request.Down.Contains(rung.Name))
        {
            unsafeBecause.Add($"{rung.Name} was named down");
        }

        if (request.Healthy.TryGetValue(rung.Name, out var healthy) && !healthy)
        {
            unsafeBecause.Add($"{rung.Name} fails its health check{(rung.HealthCheckUrl is { } url ? $" ({url})" : string.Empty)}");
        }

        if (active is not null && SameOutage(rung, active))
        {
            unsafeBecause.Add($"{rung.Name} fails together with the active rung {active.Name} ({ProviderChain.Identity(rung)}), so it shares its outage");
        }

        if (RungJurisdiction.Outside(rung, chain.Jurisdictions) is { } outside)
        {
            unsafeBecause.Add(outside);
        }

        if (unsafeBecause.Count == 0)
        {
            return new ModelSwitchDecision(rung.Name, why, [], null);
        }

        return request.Force
            ? new ModelSwitchDecision(rung.Name, $"{why}; forced over: {string.Join("; ", unsafeBecause)}", unsafeBecause, null)
            : new ModelSwitchDecision(null, why, [], $"Refused to switch to {rung.Name}: {string.Join("; ", unsafeBecause)}. " +
                "Re-run with --force --reason \"<why>\" to switch anyway (journaled).");
    }

    /// <summary>
    /// The one choice among candidate rungs every switch makes: the first, in chain order, that keeps retrieval; when all
    /// break it, the first (serving with broken retrieval still beats the degraded mode). <see cref="Decide"/>,
    /// <see cref="ProviderFailover.Decide"/> and the plan's estimate (<see cref="TakenFromPrimary"/>) all pick with it, so
    /// the figure is composed from the rung the operations take.
    /// </summary>
    public static ProviderRungSpec? Pick(ModelProviderSettings chain, IEnumerable<ProviderRungSpec> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var list = candidates.ToList();
        return list.FirstOrDefault(r => !BreaksRetrieval(chain, r.Name)) ?? list.FirstOrDefault();
    }

    /// <summary>
    /// The rung a switch away from the primary takes when nothing else is known to be down: the rungs after it that do
    /// not share its outage (<see cref="RungStatus.NoProtection"/> against the primary), picked by <see cref="Pick"/>.
    /// Null when every later rung shares the primary's outage.
    /// </summary>
    public static ProviderRungSpec? TakenFromPrimary(ModelProviderSettings chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var primary = chain.Providers[0];
        return Pick(chain, chain.Providers.Skip(1).Where(r => !SameOutage(r, primary)));
    }

    /// <summary>Whether the plan judged the rung to break retrieval (its embeddings do not fit the index, and no second index fits them).</summary>
    public static bool BreaksRetrieval(ModelProviderSettings chain, string rung)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.Verdicts.FirstOrDefault(v => v.Rung == rung) is { } v
            && (v.Status == RungStatus.BreaksRetrieval || v.Retrieval is RetrievalImpact.Breaks or RetrievalImpact.NoEmbeddings);
    }

    /// <summary>Two rungs that fail together, judged as the no-protection verdict judges them (<see cref="ProviderChain.Identity"/>).</summary>
    private static bool SameOutage(ProviderRungSpec a, ProviderRungSpec b) => a.Name != b.Name && ProviderChain.Identity(a) == ProviderChain.Identity(b);
}
