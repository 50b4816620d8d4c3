using System.Collections;
using DrKit.Azure.Models;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace DrKit.Azure.Tests.Models;

/// <summary>The pilot-light stack's chain (OpenAI, then Azure OpenAI in eastus2 and westus, then self-hosted) declared under mocks.</summary>
public sealed class OpenAiFallbacksTests
{
    private const string Account = "azure:cognitive/account:Account";
    private const string ModelDeployment = "azure:cognitive/deployment:Deployment";
    private const string Group = "azure:core/resourceGroup:ResourceGroup";

    private static (List<MockResourceArgs> Resources, OpenAiFallbacks Component)? _run;

    /// <summary>Resource name -> the options each child was declared with, captured by a transformation on the component.</summary>
    private static readonly Dictionary<string, ResourceOptions> Options = new(StringComparer.Ordinal);

    private static async Task<(List<MockResourceArgs> Resources, OpenAiFallbacks Component)> RunAsync()
    {
        if (_run is { } cached)
        {
            return cached;
        }

        var plan = Planner.PlanFile(RepoPaths.Stack("pilot-light"));
        var chain = (ModelProviderSettings)plan.Component("llm")!.Settings;
        var mocks = new AzureMocks();
        OpenAiFallbacks? component = null;
        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "drkit", StackName = "pilot-light", IsPreview = false }, () =>
        {
            var providers = AzureProviders.Create(AzureOpenAiDeployments.Locations(plan), new AzureProviderSettings(
                Output.Create("00000000-0000-0000-0000-000000000000"), TenantId: "11111111-1111-1111-1111-111111111111", UseOidc: true, Environment: "public"));
            component = new OpenAiFallbacks("llm-azure", new OpenAiFallbacksArgs
            {
                Component = "llm",
                Accounts = AzureOpenAiDeployments.Decide(plan.Stack, "llm", chain),
                Providers = providers,
                Tags = new Dictionary<string, string> { ["stack"] = plan.Stack },
            }, new ComponentResourceOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        Options[args.Resource.GetResourceName()] = args.Options;
                        return null;
                    },
                },
            });
            return new Dictionary<string, object?>();
        });
        _run = (mocks.Resources.ToList(), component!);
        return _run.Value;
    }

    private static object? At(object? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node is IDictionary map && map.Contains(step) ? map[step] : null;
        }

        return node;
    }

    [Test]
    public async Task PilotLight_DeclaresAnOpenAiAccountInEachFallbackLocationThroughItsProvider()
    {
        var (resources, _) = await RunAsync();
        var accounts = resources.Where(r => r.Type == Account).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(accounts.Select(a => a.Inputs["location"]), Is.EquivalentTo(new[] { "eastus2", "westus" }), "one account per Azure rung");
            Assert.That(accounts, Has.All.Matches<MockResourceArgs>(a => (string)a.Inputs["kind"] == "OpenAI" && (string)a.Inputs["skuName"] == "S0"), "Azure OpenAI accounts, SKU S0");
            Assert.That(accounts.Select(a => a.Inputs["customSubdomainName"]), Is.EquivalentTo(new[]
            {
                $"pilot-light-llm-azure-eastus2-{AzureMocks.Suffix("llm-azure-azure-eastus2-suffix")}",
                $"pilot-light-llm-azure-westus-{AzureMocks.Suffix("llm-azure-azure-westus-suffix")}",
            }), "a custom subdomain each, for https://<subdomain>.openai.azure.com/, ending in the rung's random suffix kept in state");
            Assert.That(accounts, Has.All.Matches<MockResourceArgs>(a => Equals(a.Inputs["name"], a.Inputs["customSubdomainName"])), "the account is named like its subdomain");
            Assert.That(resources.Where(r => r.Type == AzureMocks.RandomString).Select(r => (At(r.Inputs, "length"), At(r.Inputs, "upper"), At(r.Inputs, "special"))),
                Has.Exactly(2).EqualTo((6, false, false)), "one six-character lower-case alphanumeric suffix per rung");
            Assert.That(accounts.Select(a => (AzureMocks.LocationOf(a), a.Inputs["location"])), Has.All.Matches<(string?, object)>(p => p.Item1 == (string)p.Item2), "each account through the provider of its location");
            Assert.That(resources.Where(r => r.Type == Group).Select(g => (AzureMocks.LocationOf(g), g.Inputs["location"])), Has.All.Matches<(string?, object)>(p => p.Item1 == (string)p.Item2), "resource groups too");
            var providers = resources.Where(r => r.Type == "pulumi:providers:azure").ToList();
            Assert.That(providers.Select(p => p.Inputs.GetValueOrDefault("subscriptionId")), Has.All.EqualTo("00000000-0000-0000-0000-000000000000"), "providers take the stack's subscription");
            Assert.That(providers.Select(p => p.Inputs.GetValueOrDefault("resourceProviderRegistrations")), Has.All.EqualTo("none"), "no subscription-wide registrations from the deploying identity");
            Assert.That(providers.Select(p => (p.Inputs.GetValueOrDefault("tenantId"), p.Inputs.GetValueOrDefault("environment"))),
                Has.All.EqualTo(((object)"11111111-1111-1111-1111-111111111111", (object)"public")), "the stack's azure:tenantId and azure:environment reach the explicit providers");
            Assert.That(providers.Select(p => p.Inputs.GetValueOrDefault("useOidc")?.ToString()), Has.All.EqualTo("true").IgnoreCase, "azure:useOidc reaches them too");
            Assert.That(providers.Select(p => p.Inputs.GetValueOrDefault("storageUseAzuread")?.ToString()), Has.All.EqualTo("true").IgnoreCase,
                "storage data-plane calls use Entra ID: accounts have Shared Key off");
            Assert.That(providers.Select(p => p.Inputs.GetValueOrDefault("features")?.ToString()), Has.All.Contains("dataPlaneAvailable").And.All.Contains("false"),
                "the provider stays off the storage data plane, which is unreachable with public network access off");
        });
    }

    [Test]
    public async Task PilotLight_DeploysChatAndEmbeddingModelsWithCapacityInEachLocation()
    {
        var (resources, _) = await RunAsync();
        var deployments = resources.Where(r => r.Type == ModelDeployment).ToList();
        Assert.That(deployments, Has.Count.EqualTo(4), "gpt-5.1 and text-embedding-3-small in eastus2 and westus");
        foreach (var location in new[] { "eastus2", "westus" })
        {
            var here = deployments.Where(d => AzureMocks.LocationOf(d) == location).ToDictionary(d => (string)d.Inputs["name"]);
            Assert.Multiple(() =>
            {
                Assert.That(here.Keys, Is.EquivalentTo(new[] { "gpt-5.1", "text-embedding-3-small" }), $"{location}: deployments named after their model, so the application calls the same name on every rung");
                Assert.That(At(here["gpt-5.1"].Inputs, "sku", "name"), Is.EqualTo("DataZoneStandard"), "the type the location offers gpt-5.1 in");
                Assert.That(At(here["text-embedding-3-small"].Inputs, "sku", "name"), Is.EqualTo("Standard"), "regional Standard embeddings");
                Assert.That(At(here["gpt-5.1"].Inputs, "sku", "capacity"), Is.EqualTo(150), "the rung's chat capacity (thousands of TPM)");
                Assert.That(At(here["text-embedding-3-small"].Inputs, "sku", "capacity"), Is.EqualTo(350), "the rung's embedding capacity");
                Assert.That(At(here["gpt-5.1"].Inputs, "model", "version"), Is.EqualTo("2025-11-13"), "the pinned model version");
                Assert.That(At(here["text-embedding-3-small"].Inputs, "model", "format"), Is.EqualTo("OpenAI"), "OpenAI model format");
                Assert.That(here.Values.Select(d => d.Inputs["cognitiveAccountId"]), Has.All.EqualTo($"llm-azure-azure-{location}-id"), "deployed into the account of the same location");
            });
        }
    }

    [Test]
    public async Task PilotLight_PinsEveryVersion_ChatUpgradesAtRetirement_EmbeddingsNever()
    {
        var (resources, _) = await RunAsync();
        var deployments = resources.Where(r => r.Type == ModelDeployment).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(deployments.Select(d => ((string)d.Inputs["name"], d.Inputs.TryGetValue("versionUpgradeOption", out var o) ? o : null)).Distinct(),
                Is.EquivalentTo(new (string, object?)[] { ("gpt-5.1", "OnceCurrentVersionExpired"), ("text-embedding-3-small", "NoAutoUpgrade") }),
                "a chat fallback keeps serving when its version retires; an embedding deployment never changes vector space on its own");
            Assert.That(deployments.Select(d => ((string)d.Inputs["name"], At(d.Inputs, "model", "version"))).Distinct(),
                Is.EquivalentTo(new (string, object?)[] { ("gpt-5.1", "2025-11-13"), ("text-embedding-3-small", "1") }), "each deployment names the version the stack pins");
            Assert.That(deployments.Select(d => d.Inputs.GetValueOrDefault("raiPolicyName")), Has.All.EqualTo("Microsoft.DefaultV2"),
                "the content filter is named, so Azure's assignment never shows as a diff and every rung filters alike");
        });
    }

    [Test]
    public async Task PilotLight_DeploymentsAreDeletedBeforeTheyAreReplacedUnderTheSameName()
    {
        var (resources, _) = await RunAsync();
        var names = resources.Where(r => r.Type == ModelDeployment).Select(d => d.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names, Has.Count.EqualTo(4), "every deployment was captured");
            Assert.That(names.Select(n => (Options[n!] as CustomResourceOptions)?.DeleteBeforeReplace), Has.All.True,
                "a new deployment of the same name cannot be created while the old one exists (sku or model change)");
            Assert.That(resources.Where(r => r.Type == Account).Select(a => (Options[a.Name!] as CustomResourceOptions)?.DeleteBeforeReplace), Has.None.True, "accounts keep Pulumi's default");
        });
    }

    [Test]
    public async Task PilotLight_ExportsEndpointsAndSecretKeysPerRung()
    {
        var (_, component) = await RunAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(component.Endpoints.Keys, Is.EquivalentTo(new[] { "azure-eastus2", "azure-westus" }), "an endpoint per Azure rung");
            Assert.That(await OutputUtilities.GetValueAsync(component.Endpoints["azure-eastus2"]),
                Is.EqualTo($"https://pilot-light-llm-azure-eastus2-{AzureMocks.Suffix("llm-azure-azure-eastus2-suffix")}.openai.azure.com/"), "the account's endpoint");
            foreach (var key in component.Keys.Values)
            {
                Assert.That(await Output.IsSecretAsync(key), Is.True, "account keys never leave as plain text");
            }
        });
    }
}
