using DrKit.Core.Platforms.Azure;
using Pulumi;
using Pulumi.Random;
using PulumiAzure = Pulumi.Azure;

namespace DrKit.Azure.Models;

public sealed class OpenAiFallbacksArgs : ResourceArgs
{
    /// <summary>The model-provider component the accounts serve.</summary>
    public required string Component { get; init; }

    /// <summary>The accounts and deployments the core decided (<see cref="AzureOpenAiDeployments.Decide"/>).</summary>
    public required IReadOnlyList<AzureOpenAiAccount> Accounts { get; init; }

    public required AzureProviders Providers { get; init; }

    /// <summary>Tags on every resource (stack, service, managed-by, component).</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

/// <summary>
/// The Azure OpenAI rungs of a model-provider chain: per rung a resource group, an OpenAI account (S0) with a custom
/// subdomain, and deployments of the chat and embedding models with their deployment type and capacity, each in the rung's
/// location through that location's provider. The embedding deployment waits for the chat deployment: Azure rejects
/// concurrent deployment changes on one account. Each deployment pins its model version with the upgrade option the core
/// decided for its role (<see cref="AzureOpenAiDeployments.UpgradeOption"/>), and is deleted before it is replaced under
/// the same name (<see cref="AzureOpenAiDeployments.DeleteBeforeReplace"/>). Keys are exported as secrets only.
/// </summary>
public sealed class OpenAiFallbacks : ComponentResource
{
    public const string TypeToken = "drkit:models:OpenAiFallbacks";

    public OpenAiFallbacks(string name, OpenAiFallbacksArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var endpoints = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var keys = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var account in args.Accounts)
        {
            var tags = args.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            tags["rung"] = account.Rung;
            var group = new PulumiAzure.Core.ResourceGroup($"{name}-{account.Rung}-rg", new PulumiAzure.Core.ResourceGroupArgs
            {
                Name = account.ResourceGroup,
                Location = account.Location,
                Tags = tags,
            }, args.Providers.In(account.Location, this));
            // The custom subdomain is global across Azure: a random suffix, drawn once and kept in state, keeps two
            // stacks of the same names (or a name someone else took) apart, and stays put on every later up.
            var suffix = new RandomString($"{name}-{account.Rung}-suffix", new RandomStringArgs
            {
                Length = AzureOpenAiDeployments.SuffixLength,
                Lower = true,
                Numeric = true,
                Upper = false,
                Special = false,
            }, new CustomResourceOptions { Parent = this });
            var accountName = suffix.Result.Apply(s => AzureOpenAiDeployments.AccountName(account.NamePrefix, s));
            var openAi = new PulumiAzure.Cognitive.Account($"{name}-{account.Rung}", new PulumiAzure.Cognitive.AccountArgs
            {
                Name = accountName,
                Location = account.Location,
                ResourceGroupName = group.Name,
                Kind = AzureOpenAiDeployments.AccountKind,
                SkuName = AzureOpenAiDeployments.AccountSku,
                CustomSubdomainName = accountName,
                Tags = tags,
            }, args.Providers.In(account.Location, this));

            Resource previous = openAi;
            foreach (var deployment in account.Deployments)
            {
                var model = new PulumiAzure.Cognitive.Inputs.DeploymentModelArgs { Format = AzureOpenAiDeployments.ModelFormat, Name = deployment.Model };
                if (deployment.Version is not null)
                {
                    model.Version = deployment.Version;
                }

                var deploymentOptions = args.Providers.In(account.Location, this, previous);
                deploymentOptions.DeleteBeforeReplace = AzureOpenAiDeployments.DeleteBeforeReplace;
                previous = new PulumiAzure.Cognitive.Deployment($"{name}-{account.Rung}-{deployment.Name}", new PulumiAzure.Cognitive.DeploymentArgs
                {
                    Name = deployment.Name,
                    CognitiveAccountId = openAi.Id,
                    Model = model,
                    Sku = new PulumiAzure.Cognitive.Inputs.DeploymentSkuArgs { Name = deployment.Sku, Capacity = deployment.Capacity },
                    VersionUpgradeOption = deployment.VersionUpgradeOption,
                    RaiPolicyName = AzureOpenAiDeployments.RaiPolicy,
                }, deploymentOptions);
            }

            endpoints[account.Rung] = openAi.Endpoint;
            keys[account.Rung] = Output.CreateSecret(openAi.PrimaryAccessKey);
        }

        Endpoints = endpoints;
        Keys = keys;
        RegisterOutputs(endpoints.ToDictionary(e => $"{e.Key}.endpoint", e => (object?)e.Value, StringComparer.Ordinal));
    }

    /// <summary>Rung -> the account's endpoint (<c>https://&lt;subdomain&gt;.openai.azure.com/</c>).</summary>
    public IReadOnlyDictionary<string, Output<string>> Endpoints { get; }

    /// <summary>Rung -> the account's primary key, each a secret.</summary>
    public IReadOnlyDictionary<string, Output<string>> Keys { get; }
}
