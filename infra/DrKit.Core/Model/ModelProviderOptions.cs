using System.Text.Json.Serialization;

namespace DrKit.Core.Model;

/// <summary>Who serves a rung of a model-provider chain. Plan JSON spells them as stack files do.</summary>
public enum ProviderType
{
    [JsonStringEnumMemberName("openai")]
    OpenAi,

    [JsonStringEnumMemberName("azure-openai")]
    AzureOpenAi,

    Anthropic,
    Bedrock,

    /// <summary>The stack's own inference endpoint (self-hosted models on its GPUs).</summary>
    InferenceEndpoint,
}

/// <summary>How the application moves from a failed rung to the next one.</summary>
public enum SwitchMechanism
{
    /// <summary>A setting the application reads (an SSM parameter per region) names the active rung; failover flips it.</summary>
    Parameter,

    /// <summary>The application's client walks the chain itself (circuit breaker per provider); nothing to flip.</summary>
    Client,
}

/// <summary>
/// Azure OpenAI deployment types, spelled as Azure's deployment SKU names. Standard processes and reserves quota in the
/// account's region; DataZoneStandard and GlobalStandard route within a data zone or worldwide, with quota of their own
/// (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/deployment-types). Model availability differs per type
/// and region, so a rung names the type its region offers.
/// </summary>
public enum AzureDeploymentSku
{
    Standard,
    DataZoneStandard,
    GlobalStandard,
}

/// <summary>What the service does when every rung has failed.</summary>
public enum DegradedMode
{
    CachedResponses,
    Queue,
}

/// <summary>An embedding model and the dimension of the vectors it writes.</summary>
public sealed record EmbeddingSpec(string Model, int Dimensions)
{
    public override string ToString() => $"{Model} ({Dimensions}d)";
}

/// <summary>
/// One rung of a model-provider chain, defaults applied: who serves it and where, its chat model and capabilities,
/// its embedding model (null when it offers none), and how its failure is detected.
/// </summary>
/// <param name="Region">Azure location (azure-openai), AWS region (bedrock), optional data-residency region otherwise; null for the stack's own endpoint.</param>
/// <param name="Endpoint">The inference-endpoint component that serves this rung (inference-endpoint only).</param>
/// <param name="EmbeddingThroughput">Vectors per second this rung can embed: what re-embedding an index at it runs at.</param>
public sealed record ProviderRungSpec(
    string Name,
    ProviderType Provider,
    string? Region,
    string? Endpoint,
    string ChatModel,
    int ContextWindow,
    int MaxOutputTokens,
    bool FunctionCalling,
    bool Streaming,
    EmbeddingSpec? Embedding,
    double EmbeddingThroughput,
    TimeSpan HealthCheckInterval,
    int FailureThreshold)
{
    /// <summary>A URL that answers 2xx while this rung serves (the application's probe of it), the same in every region:
    /// <c>drkit switch-model</c> skips a rung that fails it, and failback returns the chain to the primary rung only once it
    /// passes. A failover does not ask it: a global name still routes to the failed region until traffic moves. Null: see
    /// <see cref="HealthCheckUrls"/>.</summary>
    public string? HealthCheckUrl { get; init; }

    /// <summary>The same probe asked of the application in one stack region (region -> URL of that region's own endpoint),
    /// as <c>healthCheckUrl</c> written as a map. A failover probes the recovery region's, which answers while the failed
    /// region does not; switch-model and failback probe the region they act for. Empty: declared as one URL, or not at all.</summary>
    public IReadOnlyDictionary<string, string> HealthCheckUrls { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether the rung declares a health check at all.</summary>
    public bool Probed => HealthCheckUrl is not null || HealthCheckUrls.Count > 0;

    /// <summary>The probe URL through the application in <paramref name="region"/>: that region's entry of
    /// <see cref="HealthCheckUrls"/>, else the one <see cref="HealthCheckUrl"/>; null when neither is declared.</summary>
    public string? HealthCheckUrlIn(string region) => HealthCheckUrls.GetValueOrDefault(region) ?? HealthCheckUrl;

    /// <summary>A hosted rung's rate limit for chat, in tokens per minute (the provider account's tier); null: not declared,
    /// so its capacity is not judged. Azure rungs use <see cref="ChatCapacity"/>.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Azure OpenAI: deployment capacity of the chat model, in thousands of tokens per minute.</summary>
    public int ChatCapacity { get; init; }

    /// <summary>Azure OpenAI: deployment capacity of the embedding model, in thousands of tokens per minute.</summary>
    public int EmbeddingCapacity { get; init; }

    /// <summary>Azure OpenAI: model versions to deploy; null lets Azure pick the model's default version.</summary>
    public string? ChatModelVersion { get; init; }

    public string? EmbeddingModelVersion { get; init; }

    /// <summary>Azure OpenAI: deployment type of the chat model (Standard, DataZoneStandard or GlobalStandard).</summary>
    public AzureDeploymentSku ChatSku { get; init; } = AzureDeploymentSku.Standard;

    /// <summary>Azure OpenAI: deployment type of the embedding model.</summary>
    public AzureDeploymentSku EmbeddingSku { get; init; } = AzureDeploymentSku.Standard;
}

/// <summary>An ordered chain of model providers, the vector index its embeddings feed, and the degraded mode after the last rung.</summary>
/// <param name="VectorIndex">The vector-index component whose retrieval depends on this chain's embeddings; null when the stack has none.</param>
/// <param name="SwitchTime">Time the switch mechanism takes once a failure is detected.</param>
public sealed record ModelProviderOptions(
    IReadOnlyList<ProviderRungSpec> Providers,
    string? VectorIndex,
    SwitchMechanism Switch,
    TimeSpan SwitchTime,
    IReadOnlyList<DegradedMode> DegradedModes) : ComponentOptions
{
    /// <summary>The service's peak chat load in tokens per minute; null: not declared, so no rung's capacity is judged against it.</summary>
    public int? PeakTokensPerMinute { get; init; }
}
