using System.Globalization;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Providers;

/// <summary>What retrieval depends on: the vector index a chain's embeddings feed, as the stack declares it.</summary>
/// <param name="Embedding">The model and dimension the index was built with.</param>
/// <param name="Fallback">A second index kept embedded with a fallback's model; null without one.</param>
public sealed record IndexEmbeddings(string Index, EmbeddingSpec? Embedding, EmbeddingSpec? Fallback, long Vectors);

/// <summary>
/// Judges every rung of a model-provider chain before an outage does: how long the switch to it takes, whether its
/// embeddings fit the vector index (and if not, how long re-embedding the index at its throughput takes), what it
/// serves with less than the primary, and whether it sits on the same provider and region as an earlier rung.
/// </summary>
public static class ProviderChain
{
    /// <param name="peakTokensPerMinute">The service's peak chat load; a fallback that takes less is degraded (throttled).</param>
    /// <param name="steps">
    /// The steps of a switch away from a failing rung, as the component's estimate composes them (detection, the
    /// operator's decision for a parameter switch, the switch): one source for the chain table and the component figure.
    /// Null: a client-side switch, the rung's health check (interval x threshold) and <paramref name="switchTime"/>.
    /// </param>
    public static IReadOnlyList<RungVerdict> Judge(IReadOnlyList<ProviderRungSpec> rungs, IndexEmbeddings? index, TimeSpan switchTime, int? peakTokensPerMinute = null,
        Func<ProviderRungSpec, SwitchSteps>? steps = null)
    {
        ArgumentNullException.ThrowIfNull(rungs);
        steps ??= rung => SwitchSteps.Client(rung, switchTime);
        var verdicts = new List<RungVerdict>();
        var reached = TimeSpan.Zero;
        for (var i = 0; i < rungs.Count; i++)
        {
            var rung = rungs[i];
            var switchRto = TimeSpan.Zero;
            string? unbounded = null;
            var why = new List<string>();
            if (i > 0)
            {
                var before = rungs[i - 1];
                var step = steps(before);
                switchRto = step.Total;
                reached += step.Total;
                unbounded = step.Unbounded;
                why.Add($"switch RTO {F(switchRto)}{(unbounded is null ? string.Empty : "-unbounded")} ({step.Describe(before.Name)})");
            }

            var sameAs = rungs.Take(i).FirstOrDefault(r => Identity(r) == Identity(rung))?.Name;
            var pool = sameAs is null ? SharedPool(rung) : null;
            var poolWith = pool is null ? null : rungs.Take(i).FirstOrDefault(r => SharedPool(r) == pool)?.Name;
            var degradations = i == 0 ? [] : Degradations(rungs[0], rung, peakTokensPerMinute);
            var (retrieval, reembed, retrievalWhy) = Retrieval(rung, index);
            var status = sameAs is not null ? RungStatus.NoProtection
                : retrieval is RetrievalImpact.Breaks or RetrievalImpact.NoEmbeddings ? RungStatus.BreaksRetrieval
                : i == 0 ? RungStatus.Primary
                : degradations.Count > 0 ? RungStatus.Degraded
                : RungStatus.Compatible;
            if (sameAs is not null)
            {
                why.Add($"no protection: {Identity(rung)} is also {sameAs}'s, so the outage that takes {sameAs} takes {rung.Name}");
            }

            if (poolWith is not null)
            {
                why.Add($"shares the {pool} with {poolWith}: distinct regions, but may share a model-capacity incident");
            }

            if (retrievalWhy is not null)
            {
                why.Add(retrieval is RetrievalImpact.Breaks or RetrievalImpact.NoEmbeddings ? "breaks retrieval: " + retrievalWhy : retrievalWhy);
            }

            if (degradations.Count > 0)
            {
                why.Add("degraded: " + string.Join("; ", degradations));
            }

            // Azure screens prompts and completions with its content filter (the deployment's Microsoft.DefaultV2 policy):
            // it can refuse what a non-Azure primary answers. Named, not counted as a lost capability: how often it bites
            // depends on the service's prompts, which the plan cannot see
            // (https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter).
            if (i > 0 && rung.Provider == ProviderType.AzureOpenAi && rungs[0].Provider != ProviderType.AzureOpenAi)
            {
                why.Add($"Azure content filter: Microsoft.DefaultV2 may refuse prompts or answers {rungs[0].Name} serves");
            }

            verdicts.Add(new RungVerdict(rung.Name, i, status, steps(rung).Detection, switchRto, reached, retrieval, reembed, retrievalWhy, degradations, sameAs,
                why.Count == 0 ? $"primary: {Where(rung)}, {rung.ChatModel}" : string.Join("; ", why)) { SwitchUnbounded = unbounded, SharesPoolWith = poolWith });
        }

        return verdicts;
    }

    /// <summary>Time to notice a rung is down: its health check interval times its failure threshold.</summary>
    public static TimeSpan Detection(ProviderRungSpec rung)
    {
        ArgumentNullException.ThrowIfNull(rung);
        return rung.HealthCheckInterval * rung.FailureThreshold;
    }

    /// <summary>Provider and region; a hosted API without a region is one provider wherever it is called from.</summary>
    public static string Where(ProviderRungSpec rung)
    {
        ArgumentNullException.ThrowIfNull(rung);
        return rung.Provider == ProviderType.InferenceEndpoint
            ? $"{Names.Of(rung.Provider)} {rung.Endpoint}"
            : rung.Region is { } region ? $"{Names.Of(rung.Provider)} {region}" : Names.Of(rung.Provider);
    }

