using DrKit.Core.Providers;
using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Providers;

public sealed class ProviderFailoverTests
{
    private static ProviderSwitch Decide(IEnumerable<string> rungs, params string[] down) =>
        ProviderFailover.Decide(Chains.Plan(rungs).Components, "us-east-1", "us-west-2", down).Single();

    [Test]
    public void HostedPrimary_SurvivesTheRegion_AndStays()
    {
        var s = Decide([Primary(), Azure("azure", "eastus2")]);
        Assert.Multiple(() =>
        {
            Assert.That(s.Rung, Is.EqualTo("openai"), "OpenAI does not fail with us-east-1");
            Assert.That((s.Region, s.Parameter), Is.EqualTo(("us-west-2", "/drkit/test/llm/active-provider")), "the recovery region's parameter");
        });
    }

    [Test]
    public void BedrockInTheFailedRegion_IsSkipped() =>
        Assert.That(Decide([Rung("bedrock-east", "bedrock", "region: us-east-1"), Azure("azure", "eastus2")]).Rung, Is.EqualTo("azure"), "Bedrock in us-east-1 fails with it");

    [Test]
    public void SelfHostedWithoutARecoveryEndpoint_IsSkipped()
    {
        // The test stack's api has an endpoint in us-east-1 only.
        var s = Decide([Rung("self", "inference-endpoint", "endpoint: api"), Azure("azure", "eastus2")]);
        Assert.That((s.Rung, s.Why), Is.EqualTo(("azure", "azure is the first rung that survives (self serves from api, which has no endpoint in us-west-2)")), "the endpoint has nowhere to serve from");
    }

    [Test]
    public void RungsNamedDown_AreSkipped_AndNoneLeftMeansDegraded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Decide([Primary(), Azure("azure", "eastus2")], "openai").Rung, Is.EqualTo("azure"), "the operator says OpenAI is down");
            Assert.That(Decide([Primary(), Azure("azure", "eastus2")], "openai", "azure").Rung, Is.EqualTo(ProviderFailover.Degraded), "no rung left: degraded mode");
        });
    }

    [Test]
    public void ClientSideSwitch_HasNothingToFlip() =>
        Assert.That(ProviderFailover.Decide(Chains.Plan([Primary(), Azure("azure", "eastus2")], null, "switch: client").Components, "us-east-1", "us-west-2", []), Is.Empty, "the client walks the chain itself");

    [Test]
    public void SurvivorThatBreaksRetrieval_LosesToALaterOneThatKeepsIt()
    {
        var s = Decide([Primary(), Azure("azure-ada", "eastus2", "embeddingModel: text-embedding-ada-002"), Azure("azure", "westus")], "openai");
        Assert.Multiple(() =>
        {
            Assert.That(s.Rung, Is.EqualTo("azure"), "ada-002 vectors do not fit an index built with text-embedding-3-small");
            Assert.That(s.Why, Does.Contain("azure-ada would break retrieval"), "says why the earlier survivor was passed over");
        });
    }

    [Test]
    public void EverySurvivorBreaksRetrieval_TakesTheFirst() =>
        Assert.That(Decide([Primary(), Azure("azure-ada", "eastus2", "embeddingModel: text-embedding-ada-002"), Azure("azure-large", "westus", "embeddingModel: text-embedding-3-large")], "openai").Rung,
            Is.EqualTo("azure-ada"), "serving with broken retrieval still beats the degraded mode; the chain's order decides");
}
