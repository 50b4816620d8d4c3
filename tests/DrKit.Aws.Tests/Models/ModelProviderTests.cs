using System.Text.Json.Nodes;
using DrKit.Aws.Models;
using DrKit.Core.Planning;
using Pulumi;
using Pulumi.Testing;

namespace DrKit.Aws.Tests.Models;

/// <summary>The pilot-light stack's model-provider chain as the program declares it: the switch setting and the Azure OpenAI rungs.</summary>
public sealed class ModelProviderTests
{
    private const string Parameter = "aws:ssm/parameter:Parameter";
    private const string Account = "azure:cognitive/account:Account";
    private const string ModelDeployment = "azure:cognitive/deployment:Deployment";
    private const string Secret = "aws:secretsmanager/secret:Secret";
    private const string SecretVersion = "aws:secretsmanager/secretVersion:SecretVersion";
    private const string KeysSecret = "drkit/pilot-light/llm/provider-keys";

    /// <summary>The model switch's parameters, not the PostgreSQL writer address the stack also publishes in SSM.</summary>
    private static List<MockResourceArgs> SwitchParameters(StackRun run) =>
        [.. run.OfType(Parameter).Where(p => ((string)p.Inputs["name"]).EndsWith("/active-provider", StringComparison.Ordinal))];

    [Test]
    public async Task PilotLight_DeclaresTheSwitchParameterInEveryStackRegionThroughItsProvider()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var parameters = SwitchParameters(run);
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
        var parameters = SwitchParameters(run);
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

    [Test]
    public async Task KeysSecret_RecoveryWindow_ZeroOnAnEphemeralStack_SevenDaysOtherwise()
    {
        var real = await StackRun.OfAsync("pilot-light");
        var ephemeral = await StackRun.OfAsync("pilot-light", "pilot-light-tmp", ("ephemeral", "true"));
        static IEnumerable<object?> Windows(StackRun run) =>
            run.OfType(Secret).Where(r => ((string?)r.Inputs.GetValueOrDefault("name") ?? string.Empty).EndsWith("/llm/provider-keys", StringComparison.Ordinal))
                .Select(r => r.Inputs.GetValueOrDefault("recoveryWindowInDays"));
        Assert.Multiple(() =>
        {
            Assert.That(Windows(real).Select(Convert.ToInt32), Is.EqualTo(new[] { 7, 7 }), "a real stack can be rebuilt under its name after a week, and restored until then");
            Assert.That(Windows(ephemeral).Select(Convert.ToInt32), Is.EqualTo(new[] { 0, 0 }), "an ephemeral stack re-created under its name must not find the name reserved for 30 days");
        });
    }

    [Test]
    public async Task PilotLight_DeliversTheAzureKeysInASecretInEveryRegion()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var secrets = run.OfType(Secret).Where(r => (string?)r.Inputs.GetValueOrDefault("name") == KeysSecret).ToList();
        var versions = run.OfType(SecretVersion).Where(r => (r.Name ?? string.Empty).StartsWith("llm-keys-", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Select(RecordingMocks.RegionOf), Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "each region's application reads its own copy; a failover needs no call to the failed region");
            Assert.That(versions.Select(RecordingMocks.RegionOf), Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "a value in each");
            foreach (var version in versions)
            {
                var document = JsonNode.Parse((string)version.Inputs["secretString"])!;
                Assert.That(document["azure-eastus2"]!["apiKey"]!.GetValue<string>(), Is.EqualTo("key-llm-azure-azure-eastus2"), "the eastus2 account's key, under the rung name the switch parameter holds");
                Assert.That(document["azure-westus"]!["endpoint"]!.GetValue<string>(), Does.StartWith("https://pilot-light-llm-azure-westus-").And.EndsWith(".openai.azure.com/"), "with its endpoint");
                Assert.That(document.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "azure-eastus2", "azure-westus" }), "only the rungs the stack holds keys for");
            }
        });
    }

    [Test]
    public async Task PilotLight_SwitchParameterNamesTheKeysSecret_AndTheArnsAreExported()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var arns = await StackRun.Value(run.Stack.ModelProviderKeySecrets);
        Assert.Multiple(() =>
        {
            Assert.That(SwitchParameters(run).Select(p => ((IDictionary<string, object>)p.Inputs["tags"])[ModelSwitchParameter.KeysTag]), Has.All.EqualTo(KeysSecret),
                "the application finds the keys from the parameter it already reads");
            Assert.That(arns["llm"].Keys, Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "the ARNs the application's role is granted GetSecretValue on");
        });
    }

    [Test]
    [NonParallelizable]
    public async Task KeysSecret_ValueIsAPulumiSecret()
    {
        var mocks = new RecordingMocks();
        ModelProviderKeys? keys = null;
        var plan = Planner.PlanFile(StackConfig.StackFile("pilot-light"));
        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "drkit", StackName = "pilot-light", IsPreview = false }, () =>
        {
            var tags = new StackTags("pilot-light", "svc");
            keys = new ModelProviderKeys("llm-keys", new ModelProviderKeysArgs
            {
                Plan = plan.Component("llm")!,
                Endpoints = new Dictionary<string, Output<string>> { ["azure-eastus2"] = Output.Create("https://a.openai.azure.com/") },
                Keys = new Dictionary<string, Output<string>> { ["azure-eastus2"] = Output.CreateSecret("k") },
                Providers = RegionalProviders.Create("us-east-1", ["us-west-2"], tags),
                Tags = tags,
            });
            return new Dictionary<string, object?>();
        });
        Assert.That(await Output.IsSecretAsync(keys!.Document), Is.True, "the keys document stays a secret in state and wherever it flows");
    }
}
