using DrKit.Core.Model;

namespace DrKit.Core.Planning;

/// <summary>How a fallback rung compares with the primary, worst first when it is more than one thing.</summary>
public enum RungStatus
{
    /// <summary>The first rung: what the service runs on.</summary>
    Primary,

    /// <summary>Same embeddings (or a second index for them) and no capability lost.</summary>
    Compatible,

    /// <summary>Serves, with less: a smaller context window, fewer output tokens, no function calling or no streaming.</summary>
    Degraded,

    /// <summary>Its embeddings do not fit the vector index: retrieval returns nonsense until the index is re-embedded.</summary>
    BreaksRetrieval,

    /// <summary>Same provider and region as an earlier rung: the outage that takes one takes both.</summary>
    NoProtection,
}

/// <summary>What a switch to a rung does to retrieval.</summary>
public enum RetrievalImpact
{
    /// <summary>The stack has no vector index this chain feeds.</summary>
    NoIndex,

    /// <summary>The rung embeds with the model the index was built with.</summary>
    Same,

    /// <summary>The rung's model differs, and the stack keeps a second index embedded with it.</summary>
    SecondIndex,

    /// <summary>The rung's model or dimension differs from the index's: queries embed into another vector space.</summary>
    Breaks,

    /// <summary>The rung offers no embedding model, so queries cannot be embedded at all.</summary>
    NoEmbeddings,
}

/// <summary>The plan's judgement of one rung of a model-provider chain.</summary>
/// <param name="Position">0 for the primary, 1 for the first fallback, ...</param>
/// <param name="Detection">How long the rung's own failure takes to detect, typical, by the chain's switch mechanism.</param>
/// <param name="SwitchRto">The steps of a switch away from the rung before it (detection, decision when a person decides, switch), typical: the outage when the rung before fails.</param>
/// <param name="ReachedAfter">When every rung before it fails in turn: one switch's steps per rung before it, typical.</param>
/// <param name="Reembed">Re-embedding the index at this rung's embedding throughput, when retrieval breaks and it can embed.</param>
/// <param name="Degradations">What the service loses on this rung compared with the primary.</param>
/// <param name="RetrievalNote">What a switch to the rung does to retrieval, in words, when it does anything.</param>
/// <param name="SameAs">The earlier rung with the same provider and region, when there is one.</param>
public sealed record RungVerdict(
    string Rung,
    int Position,
    RungStatus Status,
    TimeSpan Detection,
    TimeSpan SwitchRto,
    TimeSpan ReachedAfter,
    RetrievalImpact Retrieval,
    TimeSpan? Reembed,
    string? RetrievalNote,
    IReadOnlyList<string> Degradations,
    string? SameAs,
    string Summary)
{
    /// <summary>Why the switch to this rung has no worst case (nothing declared detects the rung before it failing), or null.</summary>
    public string? SwitchUnbounded { get; init; }

    /// <summary>An earlier rung on the same shared Azure processing pool (<see cref="Providers.ProviderChain.SharedPool"/>), or null: advisory only.</summary>
    public string? SharesPoolWith { get; init; }
}

/// <summary>
/// A decided model-provider chain: its rungs, the verdict on each, the vector index its embeddings feed, the switch the
/// application reads (an SSM parameter per AWS region when the mechanism is <c>parameter</c>) and the degraded mode.
/// </summary>
/// <param name="IndexEmbedding">What the vector index was built with (declared, else the primary rung's embedding model).</param>
/// <param name="SwitchParameter">Name of the per-region setting naming the active rung; null for a client-side switch.</param>
/// <param name="DegradedAfter">When every rung has failed in turn and the service is in degraded mode.</param>
public sealed record ModelProviderSettings(
    IReadOnlyList<ProviderRungSpec> Providers,
    IReadOnlyList<RungVerdict> Verdicts,
    string? VectorIndex,
    EmbeddingSpec? IndexEmbedding,
    EmbeddingSpec? FallbackEmbedding,
    long Vectors,
    SwitchMechanism Switch,
    TimeSpan SwitchTime,
    string? SwitchParameter,
    IReadOnlyList<DegradedMode> DegradedModes,
    TimeSpan DegradedAfter) : ComponentSettings
{
    /// <summary>The stack's allowed jurisdictions (<c>drkit:policy.jurisdictions</c>; empty: unrestricted), against which a
    /// switch to a rung is judged (<see cref="Providers.RungJurisdiction"/>).</summary>
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    /// <summary>The rungs served by Azure OpenAI, whose accounts and deployments the stack declares.</summary>
    public IEnumerable<ProviderRungSpec> AzureRungs => Providers.Where(p => p.Provider == ProviderType.AzureOpenAi);
}
