using System.Text.RegularExpressions;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>One model deployment of an Azure OpenAI account: the deployment name the application calls, the model and its capacity.</summary>
/// <param name="Capacity">Thousands of tokens per minute (the deployment SKU's capacity).</param>
public sealed record AzureModelDeployment(string Name, string Model, string? Version, string Sku, int Capacity);

/// <summary>The Azure OpenAI account one rung of a chain gets, with its deployments, decided from the plan.</summary>
/// <param name="Subdomain">The account's custom subdomain (<c>https://&lt;subdomain&gt;.openai.azure.com/</c>), unique across Azure.</param>
public sealed record AzureOpenAiAccount(string Rung, string Location, string ResourceGroup, string AccountName, string Subdomain, IReadOnlyList<AzureModelDeployment> Deployments);

/// <summary>
/// Decides the Azure OpenAI accounts and model deployments a chain's azure-openai rungs need: one account (kind
/// OpenAI, SKU S0) in its own resource group per rung, a Standard deployment of the chat model and one of the embedding
/// model, each with the rung's capacity. Deployments are named after their model, so the application calls the same
/// deployment name on every rung. Standard is the regional deployment type: the fallback's capacity is reserved as
/// quota in that region (https://learn.microsoft.com/azure/ai-services/openai/quotas-limits: quota is per region,
/// subscription, model and deployment type).
/// </summary>
public static partial class AzureOpenAiDeployments
{
    public const string AccountKind = "OpenAI";
    public const string AccountSku = "S0";
    public const string DeploymentSku = "Standard";
    public const string ModelFormat = "OpenAI";

    /// <summary>Cognitive Services account names and custom subdomains: 2 to 64 letters, digits and hyphens.</summary>
    public const int MaxAccountName = 64;

    /// <summary>Resource group names: up to 90 characters.</summary>
    public const int MaxResourceGroupName = 90;

    public static IReadOnlyList<AzureOpenAiAccount> Decide(string stack, string component, ModelProviderSettings chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.AzureRungs.Select(rung =>
        {
            var deployments = new List<AzureModelDeployment> { new(rung.ChatModel, rung.ChatModel, rung.ChatModelVersion, DeploymentSku, rung.ChatCapacity) };
            if (rung.Embedding is { } embedding)
            {
                deployments.Add(new(embedding.Model, embedding.Model, rung.EmbeddingModelVersion, DeploymentSku, rung.EmbeddingCapacity));
            }

            var name = Clip($"{stack}-{component}-{rung.Name}", MaxAccountName);
            return new AzureOpenAiAccount(rung.Name, rung.Region!, Clip($"rg-{stack}-{component}-{rung.Name}", MaxResourceGroupName), name, name, deployments);
        }).ToList();
    }

    /// <summary>Azure locations the chains of a plan deploy to: one explicit provider each.</summary>
    public static IReadOnlyList<string> Locations(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Components.Select(c => c.Settings).OfType<ModelProviderSettings>()
            .SelectMany(c => c.AzureRungs).Select(r => r.Region!).Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotAllowed();

    /// <summary>Lower-case letters, digits and single hyphens, trimmed to <paramref name="max"/>, never ending in a hyphen.</summary>
    private static string Clip(string text, int max)
    {
        var clean = NotAllowed().Replace(text.ToLowerInvariant(), "-");
        while (clean.Contains("--", StringComparison.Ordinal))
        {
            clean = clean.Replace("--", "-", StringComparison.Ordinal);
        }

        return (clean.Length > max ? clean[..max] : clean).Trim('-');
    }
}
