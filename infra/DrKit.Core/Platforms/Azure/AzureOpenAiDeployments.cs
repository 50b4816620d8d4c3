using System.Text.RegularExpressions;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>One model deployment of an Azure OpenAI account: the deployment name the application calls, the model and its capacity.</summary>
/// <param name="Version">The model version the stack pins; null lets Azure pick its default at creation (the policy rule
/// <c>azure-openai-version-pinned</c> fails such a rung).</param>
/// <param name="Capacity">Thousands of tokens per minute (the deployment SKU's capacity).</param>
public sealed record AzureModelDeployment(string Name, string Model, string? Version, string Sku, int Capacity)
{
    /// <summary>
    /// Always <see cref="AzureOpenAiDeployments.NoAutoUpgrade"/>: a fallback is judged against the primary (context,
    /// output tokens, tools, embeddings) for the version the stack names, so Azure must not move it. Left unset, Azure
    /// treats it as upgrade-when-expired; the portal's default moves a deployment to each new default version within two
    /// weeks (https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-versions). The price: a pinned
    /// deployment stops working when its version retires, so the version is the stack's to move, deliberately.
    /// </summary>
    public string VersionUpgradeOption { get; init; } = AzureOpenAiDeployments.NoAutoUpgrade;
}

/// <summary>The Azure OpenAI account one rung of a chain gets, with its deployments, decided from the plan.</summary>
/// <param name="NamePrefix">The account's name and custom subdomain before its unique suffix
/// (<see cref="AzureOpenAiDeployments.AccountName"/>): unique within the plan, at most <see cref="AzureOpenAiDeployments.MaxNamePrefix"/> characters.</param>
public sealed record AzureOpenAiAccount(string Rung, string Location, string ResourceGroup, string NamePrefix, IReadOnlyList<AzureModelDeployment> Deployments);

/// <summary>
/// Decides the Azure OpenAI accounts and model deployments a chain's azure-openai rungs need: one account (kind
/// OpenAI, SKU S0) in its own resource group per rung, a deployment of the chat model and one of the embedding model,
/// each with the rung's deployment type (Standard unless the rung says otherwise) and capacity. Deployments are named
/// after their model, so the application calls the same deployment name on every rung. Quota is per region,
/// subscription, model and deployment type (https://learn.microsoft.com/azure/ai-foundry/openai/quotas-limits), so a
/// fallback's capacity is taken from that pool: <see cref="AzureOpenAiQuota.Use"/> sums it over the plan.
/// The account name doubles as the custom subdomain (<c>https://&lt;subdomain&gt;.openai.azure.com/</c>), which must be
/// unique across Azure: the shell appends a random suffix of <see cref="SuffixLength"/> characters kept in state.
/// </summary>
public static partial class AzureOpenAiDeployments
{
    public const string AccountKind = "OpenAI";
    public const string AccountSku = "S0";
    public const string ModelFormat = "OpenAI";

    /// <summary>The deployment's <c>versionUpgradeOption</c> that keeps its model version until the stack changes it
    /// (allowed: OnceNewDefaultVersionAvailable, OnceCurrentVersionExpired, NoAutoUpgrade).</summary>
    public const string NoAutoUpgrade = "NoAutoUpgrade";

    /// <summary>The deployments of <paramref name="chain"/>'s Azure rungs without a pinned model version, as "rung: model".</summary>
    public static IEnumerable<string> Unpinned(ModelProviderSettings chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.AzureRungs.SelectMany(r => new[] { (r.Name, r.ChatModel, r.ChatModelVersion), (r.Name, r.Embedding?.Model, r.EmbeddingModelVersion) })
            .Where(d => d.Item2 is not null && d.Item3 is null).Select(d => $"{d.Name}: {d.Item2}");
    }

    /// <summary>Cognitive Services account names and custom subdomains: 2 to 64 letters, digits and hyphens.</summary>
    public const int MaxAccountName = 64;

    /// <summary>Resource group names: up to 90 characters.</summary>
    public const int MaxResourceGroupName = 90;

    /// <summary>Length of the random suffix (lower-case letters and digits) that makes a subdomain globally unique.</summary>
    public const int SuffixLength = 6;

    /// <summary>Room left for the name before "-" and the suffix.</summary>
    public const int MaxNamePrefix = MaxAccountName - SuffixLength - 1;

    /// <summary>The account name and custom subdomain: the plan's prefix and the stack's random suffix, never clipped away.</summary>
    public static string AccountName(string prefix, string suffix) => $"{prefix}-{suffix}";

    /// <summary>Every chain's accounts, by component. Two rungs whose names clean or clip to the same account or
    /// resource group name would collide in Azure, so the plan refuses them here with both rungs named.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<AzureOpenAiAccount>> DecideAll(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var all = plan.Components.Where(c => c.Settings is ModelProviderSettings)
            .ToDictionary(c => c.Name, c => Decide(plan.Stack, c.Name, (ModelProviderSettings)c.Settings), StringComparer.Ordinal);
        var named = all.SelectMany(a => a.Value.Select(account => (Where: $"{a.Key}/{account.Rung}", account))).ToList();
        foreach (var (key, what) in new (Func<AzureOpenAiAccount, string>, string)[] { (x => x.NamePrefix, "account name"), (x => x.ResourceGroup, "resource group") })
        {
            if (named.GroupBy(n => key(n.account), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
            {
                throw new InvalidOperationException(
                    $"Azure OpenAI rungs {string.Join(" and ", clash.Select(n => n.Where))} of stack {plan.Stack} get the same {what} '{clash.Key}'; rename one rung");
            }
        }

        return all.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    public static IReadOnlyList<AzureOpenAiAccount> Decide(string stack, string component, ModelProviderSettings chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.AzureRungs.Select(rung =>
        {
            var deployments = new List<AzureModelDeployment> { new(rung.ChatModel, rung.ChatModel, rung.ChatModelVersion, rung.ChatSku.ToString(), rung.ChatCapacity) };
            if (rung.Embedding is { } embedding)
            {
                deployments.Add(new(embedding.Model, embedding.Model, rung.EmbeddingModelVersion, rung.EmbeddingSku.ToString(), rung.EmbeddingCapacity));
            }

            return new AzureOpenAiAccount(rung.Name, rung.Region!, Clip($"rg-{stack}-{component}-{rung.Name}", MaxResourceGroupName), Clip($"{stack}-{component}-{rung.Name}", MaxNamePrefix), deployments);
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
