using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace DrKit.Azure.Models;

/// <summary>
/// One explicit Azure provider per Azure location the plan deploys to. Explicit providers do not read the stack's
/// ambient <c>azure:*</c> config, so the keys that select the subscription and the identity are forwarded when set
/// (<see cref="AzureProviderSettings"/>). Azure providers are not regional, so the location sits on each resource; one
/// provider per location still keeps every resource naming the provider of its place, as the AWS shell does per region.
/// The providers register no resource providers (<c>resourceProviderRegistrations: none</c>): the deploying identity
/// may lack subscription-wide rights to register them, and Microsoft.CognitiveServices only needs registering once per
/// subscription (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-providers-and-types).
/// </summary>
public sealed class AzureProviders
{
    /// <summary>Register no resource provider on the subscription; see the class remarks.</summary>
    public const string NoRegistrations = "none";

    private readonly Dictionary<string, PulumiAzure.Provider> _byLocation;

    private AzureProviders(Dictionary<string, PulumiAzure.Provider> byLocation) => _byLocation = byLocation;

    public IReadOnlyDictionary<string, PulumiAzure.Provider> ByLocation => _byLocation;

    /// <summary>The provider's logical name, which tests and operators find in resource provider URNs.</summary>
    public static string ProviderName(string location) => $"azure-{location}";

    public static AzureProviders Create(IEnumerable<string> locations, AzureProviderSettings settings, Resource? parent = null)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(settings);
        var byLocation = new Dictionary<string, PulumiAzure.Provider>(StringComparer.Ordinal);
        foreach (var location in locations.Distinct(StringComparer.Ordinal))
        {
            var args = new PulumiAzure.ProviderArgs
            {
                ResourceProviderRegistrations = NoRegistrations,
                // Storage accounts run with Shared Key and public network access off. The provider's create and read
                // of an account otherwise poll its blob and queue data plane, signed with Shared Key unless told to use
                // Entra ID, and unreachable from outside the network in any case: both fail the first up. With the data
                // plane marked unavailable the provider stays on the management plane (containers are declared by
                // storage account id), and any data-plane call it does make uses Entra ID.
                // https://www.pulumi.com/registry/packages/azure/installation-configuration/ (features.storage.dataPlaneAvailable, storageUseAzuread)
                StorageUseAzuread = true,
                Features = new PulumiAzure.Inputs.ProviderFeaturesArgs
                {
                    Storage = new PulumiAzure.Inputs.ProviderFeaturesStorageArgs { DataPlaneAvailable = false },
                },
            };
            if (settings.SubscriptionId is { } subscription)
            {
                args.SubscriptionId = subscription;
            }

            if (settings.TenantId is { } tenant)
            {
                args.TenantId = tenant;
            }

            if (settings.ClientId is { } client)
            {
                args.ClientId = client;
            }

            if (settings.ClientSecret is { } secret)
            {
                args.ClientSecret = secret;
            }

            if (settings.UseOidc is { } oidc)
            {
                args.UseOidc = oidc;
            }

            if (settings.Environment is { } environment)
            {
                args.Environment = environment;
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
