using DrKit.Core.Objectives;

namespace DrKit.Core.Model;

/// <summary>The spellings used in stack files and reports; one place so reader and renderers agree.</summary>
public static class Names
{
    public static readonly IReadOnlyDictionary<string, ComponentKind> Kinds = new Dictionary<string, ComponentKind>(StringComparer.Ordinal)
    {
        ["inference-endpoint"] = ComponentKind.InferenceEndpoint,
        ["postgres"] = ComponentKind.Postgres,
        ["redis"] = ComponentKind.Redis,
        ["vector-index"] = ComponentKind.VectorIndex,
        ["model-artifacts"] = ComponentKind.ModelArtifacts,
        ["container-images"] = ComponentKind.ContainerImages,
        ["gpu-capacity"] = ComponentKind.GpuCapacity,
        ["feature-store-online"] = ComponentKind.FeatureStoreOnline,
        ["feature-store-offline"] = ComponentKind.FeatureStoreOffline,
        ["model-provider"] = ComponentKind.ModelProvider,
    };

    public static readonly IReadOnlyDictionary<string, Strategy> Strategies = new Dictionary<string, Strategy>(StringComparer.Ordinal)
    {
        ["backup-restore"] = Strategy.BackupRestore,
        ["pilot-light"] = Strategy.PilotLight,
        ["warm-standby"] = Strategy.WarmStandby,
        ["active-active"] = Strategy.ActiveActive,
    };

    public static readonly IReadOnlyDictionary<string, Tier> Tiers = new Dictionary<string, Tier>(StringComparer.Ordinal)
    {
        ["critical"] = Tier.Critical,
        ["production"] = Tier.Production,
        ["standard"] = Tier.Standard,
        ["basic"] = Tier.Basic,
    };

    public static readonly IReadOnlyDictionary<string, ProviderType> Providers = new Dictionary<string, ProviderType>(StringComparer.Ordinal)
    {
        ["openai"] = ProviderType.OpenAi,
        ["azure-openai"] = ProviderType.AzureOpenAi,
        ["anthropic"] = ProviderType.Anthropic,
        ["bedrock"] = ProviderType.Bedrock,
        ["inference-endpoint"] = ProviderType.InferenceEndpoint,
    };

    public static string Of(ComponentKind kind) => Kinds.First(p => p.Value == kind).Key;

    public static string Of(ProviderType provider) => Providers.First(p => p.Value == provider).Key;

    public static string Of(Strategy strategy) => Strategies.First(p => p.Value == strategy).Key;

    public static string Of(Tier tier) => Tiers.First(p => p.Value == tier).Key;
}
