using DrKit.Core.Planning;
using DrKit.Core.Providers;
using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Providers;

public sealed class ModelSwitchTests
{
    private static readonly string Titan = Rung("bedrock", "bedrock", "region: us-east-1", "embeddingModel: amazon.titan-embed-text-v2", "embeddingDimensions: 1024");

    private static readonly Dictionary<string, bool> NotProbed = [];

    private static ModelProviderSettings Chain(params string[] rungs) => Plan(rungs).Chain();

    private static ModelSwitchDecision Decide(ModelProviderSettings chain, string? active, string? to = null, string[]? down = null, Dictionary<string, bool>? healthy = null, bool force = false) =>
        ModelSwitch.Decide(chain, new ModelSwitchRequest(to, active, down ?? [], healthy ?? NotProbed, force));

    [Test]
    public void Decide_WithoutTarget_TakesTheRungAfterTheActiveOne()
    {
        var chain = Chain(Primary(), Azure("azure-eastus2", "eastus2"), Azure("azure-westus", "westus"));
        Assert.That(Decide(chain, "openai").Target, Is.EqualTo("azure-eastus2"), "the next rung down the chain");
        Assert.That(Decide(chain, "azure-eastus2").Target, Is.EqualTo("azure-westus"), "from a fallback, the one after it: never back up the chain");
    }

    [Test]
    public void Decide_SkipsRungsNamedDownAndRungsFailingTheirHealthCheck()
    {
        var chain = Chain(Primary(), Azure("azure-eastus2", "eastus2"), Azure("azure-westus", "westus"), Azure("azure-sweden", "swedencentral"));
        var decision = Decide(chain, "openai", down: ["azure-eastus2"], healthy: new() { ["azure-westus"] = false, ["azure-sweden"] = true });
        Assert.Multiple(() =>
        {
            Assert.That(decision.Target, Is.EqualTo("azure-sweden"), "the first rung neither down nor unhealthy");
            Assert.That(decision.Why, Does.Contain("azure-eastus2 is down").And.Contain("azure-westus fails its health check"), "says what was passed over");
        });
    }

    [Test]
    public void Decide_WithoutTarget_PassesOverARungThatBreaksRetrieval()
    {
        var decision = Decide(Chain(Primary(), Titan, Azure("azure-eastus2", "eastus2")), "openai");
        Assert.Multiple(() =>
        {
            Assert.That(decision.Target, Is.EqualTo("azure-eastus2"), "a later rung that keeps the index's embeddings beats an earlier one that does not");
            Assert.That(decision.Why, Does.Contain("bedrock would break retrieval"), "says why bedrock was passed over");
        });
    }

    [Test]
    public void Decide_NamedRungThatBreaksRetrieval_IsRefusedUnlessForced()
    {
        var chain = Chain(Primary(), Titan, Azure("azure-eastus2", "eastus2"));
        var refused = Decide(chain, "openai", to: "bedrock");
        var forced = Decide(chain, "openai", to: "bedrock", force: true);
        Assert.Multiple(() =>
        {
            Assert.That(refused.Refused, Is.True, "an embedding mismatch without a second index returns nonsense from retrieval");
            Assert.That(refused.Target, Is.Null, "nothing to write");
            Assert.That(refused.Refusal, Does.Contain("breaks retrieval").And.Contain("amazon.titan-embed-text-v2").And.Contain("--force --reason"), "names the consequence and the override");
            Assert.That(forced.Target, Is.EqualTo("bedrock"), "--force switches anyway");
            Assert.That(forced.Overridden, Has.Count.EqualTo(1).And.Some.Contains("breaks retrieval"), "and names what it overrode, for the journal");
        });
    }

    [Test]
    public void Decide_NamedRungWithASecondIndexForItsEmbeddings_IsAllowed()
    {
        var chain = Plan([Primary(), Titan], ["fallbackIndex:", "  embeddingModel: amazon.titan-embed-text-v2", "  embeddingDimensions: 1024"]).Chain();
        var decision = Decide(chain, "openai", to: "bedrock");
        Assert.That((decision.Target, decision.Refused, decision.Overridden), Is.EqualTo(("bedrock", false, (IReadOnlyList<string>)[])).Using<(string?, bool, IReadOnlyList<string>)>(
            (a, b) => a.Item1 == b.Item1 && a.Item2 == b.Item2 && a.Item3.SequenceEqual(b.Item3)), "retrieval moves to the dual-embedded index, so nothing is refused");
    }

    [Test]
    public void Decide_RungOnTheActiveRungsProviderAndRegion_IsSkippedOrRefused()
    {
        var chain = Chain(Primary(), Azure("azure-a", "eastus2"), Azure("azure-b", "eastus2"), Azure("azure-c", "westus"));
        var next = Decide(chain, "azure-a");
        var named = Decide(chain, "azure-a", to: "azure-b");
        Assert.Multiple(() =>
        {
            Assert.That(next.Target, Is.EqualTo("azure-c"), "azure-b is the same Azure location as the failing azure-a");
            Assert.That(next.Why, Does.Contain("azure-b shares azure-a's outage"), "says so");
            Assert.That(named.Refusal, Does.Contain("fails together with the active rung azure-a"), "asking for it by name is refused too");
        });
    }

