using DrKit.Aws.Models;
using Pulumi;

namespace DrKit.Aws.Tests.Models;

/// <summary>The pilot-light stack's model-provider chain as the program declares it: the switch setting and the Azure OpenAI rungs.</summary>
public sealed class ModelProviderTests
{
    private const string Parameter = "aws:ssm/parameter:Parameter";
    private const string Account = "azure:cognitive/account:Account";
    private const string ModelDeployment = "azure:cognitive/deployment:Deployment";

    [Test]
    public async Task PilotLight_DeclaresTheSwitchParameterInEveryStackRegionThroughItsProvider()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var parameters = run.OfType(Parameter).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(parameters.Select(RecordingMocks.RegionOf), Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "one per region, each read by the application there");
            Assert.That(parameters.Select(p => p.Inputs["name"]), Has.All.EqualTo("/drkit/pilot-light/llm/active-provider"), "the same name in every region");
            Assert.That(parameters.Select(p => p.Inputs["insecureValue"]), Has.All.EqualTo("openai"), "created naming the primary rung");
            Assert.That(parameters.Select(p => p.Inputs["type"]), Has.All.EqualTo("String"), "a plain String parameter");
            Assert.That(parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "llm-switch-us-east-1", "llm-switch-us-west-2" }), "children named after the component");
        });
    }

    [Test]
    public async Task SwitchParameter_DescriptionDoesNotDependOnTheChain_TheChainIsATag()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var parameters = run.OfType(Parameter).ToList();
        var rungs = new[] { "openai", "azure-eastus2", "azure-westus", "self-hosted" };
        Assert.Multiple(() =>
        {
            // A changed description makes the provider rewrite the parameter with its old value: the primary rung, over a failover's flip.
            Assert.That(parameters.Select(p => p.Inputs["description"]), Has.All.EqualTo(ModelSwitchParameter.Describe("llm")), "constant per component");
            Assert.That(parameters.Select(p => (string)p.Inputs["description"]), Has.None.Matches<string>(d => rungs.Any(r => d.Contains(r, StringComparison.Ordinal))), "no rung named in it, so editing the chain leaves it alone");
            Assert.That(parameters.Select(p => ((IDictionary<string, object>)p.Inputs["tags"])[ModelSwitchParameter.ChainTag]), Has.All.EqualTo(string.Join(" ", rungs)), "the chain is kept in a tag, which updates in place");
        });
    }

    [Test]
    public async Task PilotLight_ExportsTheSwitchParameterPerRegion()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var names = await StackRun.Value(run.Stack.ModelSwitchParameters);
        Assert.That(names["llm"]["us-west-2"], Is.EqualTo("/drkit/pilot-light/llm/active-provider"), "operations find the recovery region's parameter");
    }

    [Test]
    public void SwitchParameter_IgnoresTheValueOperationsWrite() =>
        Assert.That(ModelSwitchParameter.OperatedProperty, Is.EqualTo("insecureValue"), "the next up must not write the primary rung back over a failover's flip");

    [Test]
    public async Task PilotLight_DeclaresAzureOpenAiAccountsAndDeploymentsInBothFallbackLocations()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var accounts = run.OfType(Account).ToList();
        var deployments = run.OfType(ModelDeployment).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(accounts.Select(a => a.Inputs["location"]), Is.EquivalentTo(new[] { "eastus2", "westus" }), "Azure OpenAI in two regions");
            Assert.That(accounts.Select(a => a.Provider ?? string.Empty), Has.All.Contains("pulumi:providers:azure::azure-"), "through explicit Azure providers");
            Assert.That(accounts.Select(a => (a.Provider ?? string.Empty).EndsWith($"azure-{a.Inputs["location"]}", StringComparison.Ordinal) || (a.Provider ?? string.Empty).Contains($"azure-{a.Inputs["location"]}::", StringComparison.Ordinal)), Has.All.True, "each through its location's provider");
            Assert.That(deployments, Has.Count.EqualTo(4), "chat and embedding model in each location");
        });
    }

    [Test]
    public async Task PilotLight_ModelProviderKeysAreSecret()
    {
        var run = await StackRun.OfAsync("pilot-light");
        Assert.That(await Output.IsSecretAsync(run.Stack.ModelProviderKeys), Is.True, "Azure OpenAI keys never leave as plain text");
    }
}
