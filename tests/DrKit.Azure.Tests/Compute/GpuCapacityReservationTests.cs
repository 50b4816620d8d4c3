using DrKit.Azure.Compute;
using static DrKit.Azure.Tests.ComponentRun;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests.Compute;

/// <summary>A100 capacity held in two zones of the recovery region.</summary>
public sealed class GpuCapacityReservationTests
{
    private static GpuCapacityReservationArgs Args(DrKit.Azure.Models.AzureProviders providers, string[] zones, params GpuReservationSpec[] reservations) => new()
    {
        Location = Location2,
        ResourceGroupName = "rg-centralus",
        GroupName = "rag-gpu-centralus",
        Zones = zones,
        VmSize = "Standard_NC24ads_A100_v4",
        Reservations = reservations,
        Providers = providers,
        Tags = new Dictionary<string, string> { ["stack"] = "azure-test" },
    };

    [Test]
    public async Task Reservations_HoldTheGpuSizePerZoneInTheRecoveryRegion()
    {
        GpuCapacityReservation? component = null;
        var run = await RunAsync((p, o) => component = new GpuCapacityReservation("gpu", Args(p, ["1", "2"], new GpuReservationSpec("zone1", "1", 2), new GpuReservationSpec("zone2", "2", 1)), o));
        var group = run.Named("gpu-group");
        var reservations = run.OfType("azure:compute/capacityReservation:CapacityReservation");
        Assert.Multiple(() =>
        {
            Assert.That((group.Inputs["location"], group.Inputs["zones"]), Is.EqualTo((Location2, new[] { "1", "2" })), "a zonal group in the recovery region");
            Assert.That(reservations.Select(r => (r.Inputs["zone"], At(r.Inputs, "sku", "name"), At(r.Inputs, "sku", "capacity"))),
                Is.EquivalentTo(new[] { ((object)"1", (object?)"Standard_NC24ads_A100_v4", (object?)2), ("2", "Standard_NC24ads_A100_v4", 1) }), "the decided count of the GPU size in each zone");
            Assert.That(reservations.Select(r => r.Inputs["capacityReservationGroupId"]), Has.All.EqualTo(Id("gpu-group")), "in the group VMs will name");
            Assert.That(run.Resources.Where(r => r.Type?.StartsWith("azure:compute/", StringComparison.Ordinal) == true).Select(LocationOf), Has.All.EqualTo(Location2),
                "through the recovery region's provider, so holding or using it needs nothing from the primary");
            Assert.That(component!.Reserved, Is.EqualTo(3), "three instances held");
        });
    }

    [Test]
    public void Reservations_InAZoneOutsideTheGroup_AreRefused()
    {
        var error = Assert.CatchAsync(() => RunAsync((p, o) => new GpuCapacityReservation("gpu", Args(p, ["1"], new GpuReservationSpec("zone3", "3", 1)), o)));
        Assert.That(error!.ToString(), Does.Contain("zone3").And.Contain("'3'"), "a reservation must sit in one of its group's zones");
    }
}
