using DrKit.Cli;
using DrKit.Core.Planning;
using Spectre.Console;

namespace DrKit.Policies.Tests.Plan;

public sealed class ProviderRulesTests
{
    private static string Example(string name) => Path.Combine(Stacks.Root, "stacks", "examples", $"Pulumi.{name}.yaml");

    private static string Rung(string name, string provider, params string[] extra) =>
        string.Join("\n", new[] { $"- name: {name}", $"  provider: {provider}", "  chatModel: gpt-4o", "  contextWindow: 128000", "  maxOutputTokens: 16384", "  functionCalling: true" }
            .Concat(extra.Select(e => "  " + e))) + "\n";

    private static DrPlan Chain(params string[] rungs) => Stacks.Plan(Stacks.Yaml(
        "index:\n  kind: vector-index\n  strategy: warm-standby\n  vectors: 1000000\n"
        + "llm:\n  kind: model-provider\n  tier: production\n  strategy: warm-standby\n  degradedMode: [queue]\n  providers:\n"
        + string.Concat(rungs.Select(r => string.Concat(r.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n")))),
        null, "us-west-2"));

    private static readonly string Primary = Rung("openai", "openai", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536");

    [Test]
    public void FallbackWithOtherEmbeddings_IsAMandatoryViolationWithTheReembeddingTime()
    {
        var report = Stacks.Check(Chain(Primary, Rung("azure", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-ada-002", "embeddingDimensions: 1536", "embeddingCapacity: 350")));
        var finding = report.Of(RuleCatalog.ProviderFailoverKeepsRetrieval).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Mandatory), "retrieval breaking on failover is the seeds' worst outage");
            Assert.That(finding.Subject, Is.EqualTo("llm/azure"), "names the chain and the rung");
            Assert.That(finding.Message, Does.Contain("retrieval would break on failover to azure").And.Contain("re-embedding 1,000,000 vectors at 12/s takes 23h48m"), "the reason and the re-embedding time");
        });
    }

    [Test]
    public void DegradedFallback_IsAdvisoryAndSaysWhatDegrades()
    {
        var report = Stacks.Check(Chain(Primary, Rung("azure", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536", "streaming: false")));
        var finding = report.Of(RuleCatalog.ProviderFallbackDegraded).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Advisory), "degraded still serves");
            Assert.That(finding.Message, Does.Contain("no streaming"), "names what degrades");
            Assert.That(report.Of(RuleCatalog.ProviderFailoverKeepsRetrieval), Is.Empty, "same embeddings keep retrieval");
        });
    }

    [Test]
    public void SameProviderAndRegionTwice_IsFlagged()
    {
        var azure = Rung("azure-a", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536");
        var report = Stacks.Check(Chain(Primary, azure, azure.Replace("azure-a", "azure-b", StringComparison.Ordinal)));
        Assert.That(report.Of(RuleCatalog.ProviderRungsDistinct).Select(f => f.Message), Has.One.Contains("azure-b shares provider and region with azure-a"), "one outage takes both rungs");
    }

    [Test]
    public void CapacityBeyondTheDefaultQuota_IsAdvisoryAndNamesThePool()
    {
        var azure = Rung("azure-a", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536", "embeddingCapacity: 200");
        var report = Stacks.Check(Chain(Primary, azure, azure.Replace("azure-a", "azure-b", StringComparison.Ordinal)));
        var finding = report.Of(RuleCatalog.AzureOpenAiQuota).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Advisory), "quota can be raised on request");
            Assert.That(finding.Subject, Is.EqualTo("eastus2/text-embedding-3-small/Standard"), "the pool: location, model, deployment type");
            Assert.That(finding.Message, Does.Contain("400K TPM").And.Contain("350K"), "the plan's sum against the default");
        });
    }

    [Test]
    public void DefaultCapacities_FitTheDefaultQuota()
    {
        var report = Stacks.Check(Chain(Primary, Rung("azure", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536")));
        Assert.That(report.Of(RuleCatalog.AzureOpenAiQuota), Is.Empty, "50K TPM per deployment leaves the pool for the rest of the subscription");
    }

    private static (int Exit, string Console) Check(string file)
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(screen), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 400;
        var exit = DrKitApp.RunAsync(["check", file], new CliIO(console, new StringWriter(), new StringWriter()), CancellationToken.None).GetAwaiter().GetResult();
        return (exit, screen.ToString());
    }

    [Test]
    public void MismatchExample_FailsCheckWithTheReasonAndTheReembeddingTime()
    {
        var (exit, console) = Check(Example("embedding-mismatch"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings), "a mandatory violation fails drkit check");
            Assert.That(console, Does.Contain("provider-failover-keeps-retrieval").And.Contain("text-embedding-ada-002 (1536d)").And.Contain("takes 47h37m9s"), "says why and how long re-embedding takes");
        });
    }

    [Test]
    public void DualEmbeddedExample_PassesCheck()
    {
        var (exit, console) = Check(Example("dual-embedded"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), "the second index keeps retrieval on failover");
            Assert.That(console, Does.Not.Contain("provider-failover-keeps-retrieval"), "no retrieval finding");
        });
    }

    [Test]
    public void AzureRungWithoutModelVersions_IsAMandatoryViolationPerDeployment()
    {
        var report = Stacks.Check(Chain(Primary, Rung("azure", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536", "chatModelVersion: \"2024-11-20\"")));
        var finding = report.Of(RuleCatalog.AzureOpenAiVersionPinned).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Mandatory), "an unpinned fallback is not the one the plan judged");
            Assert.That(finding.Subject, Is.EqualTo("llm/azure"), "names the chain and the rung");
            Assert.That(finding.Message, Does.StartWith("azure: text-embedding-3-small names no model version"), "the embedding deployment lacks a version; the pinned chat one is not flagged");
        });
    }

    [Test]
    public void PinnedAzureRungsAndHostedRungs_AreNotFlagged()
    {
        var report = Stacks.Check(Chain(Primary, Rung("azure", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536",
            "chatModelVersion: \"2024-11-20\"", "embeddingModelVersion: \"1\"")));
        Assert.That(report.Of(RuleCatalog.AzureOpenAiVersionPinned), Is.Empty, "both deployments pinned; the hosted primary has no deployment to pin");
    }
}
