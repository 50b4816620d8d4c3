using DrKit.Core.Tests.Config;
using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Providers;

public sealed class ProviderChainConfigTests
{
    private const string Llm = "drkit:components.llm";

    [Test]
    public void RungNamedDegraded_IsRejected_ItIsTheSwitchSentinel() =>
        TestStacks.Problems(Stack([Primary(), Azure("degraded", "eastus2")])).At($"{Llm}.providers[1].name", "degraded mode");

    [Test]
    public void UnknownDeploymentSku_IsRejectedWithTheChoices() =>
        TestStacks.Problems(Stack([Primary(), Azure("azure", "eastus2", "embeddingSku: Premium")])).At($"{Llm}.providers[1].embeddingSku", "Standard, DataZoneStandard, GlobalStandard");

    [Test]
    public void DeploymentSkuOnOpenAi_IsRejected() =>
        TestStacks.Problems(Stack([Primary("chatSku: GlobalStandard"), Azure("azure", "eastus2")])).At($"{Llm}.providers[0].chatSku", "only azure-openai");

    [Test]
    public void OneProvider_IsRejected_AChainNeedsAFallback() =>
        TestStacks.Problems(Stack([Primary()])).At($"{Llm}.providers", "at least two providers");

    [Test]
    public void MissingProviders_IsRejected() =>
        TestStacks.Problems(TestStacks.Yaml("llm:\n  kind: model-provider\n  strategy: warm-standby\n")).At($"{Llm}.providers", "missing");

    [Test]
    public void AzureWithoutLocation_IsRejected() =>
        TestStacks.Problems(Stack([Primary(), Rung("azure", "azure-openai")])).At($"{Llm}.providers[1].region", "Azure location");

    [Test]
    public void BedrockWithAzureLocation_IsRejected() =>
        TestStacks.Problems(Stack([Primary(), Rung("bedrock", "bedrock", "region: eastus")])).At($"{Llm}.providers[1].region", "AWS region");

    [Test]
    public void EndpointRungNamingNoEndpointComponent_IsRejected() =>
        TestStacks.Problems(Stack([Primary(), Rung("self", "inference-endpoint", "endpoint: gpu")])).At($"{Llm}.providers[1].endpoint", "not an inference-endpoint component");

    [Test]
    public void DuplicateRungNames_AreRejected() =>
        TestStacks.Problems(Stack([Primary(), Azure("openai", "eastus2")])).At($"{Llm}.providers[1].name", "names an earlier provider");

    [Test]
    public void AzureOnlyKeyOnOpenAi_IsRejected() =>
        TestStacks.Problems(Stack([Primary("chatCapacity: 10"), Azure("azure", "eastus2")])).At($"{Llm}.providers[0].chatCapacity", "only azure-openai");

    [Test]
    public void EmbeddingModelWithoutDimensions_IsRejected() =>
        TestStacks.Problems(Stack([Primary(), Rung("azure", "azure-openai", "region: eastus2", "embeddingModel: ada")])).At($"{Llm}.providers[1].embeddingDimensions", "missing");

    [Test]
    public void MissingContextWindow_IsRejected() =>
        TestStacks.Problems(Stack([Primary(), "- name: azure\n  provider: azure-openai\n  region: eastus2\n  chatModel: gpt-4o\n  maxOutputTokens: 100\n"])).At($"{Llm}.providers[1].contextWindow", "missing");

    [Test]
    public void UnknownVectorIndex_IsRejected() =>
        TestStacks.Problems(Stack([Primary(), Azure("azure", "eastus2")], null, "vectorIndex: search")).At($"{Llm}.vectorIndex", "not a vector-index component");

    [Test]
    public void FallbackIndexWithoutModel_IsRejected() =>
        TestStacks.Problems(Stack([Primary(), Azure("azure", "eastus2")], ["fallbackIndex:", "  embeddingDimensions: 1024"])).At("drkit:components.index.fallbackIndex.embeddingModel", "missing");

    [Test]
    public void UnknownRungKey_IsRejectedWithASuggestion() =>
        TestStacks.Problems(Stack([Primary("contextWindw: 5"), Azure("azure", "eastus2")])).At($"{Llm}.providers[0].contextWindw", "did you mean 'contextWindow'");

    [Test]
    public void ModelProvider_HasNoRpo() =>
        TestStacks.Problems(Stack([Primary(), Azure("azure", "eastus2")], null, "rpo: 1m")).At($"{Llm}.rpo", "stateless");

    [Test]
    public void SingleRegionStack_AcceptsAChainWithAWarmStrategy()
    {
        var yaml = TestStacks.Yaml("llm:\n" + TestStacks.Indent("kind: model-provider\nstrategy: warm-standby\nproviders:\n" + TestStacks.Indent(Primary() + Azure("azure", "eastus2"), 2), 2));
        Assert.That(TestStacks.Plan(yaml).Components.Single().Name, Is.EqualTo("llm"), "a provider chain fails over between providers, not between the stack's regions");
    }
}
