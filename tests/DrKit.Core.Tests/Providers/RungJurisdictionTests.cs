using DrKit.Core.Providers;
using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Providers;

public sealed class RungJurisdictionTests
{
    private static ProcessingScope ScopeOf(string rung) => RungJurisdiction.Of(Plan([Primary(), rung]).Chain().Providers[1]);

    private static string Bedrock(string model) => Rung("bedrock", "bedrock", "region: eu-west-1", "chatModel: " + model);

    [TestCase("anthropic.claude-3-5-sonnet-20240620-v1:0", "eu-west-1")]
    [TestCase("global.anthropic.claude-sonnet-4-5-20250929-v1:0", RungJurisdiction.Global)]
    [TestCase("us.anthropic.claude-sonnet-4-20250514-v1:0", "us")]
    [TestCase("eu.anthropic.claude-sonnet-4-20250514-v1:0", "eu")]
    [TestCase("apac.anthropic.claude-sonnet-4-20250514-v1:0", "ap+me")]
    public void Of_BedrockRung_TakesTheScopeOfItsInferenceProfile(string model, string scope) =>
        Assert.That(ScopeOf(Bedrock(model)).Scope, Is.EqualTo(scope), "a cross-Region inference profile routes across its geography, global. to any commercial Region");

    [Test]
    public void Outside_GlobalInferenceProfileInAnEuRegion_IsOutsideAnEuOnlyStack() =>
        Assert.That(RungJurisdiction.Outside(Plan([Primary(), Bedrock("global.anthropic.claude-sonnet-4-5-20250929-v1:0")]).Chain().Providers[1], ["eu"]),
            Does.Contain("processes prompts globally").And.Contain("global cross-Region inference profile"), "eu-west-1 alone would pass; the profile does not");

    [Test]
    public void Outside_ApacProfile_IsOutsideAnApOnlyStackBecauseItRoutesToTheUae()
    {
        var rung = Plan([Primary(), Bedrock("apac.anthropic.claude-sonnet-4-20250514-v1:0")]).Chain().Providers[1];
        Assert.Multiple(() =>
        {
            Assert.That(RungJurisdiction.Outside(rung, ["ap"]), Does.Contain("in ap+me"), "me-central-1 is an APAC destination Region");
            Assert.That(RungJurisdiction.Outside(rung, ["ap", "me"]), Is.Null, "allowed when both geographies are");
        });
    }

    [TestCase("ca.anthropic.claude-sonnet-4-6")]
    [TestCase("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0")]
    [TestCase("arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123")]
    public void Of_UnknownPrefixOrArn_FailsClosed(string model) =>
        Assert.That(ScopeOf(Bedrock(model)).Scope, Is.Null, "a profile DrKit cannot read may route anywhere: unknown, never the rung's Region");

    [Test]
    public void Of_BedrockEmbeddingOnAProfile_WidensTheRungsScope() =>
        Assert.That(ScopeOf(Rung("bedrock", "bedrock", "region: eu-west-1", "chatModel: anthropic.claude-3-5-sonnet-20240620-v1:0",
                "embeddingModel: global.cohere.embed-v4:0", "embeddingDimensions: 1536")).Scope,
            Is.EqualTo(RungJurisdiction.Global), "the embeddings are sent through a global profile even though chat stays in eu-west-1");

    [Test]
    public void EuDataZoneLocations_EveryOneMapsToTheEuDataZone()
    {
        Assert.Multiple(() =>
        {
            foreach (var location in RungJurisdiction.EuDataZoneLocations)
            {
                Assert.That(ScopeOf(Azure("azure", location, "chatSku: DataZoneStandard")).Scope, Is.EqualTo("eu"), $"{location} is in an EU member state");
            }
        });
    }

    [TestCase("swedencentral", "eu")]
    [TestCase("westeurope", "eu")]
    [TestCase("uksouth", null)]
    [TestCase("switzerlandnorth", null)]
    [TestCase("norwayeast", null)]
    public void Of_DataZoneStandard_IsInsideTheEuDataZoneOnlyInAnEuMemberState(string location, string? scope) =>
        Assert.That(ScopeOf(Azure("azure", location, "chatSku: DataZoneStandard")).Scope, Is.EqualTo(scope),
            "the EU data zone processes within EU member nations; the UK, Switzerland and Norway are not members");

    [Test]
    public void Of_StandardInTheUk_StaysEuropeanByDrKitsToken() =>
        Assert.That(ScopeOf(Azure("azure", "uksouth")).Scope, Is.EqualTo("eu"), "DrKit's eu token means Europe, as AWS eu-west-2 is London");
}
