using DrKit.Azure.Models;
using Pulumi;
using ContainerService = Pulumi.Azure.ContainerService;

namespace DrKit.Azure.Images;

public sealed class GeoReplicatedRegistryArgs : ResourceArgs
{
    /// <summary>The registry's home location.</summary>
    public required string Location { get; init; }

    public required string ResourceGroupName { get; init; }

    /// <summary>Globally unique, 5-50 letters and digits.</summary>
    public required string Name { get; init; }

    /// <summary>Where replicas serve pulls (never the home location).</summary>
    public required IReadOnlyList<string> ReplicaLocations { get; init; }

    /// <summary>Zone redundancy of the home registry and of each replica; fixed at creation.</summary>
    public required bool ZoneRedundancy { get; init; }

    public required bool PublicNetworkAccess { get; init; }

    public required AzureProviders Providers { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

/// <summary>
/// An Azure Container Registry with geo-replicas: one registry name whose pushes Azure copies to every replica location,
/// and whose pulls are served from the nearest healthy one, including while the home region is down
/// (https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication). Geo-replication requires the
/// Premium tier, so the SKU is part of the mechanism, not a choice. The admin account is off: pulls authenticate with
/// Microsoft Entra identities. Declared through the home location's provider, since replicas are part of the registry.
/// </summary>
public sealed class GeoReplicatedRegistry : ComponentResource
{
    public const string TypeToken = "drkit:azure:GeoReplicatedRegistry";

    public const string Sku = "Premium";

    public GeoReplicatedRegistry(string name, GeoReplicatedRegistryArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.ReplicaLocations.Contains(args.Location, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The registry lives in {args.Location}; a replica cannot be in its home location.", nameof(args));
        }

        var registry = new ContainerService.Registry($"{name}-registry", new ContainerService.RegistryArgs
        {
            Name = args.Name,
            Location = args.Location,
            ResourceGroupName = args.ResourceGroupName,
            Sku = Sku,
            AdminEnabled = false,
            ZoneRedundancyEnabled = args.ZoneRedundancy,
            PublicNetworkAccessEnabled = args.PublicNetworkAccess,
            Georeplications = args.ReplicaLocations.Select(location => new ContainerService.Inputs.RegistryGeoreplicationArgs
            {
                Location = location,
                ZoneRedundancyEnabled = args.ZoneRedundancy,
                Tags = AzureTags.Of(args.Tags, "replica"),
            }).ToList(),
            Tags = AzureTags.Of(args.Tags, "primary"),
        }, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(args.Location) });

        RegistryId = registry.Id;
        LoginServer = registry.LoginServer;
        RegisterOutputs(new Dictionary<string, object?> { ["loginServer"] = LoginServer });
    }

    public Output<string> RegistryId { get; }

    /// <summary>The one name clients pull from in every region.</summary>
    public Output<string> LoginServer { get; }
}
