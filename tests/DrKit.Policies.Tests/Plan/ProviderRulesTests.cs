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

    private static DrPlan ChainIn(string jurisdiction, params string[] rungs) => Stacks.Plan(Stacks.Yaml(
        "llm:\n  kind: model-provider\n  tier: production\n  strategy: warm-standby\n  degradedMode: [queue]\n  providers:\n"
        + string.Concat(rungs.Select(r => string.Concat(r.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n")))),
        $"jurisdictions:\n  - {jurisdiction}\n", "us-west-2"));

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
    public void GlobalStandardInTwoLocations_IsAnAdvisorySharedPool_NotNoProtection()
    {
        static string Global(string name, string location) =>
            Rung(name, "azure-openai", "region: " + location, "chatSku: GlobalStandard", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536");
        var report = Stacks.Check(Chain(Primary, Global("azure-east", "eastus2"), Global("azure-sweden", "swedencentral")));
        var finding = report.Of(RuleCatalog.ProviderRungsDistinct).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Advisory), "a shared pool is a capacity risk, not a refusal");
            Assert.That(finding.Message, Does.Contain("azure-sweden and azure-east draw on one Azure processing pool (azure-openai GlobalStandard pool)")
                .And.Contain("may share a model-capacity incident").And.Not.Contain("no protection"), "distinct regions, named as such");
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
    private static readonly DateTimeOffset TableDay = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void AzureRungPinningARetiredVersion_IsAMandatoryViolation()
    {
        var plan = Chain(Primary, Rung("azure", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536",
            "chatModelVersion: \"2024-11-20\"", "embeddingModelVersion: \"1\""));
        var finding = Stacks.Check(plan, TableDay).Of(RuleCatalog.AzureOpenAiVersionCurrent).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Mandatory), "a retired version's deployment answers with errors: the fallback is dead");
            Assert.That(finding.Subject, Is.EqualTo("llm/azure"), "names the chain and the rung");
            Assert.That(finding.Message, Does.Contain("gpt-4o 2024-11-20").And.Contain("retired on 2026-10-01"), "the version and the day it retired");
            Assert.That(Stacks.Check(plan, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)).Of(RuleCatalog.AzureOpenAiVersionCurrent), Is.Empty,
                "judged on the day of the check: before its retirement it still serves");
        });
    }

    [Test]
    public void AzureRungRetiringInsideThePostureWindow_IsAdvisory()
    {
        var plan = Chain(Primary, Rung("azure", "azure-openai", "region: eastus2", "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536",
            "chatModelVersion: \"2025-11-13\"", "embeddingModelVersion: \"1\"").Replace("chatModel: gpt-4o", "chatModel: gpt-5.1", StringComparison.Ordinal));
        var report = Stacks.Check(plan, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Multiple(() =>
        {
            Assert.That(report.Of(RuleCatalog.AzureOpenAiVersionLifecycle).Select(f => (f.Level, f.Message)),
                Has.One.Matches<(PolicyLevel Level, string Message)>(f => f.Level == PolicyLevel.Advisory && f.Message.Contains("retires on 2027-05-15", StringComparison.Ordinal)),
                "warned before the day, while the stack can still move");
            Assert.That(report.Of(RuleCatalog.AzureOpenAiVersionCurrent), Is.Empty, "not retired yet");
        });
    }

    [Test]
    public void RungsProcessingOutsideTheJurisdictions_AreMandatoryViolations_EachWithItsScope()
    {
        var report = Stacks.Check(ChainIn("us",
            Rung("openai", "openai", "region: us"),
            Rung("azure-sweden", "azure-openai", "region: swedencentral"),
            Rung("azure-global", "azure-openai", "region: eastus2", "chatSku: GlobalStandard"),
            Rung("azure-zone", "azure-openai", "region: westus", "chatSku: DataZoneStandard"),
            Rung("anthropic", "anthropic"),
            Rung("bedrock-eu", "bedrock", "region: eu-west-1")));
        var findings = report.Of(RuleCatalog.ProviderRungsInJurisdiction).ToDictionary(f => f.Subject);
        Assert.Multiple(() =>
        {
            Assert.That(findings.Keys, Is.EquivalentTo(new[] { "llm/azure-sweden", "llm/azure-global", "llm/anthropic", "llm/bedrock-eu" }),
                "the US rungs pass: OpenAI with US residency, a US data zone deployment; every other rung moves prompts out of the US");
            Assert.That(findings.Values, Has.All.Matches<Finding>(f => f.Level == PolicyLevel.Mandatory), "a switch would breach data residency");
            Assert.That(findings["llm/azure-global"].Message, Does.Contain("globally").And.Contain("GlobalStandard"), "names the deployment type as the reason");
            Assert.That(findings["llm/azure-sweden"].Message, Does.Contain("in eu"), "names where it processes");
            Assert.That(findings["llm/anthropic"].Message, Does.Contain("without a declared data-residency region"), "a hosted API is global unless declared");
        });
    }

    [Test]
    public void WithoutJurisdictions_RungsAreNotJudged() =>
        Assert.That(Stacks.Check(Chain(Primary, Rung("anthropic", "anthropic"))).Of(RuleCatalog.ProviderRungsInJurisdiction), Is.Empty, "nothing is restricted");
}