    /// <summary>
    /// What fails together, for the no-protection verdict: provider and location, except that a hosted API is one platform
    /// whatever residency region a rung declares. <see cref="ModelSwitch"/> refuses and skips by the same identity, so the
    /// operations and the estimate agree with the verdict. A shared processing pool is not part of it
    /// (<see cref="SharedPool"/>): Microsoft's BCDR guide for Azure OpenAI recommends GlobalStandard deployments in two
    /// regions, because an interruption of the resource's region affects all traffic routed to it whatever the
    /// deployment type (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/business-continuity-disaster-recovery,
    /// https://learn.microsoft.com/azure/ai-foundry/openai/how-to/deployment-types).
    /// </summary>
    public static string Identity(ProviderRungSpec rung) => rung.Provider switch
    {
        ProviderType.OpenAi or ProviderType.Anthropic => Names.Of(rung.Provider),
        _ => Where(rung),
    };

    /// <summary>
    /// The model-capacity pool an Azure chat deployment draws on beyond its location: GlobalStandard processes in one global
    /// pool, DataZoneStandard in its data zone's; null for any other rung. Two rungs on one pool are distinct failure
    /// domains for a regional interruption but may share a capacity incident: an advisory, never a refusal.
    /// </summary>
    public static string? SharedPool(ProviderRungSpec rung)
    {
        ArgumentNullException.ThrowIfNull(rung);
        return rung.Provider != ProviderType.AzureOpenAi ? null
            : rung.ChatSku == AzureDeploymentSku.GlobalStandard ? $"{Names.Of(rung.Provider)} GlobalStandard pool"
            : rung.ChatSku == AzureDeploymentSku.DataZoneStandard && RungJurisdiction.Of(rung).Scope is { } zone ? $"{Names.Of(rung.Provider)} DataZoneStandard {zone} pool"
            : null;
    }

    /// <summary>
    /// The chat tokens per minute a rung can take: an Azure deployment's capacity (thousands of TPM, a rate limit on
    /// Standard types: https://learn.microsoft.com/azure/ai-foundry/openai/quotas-limits), a hosted rung's declared limit,
    /// else null (not known, not judged).
    /// </summary>
    public static int? ChatTokensPerMinute(ProviderRungSpec rung)
    {
        ArgumentNullException.ThrowIfNull(rung);
        return rung.Provider == ProviderType.AzureOpenAi ? rung.ChatCapacity * 1000 : rung.TokensPerMinute;
    }

    private static List<string> Degradations(ProviderRungSpec primary, ProviderRungSpec rung, int? peak)
    {
        var lost = new List<string>();
        if (peak is { } load && ChatTokensPerMinute(rung) is { } capacity && capacity < load)
        {
            lost.Add($"capacity {N(capacity / 1000)}K TPM < peak {N(load / 1000)}K TPM (requests beyond it are throttled with 429s)");
        }

        if (rung.ContextWindow < primary.ContextWindow)
        {
            lost.Add($"context window {N(primary.ContextWindow)} -> {N(rung.ContextWindow)} tokens (long prompts and conversation history are cut)");
        }

        if (rung.MaxOutputTokens < primary.MaxOutputTokens)
        {
            lost.Add($"max output {N(primary.MaxOutputTokens)} -> {N(rung.MaxOutputTokens)} tokens (long answers are truncated)");
        }

        if (primary.FunctionCalling && !rung.FunctionCalling)
        {
            lost.Add("no function calling (tool use and structured actions stop working)");
        }

        if (primary.Streaming && !rung.Streaming)
        {
            lost.Add("no streaming (users wait for the whole answer)");
        }

        return lost;
    }

    private static (RetrievalImpact, TimeSpan?, string?) Retrieval(ProviderRungSpec rung, IndexEmbeddings? index)
    {
        if (index?.Embedding is not { } built)
        {
            return (RetrievalImpact.NoIndex, null, null);
        }

        if (rung.Embedding is not { } embedding)
        {
            return (RetrievalImpact.NoEmbeddings, null,
                $"{rung.Name} offers no embedding model, so queries cannot be embedded for {index.Index} (built with {built}); keep embedding calls on a provider that serves {built.Model}");
        }

        if (embedding == built)
        {
            return (RetrievalImpact.Same, null, null);
        }

        if (index.Fallback == embedding)
        {
            return (RetrievalImpact.SecondIndex, null, $"retrieval switches to {index.Index}'s second index, embedded with {embedding}");
        }

        var reembed = TimeSpan.FromSeconds(Math.Ceiling(index.Vectors / rung.EmbeddingThroughput));
        var modelDiffers = !string.Equals(embedding.Model, built.Model, StringComparison.Ordinal);
        var what = embedding.Dimensions == built.Dimensions ? "model differs" : modelDiffers ? "model and dimension differ" : "dimension differs";
        return (RetrievalImpact.Breaks, reembed,
            $"{index.Index} is embedded with {built}, {rung.Name} embeds with {embedding} ({what}: similarity search returns nonsense); " +
            $"re-embedding {index.Vectors.ToString("N0", CultureInfo.InvariantCulture)} vectors at {rung.EmbeddingThroughput.ToString("N0", CultureInfo.InvariantCulture)}/s takes {F(reembed)}, " +
            $"unless {index.Index} keeps a second index embedded with {embedding.Model} (fallbackIndex)");
    }

    private static string N(int tokens) => tokens.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(TimeSpan t) => DurationText.Format(t);
}
