using System.Collections.Immutable;
using DrKit.Aws.Models;
using DrKit.Azure.Models;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using Pulumi;

namespace DrKit.Aws;

/// <summary>
/// Model-provider chains: the switch setting the application reads (an SSM parameter per stack region) and, where a
/// rung is Azure OpenAI, its account and model deployments through one explicit Azure provider per location.
/// </summary>
public sealed partial class DrResources
{
    /// <summary>Component -> region -> name of the SSM parameter naming the active rung.</summary>
    [Output("modelSwitchParameters")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> ModelSwitchParameters { get; private set; } = null!;

    /// <summary>Component -> Azure OpenAI rung -> account endpoint.</summary>
    [Output("modelProviderEndpoints")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> ModelProviderEndpoints { get; private set; } = null!;

    /// <summary>Component -> Azure OpenAI rung -> account key. Secret.</summary>
    [Output("modelProviderKeys")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> ModelProviderKeys { get; private set; } = null!;

    /// <summary>Component -> region -> ARN of the Secrets Manager secret holding the chain's provider keys by rung
    /// (<c>drkit/&lt;stack&gt;/&lt;component&gt;/provider-keys</c>): what the application's role needs <c>secretsmanager:GetSecretValue</c> on.</summary>
    [Output("modelProviderKeySecrets")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> ModelProviderKeySecrets { get; private set; } = null!;

    /// <summary>What one model-provider component declared: its switch parameter (parameter switch only), its Azure OpenAI
    /// rungs and the secret delivering their keys to the application.</summary>
    private sealed record ModelResources(ModelSwitchParameter? Switch, OpenAiFallbacks? Azure, DrKit.Aws.Models.ModelProviderKeys? Keys);

    /// <summary>One Azure provider per location any chain deploys to, configured from the stack's <c>azure:*</c> keys
    /// (a subscription is required: <c>azure:subscriptionId</c> or ARM_SUBSCRIPTION_ID); null when no chain deploys to Azure.</summary>
    private static AzureProviders? AzureFor(DrPlan plan, Resource? parent)
    {
        var locations = AzureOpenAiDeployments.Locations(plan);
        return locations.Count == 0
            ? null
            : AzureProviders.Create(locations, AzureProviderSettings.FromConfig(new Config(AzureProviderSettings.Namespace), Environment.GetEnvironmentVariable), parent);
    }

    /// <summary>Every chain's Azure OpenAI accounts; a name clash between two rungs stops the run with the core's message.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<AzureOpenAiAccount>> AzureAccounts(DrPlan plan)
    {
        try
        {
            return AzureOpenAiDeployments.DecideAll(plan);
        }
        catch (InvalidOperationException e)
        {
            throw new RunException(e.Message);
        }
    }

    private static ModelResources Model(ComponentPlan c, ModelProviderSettings settings, IReadOnlyList<AzureOpenAiAccount> accounts, RegionalProviders providers, AzureProviders? azure, StackTags tags, bool ephemeral, ComponentResourceOptions options)
    {
        var keyed = accounts.Count > 0 && azure is not null;
        var parameter = settings.SwitchParameter is null
            ? null
            : new ModelSwitchParameter($"{c.Name}-switch", new ModelSwitchParameterArgs
            {
                Plan = c, Settings = settings, Providers = providers, Tags = tags,
                KeysSecret = keyed ? Core.Providers.ModelKeys.SecretName(tags.Stack, c.Name) : null,
            }, options);
        var fallbacks = accounts.Count == 0 || azure is null
            ? null
            : new OpenAiFallbacks($"{c.Name}-azure", new OpenAiFallbacksArgs
            {
                Component = c.Name,
                Accounts = accounts,
                Providers = azure,
                Tags = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["stack"] = tags.Stack,
                    ["service"] = tags.Service,
                    ["managed-by"] = StackTags.ManagedBy,
                    ["component"] = c.Name,
                },
            }, options);
        var keys = fallbacks is null
            ? null
            : new DrKit.Aws.Models.ModelProviderKeys($"{c.Name}-keys", new ModelProviderKeysArgs { Plan = c, Endpoints = fallbacks.Endpoints, Keys = fallbacks.Keys, Providers = providers, Tags = tags, Ephemeral = ephemeral }, options);
        return new ModelResources(parameter, fallbacks, keys);
    }

    private void ModelOutputs(IReadOnlyDictionary<string, ModelResources> models)
    {
        ModelSwitchParameters = OutputMaps.Of(models.Where(m => m.Value.Switch is not null).ToDictionary(m => m.Key, m => OutputMaps.Of(m.Value.Switch!.Names), StringComparer.Ordinal));
        ModelProviderEndpoints = OutputMaps.Of(models.Where(m => m.Value.Azure is not null).ToDictionary(m => m.Key, m => OutputMaps.Of(m.Value.Azure!.Endpoints), StringComparer.Ordinal));
        ModelProviderKeySecrets = OutputMaps.Of(models.Where(m => m.Value.Keys is not null).ToDictionary(m => m.Key, m => OutputMaps.Of(m.Value.Keys!.SecretArns), StringComparer.Ordinal));
        ModelProviderKeys = Output.CreateSecret(OutputMaps.Of(models.Where(m => m.Value.Azure is not null).ToDictionary(m => m.Key, m => OutputMaps.Of(m.Value.Azure!.Keys), StringComparer.Ordinal)));
    }
}
