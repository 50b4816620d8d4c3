using System.Globalization;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Core.Providers;

namespace DrKit.Core.Estimation;

internal static partial class Estimator
{
    /// <summary>
    /// A provider chain's RTO is the switch to the fallback a switch from the primary takes
    /// (<see cref="ModelSwitch.TakenFromPrimary"/>, the rung the operations pick): the steps of one switch
    /// (<see cref="SwitchFigures"/>, the same figures the chain table's per-rung switch RTO adds up), plus re-embedding
    /// the index only when that rung's embeddings do not fit it.
    /// </summary>
    private static Draft ModelProvider(ComponentSpec c, ModelProviderOptions o, EstimateContext ctx)
    {
        var index = ctx.Index(o);
        SwitchSteps Steps(ProviderRungSpec rung)
        {
            var (detection, decision, change) = SwitchFigures(o, rung, c.Tier, ctx);
            return new SwitchSteps(detection.Typical, decision?.Typical ?? TimeSpan.Zero, change.Typical, detection.UnboundedBecause);
        }

        var verdicts = ProviderChain.Judge(o.Providers, index, o.SwitchTime, o.PeakTokensPerMinute, Steps);
        var parameter = o.Switch == SwitchMechanism.Parameter ? SwitchParameter.Name(ctx.Stack.StackName, c.Name) : null;
        var degradedAfter = verdicts.Count == 0 ? TimeSpan.Zero : verdicts[^1].ReachedAfter + Steps(o.Providers[^1]).Detection;
        var settings = new ModelProviderSettings(o.Providers, verdicts, index?.Index, index?.Embedding, index?.Fallback, index?.Vectors ?? 0,
            o.Switch, o.SwitchTime, parameter, o.DegradedModes, degradedAfter) { Jurisdictions = ctx.Stack.Policy.Jurisdictions };
        var primary = o.Providers[0];
        var rto = new Derivation("RTO");
        var (detect, decide, switchOver) = SwitchFigures(o, primary, c.Tier, ctx);
        rto.Add("detection", detect, o.Switch == SwitchMechanism.Parameter
            ? $"no checker DrKit declares watches {primary.Name}: detection is when someone notices"
            : $"the application's client: {primary.Name} checked every {DurationText.Format(primary.HealthCheckInterval)} x {primary.FailureThreshold} failures");
        if (decide is not null)
        {
            rto.Add("decision", decide, "from the failing provider to an operator's drkit switch-model (nothing flips the parameter by itself)");
        }

        rto.Add("switch", switchOver, o.Switch == SwitchMechanism.Parameter
                ? "write the switch parameter in the serving region (SSM put and read-back); the application re-reads it"
                : "the client gives up on a timed-out request and calls the next provider");
        string? unbounded = null;
        if (verdicts.Count > 1)
        {
            var taken = ModelSwitch.TakenFromPrimary(settings);
            var next = taken is null ? null : verdicts.Single(v => v.Rung == taken.Name);
            if (next?.Reembed is { } reembed)
            {
                rto.Add("re-embed", Figure.Assumed(reembed, reembed * 2, "DrKit assumption (embedding throughput of the rung, half at worst)"),
                    $"{index!.Vectors.ToString("N0", CultureInfo.InvariantCulture)} vectors at {taken!.EmbeddingThroughput.ToString("N0", CultureInfo.InvariantCulture)}/s with {taken.Embedding} ({taken.Name}, the rung a switch takes)");
            }

            // No rung escapes the primary's outage, or the one taken cannot embed: the switch bounds nothing.
            if (next is null)
            {
                unbounded = $"every fallback shares {primary.Name}'s provider and region";
            }
            else if (next.Retrieval == RetrievalImpact.NoEmbeddings)
            {
                unbounded = $"{next.Rung}: {next.Summary}";
            }
        }

        if (unbounded is not null)
        {
            rto.Add("fallback", Figure.Unbounded(TimeSpan.Zero, TermBasis.Configured, "drkit:components.<chain>.providers", unbounded), "the fallback a switch takes does not restore the service");
        }

        var caveats = verdicts.Where(v => v.Status is not (RungStatus.Primary or RungStatus.Compatible)).Select(v => $"{v.Rung}: {v.Summary}").ToList();
        if (verdicts.Count > 0 && verdicts[0].Status == RungStatus.BreaksRetrieval)
        {
            caveats.Insert(0, $"{verdicts[0].Rung}: {verdicts[0].Summary}");
        }

        // A per-region map without a recovery region's entry leaves that rung unprobed in a failover there: the failover
        // asks only the recovery region's application, never the single URL or the failed region's.
        caveats.AddRange(o.Providers.Where(p => p.HealthCheckUrls.Count > 0)
            .SelectMany(p => ctx.Stack.RecoveryRegions.Where(r => !p.HealthCheckUrls.ContainsKey(r))
                .Select(r => $"{p.Name} has no healthCheckUrl for recovery region {r}: a failover to {r} cannot probe it (add {r} to its healthCheckUrl map)")));
        if (o.DegradedModes.Count == 0)
        {
            caveats.Add("when every provider fails, requests fail: declare a degradedMode (cached-responses, queue)");
        }

        var regions = o.Providers.Select((p, i) => Region.Of(
            p.Region ?? (p.Provider == ProviderType.InferenceEndpoint ? "stack" : "global"),
            i == 0 ? "primary" : $"fallback {i}",
            ("provider", ProviderChain.Where(p)),
            ("chat", $"{p.ChatModel} ({p.ContextWindow.ToString("N0", CultureInfo.InvariantCulture)} ctx, {p.MaxOutputTokens.ToString("N0", CultureInfo.InvariantCulture)} out{(p.FunctionCalling ? ", tools" : string.Empty)})"),
            ("embeddings", p.Embedding?.ToString() ?? "none"),
            ("processing", RungJurisdiction.Of(p).Scope ?? (p.Provider == ProviderType.InferenceEndpoint ? "stack regions" : "unknown")),
            ("verdict", Reporting.Format.Status(verdicts[i].Status)))).ToList();
        return new Draft(Mechanism(o), Stateless(rto, [.. caveats]), settings, regions);
    }

