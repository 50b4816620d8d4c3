using System.Globalization;
using DrKit.Core.Model;
using DrKit.Core.Planning;
using DrKit.Core.Providers;

namespace DrKit.Core.Reporting;

/// <summary>One rung of a model-provider chain as every human-facing format shows it.</summary>
public sealed record ProviderChainRow(string Position, string Rung, string Where, string Chat, string Embeddings, string SwitchRto, RungStatus Status, string Meaning);

/// <summary>The chain tables of a plan: the same cells for the console and for Markdown.</summary>
public static class ProviderChainRows
{
    public static readonly IReadOnlyList<string> Columns = ["#", "Rung", "Provider", "Chat model", "Embeddings", "Switch RTO", "Verdict", "What it means"];

    /// <summary>The model-provider components of a plan, each with its settings.</summary>
    public static IEnumerable<(ComponentPlan Component, ModelProviderSettings Chain)> Chains(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Components.Where(c => c.Settings is ModelProviderSettings).Select(c => (c, (ModelProviderSettings)c.Settings));
    }

    public static IReadOnlyList<ProviderChainRow> Rows(ModelProviderSettings chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.Providers.Select((p, i) =>
        {
            var v = chain.Verdicts[i];
            var chat = $"{p.ChatModel}: {N(p.ContextWindow)} ctx, {N(p.MaxOutputTokens)} out" + (p.FunctionCalling ? ", tools" : string.Empty) + (p.Streaming ? string.Empty : ", no streaming");
            return new ProviderChainRow(i == 0 ? "1" : (i + 1).ToString(CultureInfo.InvariantCulture), p.Name, ProviderChain.Where(p), chat,
                p.Embedding?.ToString() ?? "none", i == 0 ? "-" : Format.Duration(v.SwitchRto) + (v.SwitchUnbounded is null ? string.Empty : "-unbounded"), v.Status, v.Summary);
        }).ToList();
    }

    /// <summary>The line under a chain's table: the index it feeds, the switch, and the degraded mode. On a stack with
    /// components on Azure (<paramref name="plan"/>) the switch parameter is said to be unavailable: it is an AWS Systems
    /// Manager parameter, and an Azure stack's regions have none.</summary>
    public static string Footer(ModelProviderSettings chain, DrPlan? plan = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var azure = plan is not null && Platforms.Platform.Components(plan, Platforms.Platform.Azure).Any();
        var index = chain.VectorIndex is null ? "no vector index" : $"feeds {chain.VectorIndex} ({chain.IndexEmbedding?.ToString() ?? "embedding unknown"}" +
            (chain.FallbackEmbedding is { } f ? $", second index {f})" : ")");
        var mechanism = chain.SwitchParameter is { } name
            ? azure
                ? $"switch: parameter {name} not available on Azure (an AWS Systems Manager parameter; 'drkit switch-model' refuses this stack): the application switches client-side"
                : $"switch: parameter {name} in each stack region"
            : "switch: client-side";
        var degraded = chain.DegradedModes.Count == 0
            ? "none (requests fail)"
            : string.Join(" + ", chain.DegradedModes.Select(m => m == DegradedMode.CachedResponses ? "cached responses" : "queue"));
        var unbounded = chain.Verdicts.Any(v => v.SwitchUnbounded is not null) ? "-unbounded" : string.Empty;
        return $"{index}; {mechanism}; after every rung fails ({Format.Duration(chain.DegradedAfter)}{unbounded}): {degraded}";
    }

    private static string N(int tokens) => tokens.ToString("N0", CultureInfo.InvariantCulture);
}
