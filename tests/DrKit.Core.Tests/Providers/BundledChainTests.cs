using DrKit.Core.Model;
using DrKit.Core.Planning;
using DrKit.Core.Reporting;

namespace DrKit.Core.Tests.Providers;

public sealed class BundledChainTests
{
    private static IEnumerable<string> Stacks => RepoPaths.BundledStacks;

    private static string Example(string name) => Path.Combine(RepoPaths.Root, "stacks", "examples", $"Pulumi.{name}.yaml");

    [Test]
    public void ActiveActive_ClientSwitch_MeetsTheCriticalTarget()
    {
        var llm = Planner.PlanFile(RepoPaths.Stack("active-active")).Component("llm")!;
        Assert.Multiple(() =>
        {
            Assert.That(((ModelProviderSettings)llm.Settings).Switch, Is.EqualTo(SwitchMechanism.Client), "the critical chain is walked by the application's client");
            Assert.That(llm.Target.Rto, Is.EqualTo(TimeSpan.FromMinutes(5)), "the critical tier's target, not a relaxed one");
            Assert.That(llm.Verdict, Is.EqualTo(Verdict.Met), "client detection + one timed-out request fits 5m");
        });
    }

    [TestCaseSource(nameof(Stacks))]
    public void BundledStack_ShowsHostedApiThenAzureInTwoRegionsThenTheSelfHostedEndpoint(string stack)
    {
        var plan = Planner.PlanFile(RepoPaths.Stack(stack));
        var chain = plan.Chain();
        Assert.Multiple(() =>
        {
            Assert.That(chain.Verdicts.Select(v => v.Status), Is.EqualTo(new[] { RungStatus.Primary, RungStatus.Compatible, RungStatus.Compatible, RungStatus.Degraded }),
                "Azure keeps OpenAI's embeddings; the self-hosted model has a smaller context and no tools");
            Assert.That(chain.Verdicts[3].Retrieval, Is.EqualTo(RetrievalImpact.SecondIndex), "the index keeps a second index for the self-hosted embeddings");
            Assert.That(chain.SwitchParameter, chain.Switch == SwitchMechanism.Parameter ? Is.EqualTo($"/drkit/{stack}/llm/active-provider") : Is.Null,
                "a parameter switch declares its setting; a client-side switch has none");
            Assert.That(PlanMarkdown.Render(plan), Does.Contain("#### Model providers: `llm`").And.Contain("breaks retrieval").Or.Contain("⚠️ degraded"), "Markdown shows the chain and its verdicts");
        });
    }

    [Test]
    public void MismatchExample_BreachesWithTheReembeddingTime()
    {
        var plan = Planner.PlanFile(Example("embedding-mismatch"));
        var v = plan.Verdict("azure-eastus2");
        Assert.Multiple(() =>
        {
            Assert.That(v.Status, Is.EqualTo(RungStatus.BreaksRetrieval), "3072d text-embedding-3-large index, 1536d ada-002 fallback");
            Assert.That(v.Reembed, Is.EqualTo(TimeSpan.FromSeconds(Math.Ceiling(2_000_000 / DrKit.Core.Estimation.Assumptions.AzureEmbeddingVectorsPerSecond(350)))), "2,000,000 vectors at the deployment's 350k TPM");
            Assert.That(plan.Component("llm")!.Verdict, Is.EqualTo(Verdict.Breached), "the retrieval path cannot come back within 30m");
        });
    }

    [Test]
    public void DualEmbeddedExample_KeepsRetrievalAndShowsTheSecondIndexCost()
    {
        var plan = Planner.PlanFile(Example("dual-embedded"));
        Assert.Multiple(() =>
        {
            Assert.That(plan.Verdict("azure-eastus2").Retrieval, Is.EqualTo(RetrievalImpact.SecondIndex), "the second index is embedded with ada-002");
            Assert.That(plan.Component("llm")!.Verdict, Is.EqualTo(Verdict.AtRisk), "retrieval is kept; only the parameter switch's detection has no worst case");
            Assert.That(plan.Component("llm")!.Reason, Does.Contain("no provider checker declared"), "the verdict says why it is not met");
            Assert.That(((VectorIndexSettings)plan.Component("knowledge-index")!.Settings).FallbackIndexGb, Is.EqualTo(12.3), "2,000,000 x 1536 x 4 bytes");
        });
    }

    [TestCase("embedding-mismatch")]
    [TestCase("dual-embedded")]
    public void ExamplePlanJson_RoundTripsWithItsChain(string name)
    {
        var plan = Planner.PlanFile(Example(name));
        var json = PlanJson.Serialize(plan);
        var back = PlanJson.Deserialize(json);
        Assert.Multiple(() =>
        {
            Assert.That(PlanJson.Serialize(back), Is.EqualTo(json), "serializing the parsed plan gives the same JSON");
            Assert.That(back.Chain().Verdicts.Select(v => (v.Rung, v.Status, v.Reembed)), Is.EqualTo(plan.Chain().Verdicts.Select(v => (v.Rung, v.Status, v.Reembed))), "verdicts survive");
            Assert.That(json, Does.Contain("\"type\": \"model-provider\"").And.Contain("\"provider\": \"azure-openai\""), "kebab-case, as stack files spell it");
        });
    }
}
