using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>What a plan's deployments take from one Azure OpenAI quota pool (location, model, deployment type).</summary>
/// <param name="Capacity">Sum of the deployments' capacity, in thousands of tokens per minute.</param>
/// <param name="DefaultQuota">The pool's documented default, in thousands of TPM; null when DrKit knows no default for the model.</param>
/// <param name="Rungs">The component/rung pairs whose deployments draw on the pool.</param>
public sealed record AzureQuotaUse(string Location, string Model, string Sku, int Capacity, int? DefaultQuota, IReadOnlyList<string> Rungs)
{
    /// <summary>True when the plan alone asks for more than a subscription gets by default: the deployment fails until quota is raised.</summary>
    public bool ExceedsDefault => DefaultQuota is { } quota && Capacity > quota;
}

/// <summary>
/// Sums a plan's Azure OpenAI deployment capacity per quota pool. Quota is per subscription, region, model and
/// deployment type, and every deployment's capacity is taken from it
/// (https://learn.microsoft.com/azure/ai-foundry/openai/quotas-limits), so two chains (or two rungs) in one location
/// share it, and anything else in the subscription shares it too.
/// </summary>
public static class AzureOpenAiQuota
{
    /// <summary>Default Standard quotas, in thousands of TPM, from the quota table of
    /// https://learn.microsoft.com/azure/ai-foundry/openai/quotas-limits (embeddings: 350K per region; gpt-4o Standard:
    /// 150K in the regions DrKit's stacks use). Defaults differ by region and change: a pool not listed is not judged.</summary>
    public static readonly IReadOnlyDictionary<(string Model, string Sku), int> DefaultQuotas = new Dictionary<(string, string), int>
    {
        [("text-embedding-ada-002", "Standard")] = 350,
        [("text-embedding-3-small", "Standard")] = 350,
        [("text-embedding-3-large", "Standard")] = 350,
        [("gpt-4o", "Standard")] = 150,
    };

    /// <summary>Every pool the plan's deployments draw on, with the sum of their capacity.</summary>
    public static IReadOnlyList<AzureQuotaUse> Use(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Components.Where(c => c.Settings is ModelProviderSettings)
            .SelectMany(c => AzureOpenAiDeployments.Decide(plan.Stack, c.Name, (ModelProviderSettings)c.Settings)
                .SelectMany(a => a.Deployments.Select(d => (a.Location, d.Model, d.Sku, d.Capacity, Rung: $"{c.Name}/{a.Rung}"))))
            .GroupBy(d => (d.Location, d.Model, d.Sku))
            .Select(g => new AzureQuotaUse(g.Key.Location, g.Key.Model, g.Key.Sku, g.Sum(d => d.Capacity),
                DefaultQuotas.TryGetValue((g.Key.Model, g.Key.Sku), out var quota) ? quota : null, g.Select(d => d.Rung).ToList()))
            .ToList();
    }
}
