using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace DrKit.Azure.Models;

/// <summary>
/// One explicit Azure provider per Azure location the plan deploys to, each configured from the stack's
/// <c>azure:subscriptionId</c> (explicit providers do not read the ambient <c>azure:*</c> config). Azure providers are
/// not regional, so the location sits on each resource; one provider per location still keeps every resource naming
/// the provider of its place, as the AWS shell does per region.
/// </summary>
public sealed class AzureProviders
{
    private readonly Dictionary<string, PulumiAzure.Provider> _byLocation;

    private AzureProviders(Dictionary<string, PulumiAzure.Provider> byLocation) => _byLocation = byLocation;

    public IReadOnlyDictionary<string, PulumiAzure.Provider> ByLocation => _byLocation;

    /// <summary>The provider's logical name, which tests and operators find in resource provider URNs.</summary>
    public static string ProviderName(string location) => $"azure-{location}";

    /// <param name="subscriptionId">The subscription to deploy into; null leaves it to the provider's own sources (ARM_SUBSCRIPTION_ID, Azure CLI).</param>
    public static AzureProviders Create(IEnumerable<string> locations, string? subscriptionId, Resource? parent = null)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var byLocation = new Dictionary<string, PulumiAzure.Provider>(StringComparer.Ordinal);
        foreach (var location in locations.Distinct(StringComparer.Ordinal))
        {
            var args = new PulumiAzure.ProviderArgs();
            if (subscriptionId is not null)
            {
                args.SubscriptionId = subscriptionId;
            }

            byLocation[location] = new PulumiAzure.Provider(ProviderName(location), args, new CustomResourceOptions { Parent = parent });
        }

        return new AzureProviders(byLocation);
    }

    public PulumiAzure.Provider For(string location) =>
        _byLocation.TryGetValue(location, out var provider)
            ? provider
            : throw new ArgumentException($"Azure location '{location}' has no provider ({string.Join(", ", _byLocation.Keys)})", nameof(location));

    /// <summary>Options for a child resource of <paramref name="parent"/> managed in <paramref name="location"/>.</summary>
    public CustomResourceOptions In(string location, Resource parent, params Resource[] dependsOn)
    {
        var options = new CustomResourceOptions { Parent = parent, Provider = For(location) };
        foreach (var dependency in dependsOn)
        {
            options.DependsOn.Add(dependency);
        }

        return options;
    }
}