    /// <summary>
    /// The figures of one switch away from a failing rung. Client-side: the application's health checker (interval x
    /// threshold, the seed's 30 s checker) and the request timeout, nobody deciding. Parameter: nothing DrKit declares
    /// probes a rung between operations or pages anyone when it fails (the stack's outage alarm watches the endpoint's
    /// health path, which stays green while a provider is down, and must, or routing would move the region), so the
    /// detection has no worst case: typical is taken as the stack's paged detection, labelled as the assumption it is;
    /// then the operator's decision and the parameter write the application re-reads.
    /// </summary>
    private static (Figure Detection, Figure? Decision, Figure Switch) SwitchFigures(ModelProviderOptions o, ProviderRungSpec rung, Tier tier, EstimateContext ctx)
    {
        if (o.Switch != SwitchMechanism.Parameter)
        {
            return (Figure.Sourced(ProviderChain.Detection(rung), Sources.SeedAiDr + " (multi-provider guide: health checker every 30 seconds)"), null,
                Figure.Sourced(o.SwitchTime, Sources.SeedAiDr + " (multi-provider guide: 30 second request timeout)"));
        }

        var paged = ctx.Paged;
        return (Figure.Unbounded(paged.Typical, TermBasis.Assumed,
                $"DrKit assumption: typical as the stack's outage page ({paged.Source}), which does not watch {rung.Name}",
                NoCheckerDeclared),
            ctx.Decision(tier),
            Figure.Assumed(o.SwitchTime, o.SwitchTime * 2, "DrKit assumption (the application re-reads the parameter every minute)"));
    }

    /// <summary>Why a parameter switch's detection has no worst case.</summary>
    internal const string NoCheckerDeclared = "no provider checker declared: detection is when someone notices";

    private static string Mechanism(ModelProviderOptions o)
    {
        var degraded = o.DegradedModes.Count == 0
            ? "then failing requests"
            : "then " + string.Join(" + ", o.DegradedModes.Select(m => m == DegradedMode.CachedResponses ? "cached responses" : "queue"));
        return $"provider chain ({(o.Switch == SwitchMechanism.Parameter ? "switch parameter" : "client-side switch")}): {string.Join(" -> ", o.Providers.Select(p => p.Name))}, {degraded}";
    }
}
