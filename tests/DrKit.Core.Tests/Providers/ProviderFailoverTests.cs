using DrKit.Core.Planning;
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

    private static ProviderSwitch DecideFrom(IEnumerable<string> rungs, string? current, params (string Rung, bool Healthy)[] probes) =>
        ProviderFailover.Decide(Chains.Plan(rungs).Components, "us-east-1", "us-west-2", [],
            new Dictionary<string, string?> { ["llm"] = current }, probes.ToDictionary(p => p.Rung, p => p.Healthy)).Single();

    [Test]
    public void ChainAlreadySwitchedByTheOperator_StaysOnItsCurrentRung()
    {
        var s = DecideFrom([Primary(), Azure("azure-east", "eastus2"), Azure("azure-west", "westus")], "azure-east");
        Assert.Multiple(() =>
        {
            Assert.That(s.Rung, Is.EqualTo("azure-east"), "switch-model moved it off openai for a reason: the failover must not send users back to openai");
            Assert.That(s.Why, Does.Contain("runs on azure-east (read in us-west-2)"), "says where the value came from");
        });
    }

    [Test]
    public void CurrentRungFailsItsProbe_MovesOnDownTheChain_NotBackUp()
    {
        var s = DecideFrom([Primary(), Azure("azure-east", "eastus2"), Azure("azure-west", "westus")], "azure-east", ("azure-east", false));
        Assert.Multiple(() =>
        {
            Assert.That(s.Rung, Is.EqualTo("azure-west"), "the next rung after the current one; openai was left and is not proven healthy");
            Assert.That(s.Why, Does.Contain("runs on azure-east, which fails its health check"), "says why the current rung was left");
        });
    }

    [Test]
    public void EarlierRung_IsTakenBackOnlyOnAPassingProbe()
    {
        var rungs = new[] { Primary(), Azure("azure-east", "eastus2") };
        Assert.Multiple(() =>
        {
            Assert.That(DecideFrom(rungs, "azure-east", ("azure-east", false)).Rung, Is.EqualTo(ProviderFailover.Degraded), "openai unproven: nothing left");
            Assert.That(DecideFrom(rungs, "azure-east", ("azure-east", false), ("openai", true)).Rung, Is.EqualTo("openai"), "openai proven healthy again");
        });
    }

    [Test]
    public void PrimaryFailingItsProbe_IsSkippedWithoutTheOperatorNamingIt()
    {
        var s = DecideFrom([Primary(), Azure("azure", "eastus2")], "openai", ("openai", false));
        Assert.That((s.Rung, s.Why.Contains("runs on openai, which fails its health check", StringComparison.Ordinal)), Is.EqualTo(("azure", true)), "the probe says what --provider-down would have");
    }

    [Test]
    public void ChainInItsDegradedMode_StaysThere() =>
        Assert.That(DecideFrom([Primary(), Azure("azure", "eastus2")], ProviderFailover.Degraded).Rung, Is.EqualTo(ProviderFailover.Degraded), "the operator's choice is kept");
    [Test]
    public void EveryProbeFails_IsTakenAsABrokenProbePath_NotEveryProviderDown()
    {
        // The probes' host is unreachable (e.g. a name still routing to the failed region): every rung looks down at once.
        var s = DecideFrom([Primary(), Azure("azure-east", "eastus2"), Azure("azure-west", "westus")], "openai",
            ("openai", false), ("azure-east", false), ("azure-west", false));
        Assert.Multiple(() =>
        {
            Assert.That(s.Rung, Is.EqualTo("openai"), "decided as if nothing had been probed: openai survives us-east-1, so the chain stays on it, not degraded");
            Assert.That(s.Why, Does.Contain("every health probe failed").And.Contain("broken probe path"), "the step says the probes were set aside and why");
        });
    }

    [Test]
    public void OneProbeFailing_StaysASignal()
    {
        var s = DecideFrom([Primary(), Azure("azure-east", "eastus2")], "openai", ("openai", false));
        Assert.That((s.Rung, s.Why.Contains("broken probe path", StringComparison.Ordinal)), Is.EqualTo(("azure-east", false)),
            "a single probe cannot tell path from provider: its failure still moves the chain");
    }

    private static IEnumerable<ComponentPlan> InJurisdictions(IEnumerable<string> rungs, params string[] allowed) =>
        Chains.Plan(rungs).Components.Select(c => c.Settings is ModelProviderSettings m ? c with { Settings = m with { Jurisdictions = allowed } } : c);

    [Test]
    public void RungOutsideTheStacksJurisdictions_IsNotSwitchedTo()
    {
        var s = ProviderFailover.Decide(InJurisdictions([Primary("region: us"), Azure("azure-sweden", "swedencentral"), Azure("azure-west", "westus")], "us"),
            "us-east-1", "us-west-2", ["openai"]).Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Rung, Is.EqualTo("azure-west"), "switch-model refuses swedencentral for a us-only stack; the failover must not land there either");
            Assert.That(s.Why, Does.Contain("azure-sweden processes prompts in eu").And.Contain("outside the allowed jurisdictions (us)"), "the step's reason names the filter");
        });
    }

    [Test]
    public void CurrentRungOutsideTheJurisdictions_IsKept_AndNamed()
    {
        var s = ProviderFailover.Decide(InJurisdictions([Primary("region: us"), Azure("azure-sweden", "swedencentral")], "us"),
            "us-east-1", "us-west-2", [], new Dictionary<string, string?> { ["llm"] = "azure-sweden" }).Single();
        Assert.That((s.Rung, s.Why.Contains("although it processes prompts in eu", StringComparison.Ordinal)), Is.EqualTo(("azure-sweden", true)),
            "an operator forced it there; the failover keeps it but says where it processes");
    }
}
