using DrKit.Azure.Images;
using Pulumi.Utilities;
using static DrKit.Azure.Tests.ComponentRun;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests.Images;

/// <summary>A Premium registry in eastus2 replicated to centralus.</summary>
public sealed class GeoReplicatedRegistryTests
{
    private static GeoReplicatedRegistryArgs Args(DrKit.Azure.Models.AzureProviders providers, params string[] replicas) => new()
    {
        Location = Location1,
        ResourceGroupName = "rg-eastus2",
        Name = "ragimages",
        ReplicaLocations = replicas,
        ZoneRedundancy = true,
        PublicNetworkAccess = false,
        Providers = providers,
        Tags = new Dictionary<string, string> { ["stack"] = "azure-test" },
    };

    [Test]
    public async Task Registry_IsPremiumWithAZoneRedundantReplicaInTheRecoveryRegion()
    {
        GeoReplicatedRegistry? component = null;
        var run = await RunAsync((p, o) => component = new GeoReplicatedRegistry("images", Args(p, Location2), o));
        var registry = run.Named("images-registry");
        Assert.Multiple(async () =>
        {
            Assert.That(registry.Inputs["sku"], Is.EqualTo("Premium"), "geo-replication exists only on Premium");
            Assert.That((registry.Inputs["adminEnabled"], registry.Inputs["publicNetworkAccessEnabled"], registry.Inputs["zoneRedundancyEnabled"]), Is.EqualTo((false, false, true)),
                "no admin user, no public network, zone redundant as decided");
            Assert.That(At(registry.Inputs, "georeplications", "0", "location"), Is.EqualTo(Location2), "a replica in the recovery region serves pulls when eastus2 is down");
            Assert.That(At(registry.Inputs, "georeplications", "0", "zoneRedundancyEnabled"), Is.True, "the replica is zone redundant too");
            Assert.That(((System.Collections.IList)registry.Inputs["georeplications"]).Count, Is.EqualTo(1), "one replica per recovery location");
            Assert.That(LocationOf(registry), Is.EqualTo(Location1), "through the home location's provider");
            Assert.That(await OutputUtilities.GetValueAsync(component!.LoginServer), Is.EqualTo("ragimages.azurecr.io"), "one login server for every region");
        });
    }

    [Test]
    public void Registry_ReplicaInItsHomeLocation_IsRefused()
    {
        var error = Assert.CatchAsync(() => RunAsync((p, o) => new GeoReplicatedRegistry("images", Args(p, Location1), o)));
        Assert.That(error!.ToString(), Does.Contain("home location"), "Azure rejects a replica in the registry's own location");
    }
}
