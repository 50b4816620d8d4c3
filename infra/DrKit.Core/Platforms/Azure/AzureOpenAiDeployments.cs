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
    /// Decided per role by <see cref="AzureOpenAiDeployments.UpgradeOption"/>. Azure's own default when the option is unset
    /// is <c>OnceNewDefaultVersionAvailable</c> (Pulumi.Azure 6.39 <c>Cognitive.Deployment.versionUpgradeOption</c>): it
    /// moves a deployment to each new default version, so DrKit always sets it.
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

    /// <summary>The <c>versionUpgradeOption</c> that keeps the pinned version and lets Azure move the deployment only when
    /// that version retires.</summary>
    public const string OnceCurrentVersionExpired = "OnceCurrentVersionExpired";

    /// <summary>
    /// Chat deployments upgrade once their version expires: a retired version "always returns error responses"
    /// (https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-retirements), so a fallback pinned with no
    /// upgrade would be dead exactly when it is needed, while an upgrade at retirement keeps it serving, and the
    /// <c>azure-openai-version-lifecycle</c> rule has warned inside the posture window before that day. Embedding deployments
    /// never upgrade on their own: a new version may write another vector space, which breaks retrieval against the index
    /// silently; moving one is the stack's deliberate change, judged by the plan first.
    /// </summary>
    public static string UpgradeOption(bool embedding) => embedding ? NoAutoUpgrade : OnceCurrentVersionExpired;

    /// <summary>The deployments of <paramref name="chain"/>'s Azure rungs without a pinned model version, as "rung: model".</summary>
    public static IEnumerable<string> Unpinned(ModelProviderSettings chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.AzureRungs.SelectMany(r => new[] { (r.Name, r.ChatModel, r.ChatModelVersion), (r.Name, r.Embedding?.Model, r.EmbeddingModelVersion) })
            .Where(d => d.Item2 is not null && d.Item3 is null).Select(d => $"{d.Name}: {d.Item2}");
    }

    /// <summary>
    /// A deployment is replaced, not updated, when its type (<c>sku.name</c>) or model name changes (Pulumi.Azure 6.39
    /// <c>Cognitive.Deployment</c>: "Changing this forces a new resource"), and it keeps its name, the model's name, on
    /// the same account. Pulumi's default replacement creates the new one first, which Azure refuses: the provider's
    /// create finds the name taken and fails "already exists" (terraform-provider-azurerm cognitive_deployment_resource.go,
    /// Create). So the old deployment goes first: the rung has no such deployment for the minutes of the replacement,
    /// and the change also never needs twice the quota of the pool. Capacity and version changes stay in-place updates.
    /// </summary>
    public const bool DeleteBeforeReplace = true;

    /// <summary>
    /// The content filter (RAI policy) every deployment names: Azure's default one, set explicitly. Left unset, the
    /// provider stores whatever policy Azure assigned (azurerm reads <c>rai_policy_name</c> back from Azure, and the
    /// field is optional, not computed), so the next preview shows a change, and Azure's default has changed over time
    /// (hashicorp/terraform-provider-azurerm#32061). Naming it keeps every rung on one known filter.
    /// </summary>
    public const string RaiPolicy = "Microsoft.DefaultV2";

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
            var deployments = new List<AzureModelDeployment>
            {
                new(rung.ChatModel, rung.ChatModel, rung.ChatModelVersion, rung.ChatSku.ToString(), rung.ChatCapacity) { VersionUpgradeOption = UpgradeOption(embedding: false) },
            };
            if (rung.Embedding is { } embedding)
            {
                deployments.Add(new(embedding.Model, embedding.Model, rung.EmbeddingModelVersion, rung.EmbeddingSku.ToString(), rung.EmbeddingCapacity)
                {
                    VersionUpgradeOption = UpgradeOption(embedding: true),
                });
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