    [Test]
    public void Decide_NamedRungFailingItsHealthCheck_IsRefused()
    {
        var chain = Chain(Primary(), Azure("azure-eastus2", "eastus2", "healthCheckUrl: https://app.example.com/probe/azure-eastus2"));
        var decision = Decide(chain, "openai", to: "azure-eastus2", healthy: new() { ["azure-eastus2"] = false });
        Assert.That(decision.Refusal, Does.Contain("fails its health check (https://app.example.com/probe/azure-eastus2)"), "a switch never lands on a rung known unhealthy unless forced");
    }

    [Test]
    public void Decide_NoHealthyRungLeft_RefusesAndPointsAtTheDegradedMode()
    {
        var chain = Chain(Primary(), Azure("azure-eastus2", "eastus2"));
        var decision = Decide(chain, "openai", down: ["azure-eastus2"]);
        Assert.That(decision.Refusal, Does.Contain("no healthy rung after openai").And.Contain("--to degraded"), "the operator chooses the degraded mode explicitly");
    }

    [Test]
    public void Decide_TargetAlreadyActive_IsUnchanged()
    {
        var decision = Decide(Chain(Primary(), Azure("azure-eastus2", "eastus2")), "azure-eastus2", to: "azure-eastus2");
        Assert.That((decision.Target, decision.Unchanged), Is.EqualTo(("azure-eastus2", true)), "nothing to write");
    }

    [Test]
    public void Decide_UnknownTarget_IsBadInputNamingTheRungs()
    {
        var error = Assert.Throws<ArgumentException>(() => Decide(Chain(Primary(), Azure("azure-eastus2", "eastus2")), "openai", to: "anthropic"))!;
        Assert.That(error.Message, Does.Contain("'anthropic' is not a rung of this chain (openai, azure-eastus2)"), "names what exists");
    }

    [Test]
    public void Decide_UnsetParameter_ConsidersTheWholeChain()
    {
        var decision = Decide(Chain(Primary(), Azure("azure-eastus2", "eastus2")), null, down: ["openai"]);
        Assert.That(decision.Target, Is.EqualTo("azure-eastus2"), "an unset or unknown value is judged from the start of the chain");
    }

    [Test]
    public void Decide_RungOutsideTheStacksJurisdictions_IsRefusedUnlessForced()
    {
        var chain = Chain(Primary(), Azure("azure-sweden", "swedencentral"), Azure("azure-westus", "westus")) with { Jurisdictions = ["us"] };
        var named = Decide(chain, "openai", to: "azure-sweden");
        var forced = Decide(chain, "openai", to: "azure-sweden", force: true);
        Assert.Multiple(() =>
        {
            Assert.That(named.Refusal, Does.Contain("azure-sweden processes prompts in eu").And.Contain("outside the allowed jurisdictions (us)"), "a switch would move prompts out of the US");
            Assert.That(forced.Overridden, Has.One.Contains("outside the allowed jurisdictions"), "forced: the breach is named, to be journaled");
            Assert.That(Decide(chain, "openai").Target, Is.EqualTo("azure-westus"), "without a target, the rung outside is passed over");
        });
    }
    [Test]
    public void SameOutage_FollowsTheVerdictsIdentity_OneHostedPlatformWhateverItsRegion()
    {
        // The verdict says openai-any gives openai (residency us) no protection: one platform.
        var chain = Chain(Primary("region: us"), Rung("openai-any", "openai", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536"), Azure("azure", "eastus2"));
        Assert.Multiple(() =>
        {
            Assert.That(chain.Verdicts.Single(v => v.Rung == "openai-any").Status, Is.EqualTo(RungStatus.NoProtection), "the verdict's premise");
            Assert.That(Decide(chain, "openai").Target, Is.EqualTo("azure"), "switch-model passes over the rung the verdict calls no protection");
            Assert.That(Decide(chain, "openai", to: "openai-any").Refusal, Does.Contain("fails together with the active rung openai"), "and refuses it by name");
            Assert.That(ModelSwitch.TakenFromPrimary(chain)?.Name, Is.EqualTo("azure"), "the estimate bounds the outage with the rung that escapes it");
        });
    }

    [Test]
    public void Decide_TwoGlobalStandardDeploymentsInTwoRegions_SwitchesBetweenThem()
    {
        var chain = Chain(Primary(), Azure("azure-east", "eastus2", "chatSku: GlobalStandard"), Azure("azure-sweden", "swedencentral", "chatSku: GlobalStandard"), Azure("azure-west", "westus"));
        Assert.Multiple(() =>
        {
            Assert.That(Decide(chain, "azure-east").Target, Is.EqualTo("azure-sweden"),
                "Microsoft's BCDR guide: GlobalStandard in a second region is the protection against the first region's interruption");
            var named = Decide(chain, "azure-east", to: "azure-sweden");
            Assert.That((named.Target, named.Refused), Is.EqualTo(("azure-sweden", false)), "a named switch between them is not refused");
            Assert.That(chain.Verdicts.Single(v => v.Rung == "azure-sweden").SharesPoolWith, Is.EqualTo("azure-east"), "the shared pool stays visible as an advisory");
        });
    }

    [Test]
    public void Decide_SameAzureLocationTwice_IsStillRefused()
    {
        var chain = Chain(Primary(), Azure("azure-east", "eastus2", "chatSku: GlobalStandard"), Azure("azure-east-again", "eastus2", "chatSku: GlobalStandard"), Azure("azure-west", "westus"));
        Assert.That(Decide(chain, "azure-east", to: "azure-east-again").Refusal, Does.Contain("fails together with the active rung azure-east"), "one provider and location is one outage");
    }
}
