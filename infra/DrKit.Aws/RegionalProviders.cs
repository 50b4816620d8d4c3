using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws;

/// <summary>
/// One explicit AWS provider per region of the plan, with the stack's default tags. Every DrKit resource names
/// its provider, so nothing depends on the ambient <c>aws:region</c> or on AWS_REGION.
/// </summary>
public sealed class RegionalProviders
{
    private readonly Dictionary<string, PulumiAws.Provider> _byRegion;

    private RegionalProviders(string primaryRegion, IReadOnlyList<string> recoveryRegions, Dictionary<string, PulumiAws.Provider> byRegion)
    {
        PrimaryRegion = primaryRegion;
        RecoveryRegions = recoveryRegions;
        _byRegion = byRegion;
    }

    public string PrimaryRegion { get; }

    public IReadOnlyList<string> RecoveryRegions { get; }

    public PulumiAws.Provider Primary => _byRegion[PrimaryRegion];

    public IReadOnlyDictionary<string, PulumiAws.Provider> ByRegion => _byRegion;

    /// <summary>The provider's logical name, which tests and operators find in resource provider URNs.</summary>
    public static string ProviderName(string region) => $"aws-{region}";

    public static RegionalProviders Create(string primaryRegion, IReadOnlyList<string> recoveryRegions, StackTags tags, Resource? parent = null)
    {
        ArgumentNullException.ThrowIfNull(recoveryRegions);
        ArgumentNullException.ThrowIfNull(tags);
        var byRegion = new Dictionary<string, PulumiAws.Provider>(StringComparer.Ordinal);
        foreach (var region in new[] { primaryRegion }.Concat(recoveryRegions))
        {
            byRegion[region] = new PulumiAws.Provider(ProviderName(region), new PulumiAws.ProviderArgs
            {
                Region = region,
                DefaultTags = new PulumiAws.Inputs.ProviderDefaultTagsArgs { Tags = tags.Defaults() },
            }, new CustomResourceOptions { Parent = parent });
        }

        return new RegionalProviders(primaryRegion, recoveryRegions, byRegion);
    }

    public PulumiAws.Provider For(string region) =>
        _byRegion.TryGetValue(region, out var provider)
            ? provider
            : throw new ArgumentException($"region '{region}' is not one of this stack's regions ({string.Join(", ", _byRegion.Keys)})", nameof(region));

    /// <summary>Options for a child resource of <paramref name="parent"/> managed in <paramref name="region"/>.</summary>
    public CustomResourceOptions In(string region, Resource parent, params Resource[] dependsOn)
    {
        var options = new CustomResourceOptions { Parent = parent, Provider = For(region) };
        foreach (var dependency in dependsOn)
        {
            options.DependsOn.Add(dependency);
        }

        return options;
    }

    /// <summary>Options for a child component: the primary region's provider is the default for its children.</summary>
    public ComponentResourceOptions Component(Resource? parent) => new() { Parent = parent, Providers = { Primary } };
}
