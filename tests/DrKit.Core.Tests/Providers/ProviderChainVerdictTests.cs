using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Core.Providers;
using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Providers;

public sealed class ProviderChainVerdictTests
{
    private static readonly TimeSpan PrimaryDetection = Assumptions.ProviderHealthCheckInterval * Assumptions.ProviderFailureThreshold;

    /// <summary>How soon someone is paged for an outage in the test stack (the api endpoint's detection term): what a parameter
    /// switch's detection takes, since nothing declared watches a provider.</summary>
    private static TimeSpan Paged(DrPlan plan) => TestStacks.Term(plan.Component("api")!, "RTO", "detection").Typical;

    /// <summary>The operator's decision before a parameter switch: the production tier's default.</summary>
    private static readonly TimeSpan Decision = EstimateSettings.DefaultDecision(Tier.Production);

    [Test]
    public void SwitchRto_ParameterSwitch_IsTheComponentEstimatesStepsPerRung()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2", "healthCheckInterval: 10s", "failureThreshold: 2"), Azure("azure-west", "westus3")]);
        var step = Paged(plan) + Decision + Assumptions.ParameterSwitchTime;
        Assert.Multiple(() =>
        {
            Assert.That(plan.Verdict("azure-east").SwitchRto, Is.EqualTo(step), "someone notices openai down + decides + flips the parameter");
            Assert.That(plan.Verdict("azure-west").SwitchRto, Is.EqualTo(step), "no checker runs azure-east's own health check between operations: each rung is a page and a decision");
            Assert.That(plan.Verdict("azure-west").ReachedAfter, Is.EqualTo(2 * step), "(detection + decision + switch) x 2 when both before it fail in turn");
            Assert.That(plan.Verdict("azure-east").SwitchUnbounded, Does.Contain("no provider checker declared"), "the table says the figure has no worst case");
            Assert.That(plan.Component("llm")!.Estimate.TypicalRto, Is.EqualTo(plan.Verdict("azure-east").SwitchRto),
                "the component row and the chain table are composed from the same terms");
            Assert.That(plan.Component("llm")!.Verdict, Is.EqualTo(Verdict.AtRisk), "typical fits production's 30m, but nothing bounds when someone notices");
        });
    }

    [Test]
    public void SwitchRto_ClientSwitch_IsTheComponentEstimatesStepsPerRung()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2", "healthCheckInterval: 10s", "failureThreshold: 2"), Azure("azure-west", "westus3")], null, "switch: client");
        Assert.Multiple(() =>
        {
            Assert.That(plan.Component("llm")!.Estimate.TypicalRto, Is.EqualTo(plan.Verdict("azure-east").SwitchRto), "one source for the row and the table");
            Assert.That(plan.Verdict("azure-west").SwitchRto, Is.EqualTo(TimeSpan.FromSeconds(20) + Assumptions.ClientSwitchTime), "the client checks azure-east by its own check (10s x 2)");
            Assert.That(plan.Verdict("azure-west").ReachedAfter, Is.EqualTo(PrimaryDetection + TimeSpan.FromSeconds(20) + (2 * Assumptions.ClientSwitchTime)), "when both before it fail in turn");
            Assert.That(plan.Verdict("azure-east").SwitchUnbounded, Is.Null, "the client's checker bounds detection");
        });
    }

    [Test]
    public void ClientSwitch_CostsOneTimedOutRequestAndDeclaresNoParameter()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2")], null, "switch: client");
        Assert.Multiple(() =>
        {
            Assert.That(plan.Verdict("azure-east").SwitchRto, Is.EqualTo(PrimaryDetection + Assumptions.ClientSwitchTime), "detection + one request timeout");
            Assert.That(plan.Chain().SwitchParameter, Is.Null, "a client-side switch has nothing to flip");
        });
    }

    [Test]
    public void SameEmbeddingsAndCapabilities_IsCompatible()
    {
        var v = Chains.Plan([Primary(), Azure("azure-east", "eastus2")]).Verdict("azure-east");
        Assert.Multiple(() =>
        {
            Assert.That(v.Status, Is.EqualTo(RungStatus.Compatible), "nothing lost");
            Assert.That(v.Retrieval, Is.EqualTo(RetrievalImpact.Same), "same embedding model and dimension");
            Assert.That(v.Reembed, Is.Null, "nothing to re-embed");
        });
    }

    [TestCase("contextWindow: 32768", "context window 128,000 -> 32,768 tokens")]
    [TestCase("maxOutputTokens: 4096", "max output 16,384 -> 4,096 tokens")]
    [TestCase("functionCalling: false", "no function calling")]
    [TestCase("streaming: false", "no streaming")]
    public void SmallerCapability_IsDegradedAndSaysWhat(string key, string what)
    {
        var v = Chains.Plan([Primary(), Azure("azure-east", "eastus2", key)]).Verdict("azure-east");
        Assert.Multiple(() =>
        {
            Assert.That(v.Status, Is.EqualTo(RungStatus.Degraded), $"{key} is less than the primary serves");
            Assert.That(v.Degradations, Has.One.Contains(what), "the verdict names what degrades");
            Assert.That(v.Summary, Does.StartWith("switch RTO").And.Contain("degraded: "), "the summary says degraded");
        });
    }

    [Test]
    public void LargerCapability_IsNotADegradation()
    {
        var v = Chains.Plan([Primary(), Azure("azure-east", "eastus2", "contextWindow: 200000")]).Verdict("azure-east");
        Assert.That(v.Status, Is.EqualTo(RungStatus.Compatible), "more context than the primary loses nothing");
    }

    [Test]
    public void OtherEmbeddingModel_BreaksRetrievalAndCountsReembeddingIntoTheRto()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2", "embeddingModel: text-embedding-ada-002", "embeddingCapacity: 600")]);
        var v = plan.Verdict("azure-east");
        var throughput = Assumptions.AzureEmbeddingVectorsPerSecond(600);
        var reembed = TimeSpan.FromSeconds(Math.Ceiling(Vectors / throughput));
        var llm = plan.Component("llm")!;
        Assert.Multiple(() =>
        {
            Assert.That(throughput, Is.EqualTo(20).Within(1e-9), "600k TPM / 500 tokens per vector / 60 s");
            Assert.That(v.Status, Is.EqualTo(RungStatus.BreaksRetrieval), "queries would embed into another vector space");
            Assert.That(v.Retrieval, Is.EqualTo(RetrievalImpact.Breaks), "retrieval impact");
            Assert.That(v.Reembed, Is.EqualTo(reembed), "vectors / embedding throughput at that provider");
            Assert.That(v.RetrievalNote, Does.Contain("text-embedding-3-small (1536d)").And.Contain("text-embedding-ada-002 (1536d)").And.Contain("model differs"), "names both models");
            Assert.That(llm.Estimate.TypicalRto, Is.EqualTo(Paged(plan) + Decision + Assumptions.ParameterSwitchTime + reembed), "re-embedding is part of the retrieval path's RTO");
            Assert.That(llm.Verdict, Is.EqualTo(Verdict.Breached), "13h53m20s of re-embedding breaches a 30m target");
        });
    }

    [Test]
    public void OtherDimension_BreaksRetrievalEvenWithTheSameModelName()
    {
        var v = Chains.Plan([Primary(), Azure("azure-east", "eastus2", "embeddingDimensions: 512")]).Verdict("azure-east");
        Assert.Multiple(() =>
        {
            Assert.That(v.Status, Is.EqualTo(RungStatus.BreaksRetrieval), "a shortened embedding does not fit a 1536d index");
            Assert.That(v.RetrievalNote, Does.Contain("(dimension differs:"), "the same model at another dimension: only the dimension is named");
        });
    }

    [Test]
    public void SecondIndexForTheFallbackModel_KeepsRetrievalAndCostsStorage()
    {
        var plan = Chains.Plan([Primary(), Rung("self-hosted", "inference-endpoint", "endpoint: api", "embeddingModel: bge-large-en-v1.5", "embeddingDimensions: 1024")],
            ["fallbackIndex:", "  embeddingModel: bge-large-en-v1.5", "  embeddingDimensions: 1024"]);
        var v = plan.Verdict("self-hosted");
        var index = plan.Component("index")!;
        var settings = (VectorIndexSettings)index.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(v.Retrieval, Is.EqualTo(RetrievalImpact.SecondIndex), "the second index serves the fallback's queries");
            Assert.That(v.Status, Is.EqualTo(RungStatus.Compatible), "nothing breaks and no capability is lost");
            Assert.That(v.Reembed, Is.Null, "nothing to re-embed");
            Assert.That(settings.FallbackIndexGb, Is.EqualTo(4.1), "1,000,000 x 1024 x 4 bytes");
            Assert.That(index.CostFactor, Is.EqualTo(Math.Round(LiveIndexPerRecoveryRegion * (1 + (1024.0 / 1536)), 2)), "the second index adds its share of the first");
            Assert.That(index.Mechanism, Does.Contain("second index (bge-large-en-v1.5 (1024d))"), "the mechanism names it");
            Assert.That(index.Regions, Has.All.Matches<RegionSettings>(r => r.Values["fallbackIndex"].Contains("4.1 GB", StringComparison.Ordinal)), "storage per region");
        });
    }

    /// <summary>A warm-standby index is replicated: one live index in the primary and one in the recovery region.</summary>
    private const double LiveIndexPerRecoveryRegion = 2.0;

    [Test]
    public void RungWithoutEmbeddings_BreaksRetrievalWithNoBoundedRto()
    {
        var plan = Chains.Plan([Primary(), Rung("claude", "anthropic", "chatModel: claude-sonnet", "contextWindow: 200000")]);
        var v = plan.Verdict("claude");
        Assert.Multiple(() =>
        {
            Assert.That(v.Retrieval, Is.EqualTo(RetrievalImpact.NoEmbeddings), "no embedding model at that rung");
            Assert.That(v.Status, Is.EqualTo(RungStatus.BreaksRetrieval), "queries cannot be embedded");
            Assert.That(v.Reembed, Is.Null, "it cannot re-embed either");
            Assert.That(plan.Component("llm")!.Estimate.RtoGuaranteed, Is.False, "nothing bounds retrieval's return");
        });
    }

    [Test]
    public void SameProviderAndRegionTwice_IsNoProtection()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-a", "eastus2"), Azure("azure-b", "eastus2"), Azure("azure-c", "westus3")]);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Verdict("azure-b").Status, Is.EqualTo(RungStatus.NoProtection), "azure-openai eastus2 twice");
            Assert.That(plan.Verdict("azure-b").SameAs, Is.EqualTo("azure-a"), "names the rung it duplicates");
            Assert.That(plan.Verdict("azure-c").Status, Is.EqualTo(RungStatus.Compatible), "another location is protection");
        });
    }

    [Test]
    public void HostedApiWithoutRegionTwice_IsNoProtection()
    {
        var plan = Chains.Plan([Primary(), Rung("openai-mini", "openai", "chatModel: gpt-4o-mini", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536")]);
        Assert.That(plan.Verdict("openai-mini").Status, Is.EqualTo(RungStatus.NoProtection), "another model at the same provider fails with it");
    }

    [Test]
    public void NoVectorIndex_JudgesNoRetrieval()
    {
        var yaml = TestStacks.Yaml("llm:\n" + TestStacks.Indent("kind: model-provider\nstrategy: warm-standby\nproviders:\n" + TestStacks.Indent(Primary() + Rung("claude", "anthropic"), 2), 2));
        var v = TestStacks.Plan(yaml).Verdict("claude");
        Assert.Multiple(() =>
        {
            Assert.That(v.Retrieval, Is.EqualTo(RetrievalImpact.NoIndex), "a chat-only service has no retrieval to break");
            Assert.That(v.Status, Is.EqualTo(RungStatus.Compatible), "same capabilities, nothing else to judge");
        });
    }

    [Test]
    public void NoDegradedMode_IsACaveatAndDegradedAfterCountsEveryRung()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2")]);
        var llm = plan.Component("llm")!;
        Assert.Multiple(() =>
        {
            Assert.That(llm.Estimate.Caveats, Has.Some.Contains("when every provider fails, requests fail"), "no degraded mode declared");
            Assert.That(plan.Chain().DegradedAfter, Is.EqualTo(Paged(plan) + Decision + Assumptions.ParameterSwitchTime + Paged(plan)), "both rungs noticed down, one decided switch between");
        });
    }

    [Test]
    public void HealthCheckMapWithoutTheRecoveryRegion_IsACaveatAtPlanTime()
    {
        var plan = Chains.Plan([Primary("healthCheckUrl: {us-east-1: 'https://api.use1.example.com/healthz/providers/openai'}"), Azure("azure-east", "eastus2")]);
        Assert.That(plan.Component("llm")!.Estimate.Caveats, Has.Some.EqualTo("openai has no healthCheckUrl for recovery region us-west-2: a failover to us-west-2 cannot probe it (add us-west-2 to its healthCheckUrl map)"),
            "the plan says so before a failover finds out");
    }

    [Test]
    public void IndexDeclaredEmbedding_OverridesThePrimaryRungs()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2")], ["embeddingModel: text-embedding-3-large", "embeddingDimensions: 3072"]);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Chain().IndexEmbedding!.Model, Is.EqualTo("text-embedding-3-large"), "the index says what it was built with");
            Assert.That(plan.Verdict("openai").Status, Is.EqualTo(RungStatus.BreaksRetrieval), "even the primary does not fit such an index");
        });
    }

    [Test]
    public void ClientSwitch_HasNoDecisionTerm()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2")], null, "switch: client");
        Assert.That(plan.Component("llm")!.Estimate.TypicalRto, Is.EqualTo(PrimaryDetection + Assumptions.ClientSwitchTime), "the client walks the chain by itself: nobody decides");
    }

    [Test]
    public void Estimate_JudgesTheRungASwitchTakes_NotTheFirstFallback()
    {
        // azure-ada breaks retrieval; a switch passes over it to azure-west, which keeps it: no re-embedding is incurred.
        var plan = Chains.Plan([Primary(), Azure("azure-ada", "eastus2", "embeddingModel: text-embedding-ada-002"), Azure("azure-west", "westus")], null, "switch: client");
        var llm = plan.Component("llm")!;
        Assert.Multiple(() =>
        {
            Assert.That(ModelSwitch.TakenFromPrimary(plan.Chain())!.Name, Is.EqualTo("azure-west"), "the rung switch-model and failover pick");
            Assert.That(llm.Estimate.TypicalRto, Is.EqualTo(PrimaryDetection + Assumptions.ClientSwitchTime), "no re-embedding term for a rung the operations never take");
            Assert.That(llm.Estimate.RtoGuaranteed, Is.True, "bounded");
        });
    }

    [Test]
    public void Estimate_SkipsAFallbackThatSharesThePrimarysOutage()
    {
        var plan = Chains.Plan([Primary(), Rung("openai-again", "openai"), Azure("azure", "eastus2")], null, "switch: client");
        Assert.Multiple(() =>
        {
            Assert.That(ModelSwitch.TakenFromPrimary(plan.Chain())!.Name, Is.EqualTo("azure"), "a rung on the primary's provider and region fails with it");
            Assert.That(plan.Component("llm")!.Estimate.RtoGuaranteed, Is.True, "switch-model skips it, so the figure is bounded");
        });
    }

    [Test]
    public void FallbackBelowThePeakLoad_IsDegradedWithItsCapacity_AndUnknownCapacityIsNotJudged()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2", "chatCapacity: 100"), Azure("azure-west", "westus", "chatCapacity: 400"), Rung("claude", "anthropic", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536")],
            null, "peakTokensPerMinute: 300000");
        Assert.Multiple(() =>
        {
            Assert.That(plan.Verdict("azure-east").Status, Is.EqualTo(RungStatus.Degraded), "a full failover onto 100K TPM is mostly 429s");
            Assert.That(plan.Verdict("azure-east").Degradations, Has.One.EqualTo("capacity 100K TPM < peak 300K TPM (requests beyond it are throttled with 429s)"), "names both figures");
            Assert.That(plan.Verdict("azure-west").Degradations, Is.Empty, "400K covers the peak");
            Assert.That(plan.Verdict("claude").Degradations, Is.Empty, "no declared limit: not judged, never guessed");
            Assert.That(Chains.Plan([Primary(), Rung("claude", "anthropic", "tokensPerMinute: 80000")], null, "peakTokensPerMinute: 300000").Verdict("claude").Degradations,
                Has.Some.StartsWith("capacity 80K TPM < peak 300K TPM"), "a hosted rung's declared limit is judged too");
        });
    }

    [Test]
    public void GlobalStandardRungsShareAPool_AndOneHostedPlatformIsOneOutage()
    {
        var plan = Chains.Plan([Primary(), Rung("openai-eu", "openai", "region: eu", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536"),
            Azure("azure-east", "eastus2", "chatSku: GlobalStandard"), Azure("azure-sweden", "swedencentral", "chatSku: GlobalStandard"), Azure("azure-west", "westus")]);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Verdict("openai-eu").SameAs, Is.EqualTo("openai"), "a residency region is the same OpenAI platform");
            Assert.That(plan.Verdict("azure-sweden").SameAs, Is.Null, "GlobalStandard in a second region survives the first region's interruption (Microsoft's BCDR guide)");
            Assert.That(plan.Verdict("azure-sweden").SharesPoolWith, Is.EqualTo("azure-east"), "but both draw on one global pool: advisory");
            Assert.That(plan.Verdict("azure-sweden").Status, Is.Not.EqualTo(RungStatus.NoProtection), "not a no-protection verdict");
            Assert.That(plan.Verdict("azure-west").SameAs, Is.Null, "a Standard deployment in another location is its own");
        });
    }
    [Test]
    public void ParameterSwitch_Detection_IsUnbounded_NoCheckerDeclared()
    {
        var plan = Chains.Plan([Primary(), Azure("azure", "eastus2")]);
        var detection = TestStacks.Term(plan.Component("llm")!, "RTO", "detection");
        Assert.Multiple(() =>
        {
            Assert.That(detection.Typical, Is.EqualTo(Paged(plan)).And.Not.EqualTo(PrimaryDetection),
                "nothing DrKit declares checks openai every 30 s; typical is taken as a page, labelled as an assumption");
            Assert.That(detection.Worst, Is.Null, "the outage alarm watches the endpoint's health path, which stays green while a provider is down: no page bounds it");
            Assert.That(detection.UnboundedBecause, Is.EqualTo("no provider checker declared: detection is when someone notices"), "the verdict says so");
            Assert.That(detection.Basis, Is.EqualTo(TermBasis.Assumed), "an assumption, not a sourced checker interval");
            Assert.That(plan.Component("llm")!.Reason, Does.Contain("no provider checker declared"), "the verdict shows it");
        });
    }

    [Test]
    public void AzureRungBehindANonAzurePrimary_NamesTheAzureContentFilter()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2"), Azure("azure-west", "westus")]);
        var azureFirst = Chains.Plan([Azure("azure-east", "eastus2"), Azure("azure-west", "westus")]);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Verdict("azure-east").Summary, Does.Contain("Azure content filter: Microsoft.DefaultV2 may refuse prompts or answers openai serves"),
                "the fallback screens what the OpenAI primary answered");
            Assert.That(azureFirst.Verdict("azure-west").Summary, Does.Not.Contain("content filter"), "behind an Azure primary the filter is the same");
        });
    }
}
