using DrKit.Azure.Models;
using Pulumi;
using AzureCompute = Pulumi.Azure.Compute;

namespace DrKit.Azure.Compute;

/// <summary>Instances of the VM size held in one zone (or regionally when <paramref name="Zone"/> is null).</summary>
public sealed record GpuReservationSpec(string Name, string? Zone, int Count);

public sealed class GpuCapacityReservationArgs : ResourceArgs
{
    /// <summary>The recovery location whose capacity the plan holds.</summary>
    public required string Location { get; init; }

    public required string ResourceGroupName { get; init; }

    public required string GroupName { get; init; }

    /// <summary>The group's zones (each reservation names one of them), or empty for a regional group; fixed at creation.</summary>
    public required IReadOnlyList<string> Zones { get; init; }

    /// <summary>The GPU VM size, e.g. <c>Standard_NC24ads_A100_v4</c>.</summary>
    public required string VmSize { get; init; }

    public required IReadOnlyList<GpuReservationSpec> Reservations { get; init; }

    public required AzureProviders Providers { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

/// <summary>
/// On-demand capacity reservations for a GPU VM size in the recovery location: a capacity reservation group and, per zone,
/// a reservation of the decided count. Azure holds (and bills) the capacity whether VMs run or not, and VMs consume it when
/// they name the group (https://learn.microsoft.com/azure/virtual-machines/capacity-reservation-overview). A reservation
/// has no end date: it lasts until deleted, so expiry is the plan's to track. The count changes in place; the size and
/// the zone force a new reservation.
/// </summary>
public sealed class GpuCapacityReservation : ComponentResource
{
    public const string TypeToken = "drkit:azure:GpuCapacityReservation";

    public GpuCapacityReservation(string name, GpuCapacityReservationArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var stray = args.Reservations.FirstOrDefault(r => args.Zones.Count > 0 ? r.Zone is null || !args.Zones.Contains(r.Zone) : r.Zone is not null);
        if (stray is not null)
        {
            throw new ArgumentException($"Reservation {stray.Name} names zone '{stray.Zone}', but the group's zones are [{string.Join(", ", args.Zones)}].", nameof(args));
        }

        var opts = new CustomResourceOptions { Parent = this, Provider = args.Providers.For(args.Location) };
        var groupArgs = new AzureCompute.CapacityReservationGroupArgs
        {
            Name = args.GroupName,
            Location = args.Location,
            ResourceGroupName = args.ResourceGroupName,
            Tags = AzureTags.Of(args.Tags, "recovery"),
        };
        if (args.Zones.Count > 0)
        {
            groupArgs.Zones = args.Zones.ToList();
        }

        var group = new AzureCompute.CapacityReservationGroup($"{name}-group", groupArgs, opts);
        var ids = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var reservation in args.Reservations)
        {
            var reservationArgs = new AzureCompute.CapacityReservationArgs
            {
                Name = reservation.Name,
                CapacityReservationGroupId = group.Id,
                Sku = new AzureCompute.Inputs.CapacityReservationSkuArgs { Name = args.VmSize, Capacity = reservation.Count },
                Tags = AzureTags.Of(args.Tags, "recovery"),
            };
            if (reservation.Zone is { } zone)
            {
                reservationArgs.Zone = zone;
            }

            ids[reservation.Name] = new AzureCompute.CapacityReservation($"{name}-{reservation.Name}", reservationArgs, opts).Id;
        }

        GroupId = group.Id;
        ReservationIds = ids;
        Reserved = args.Reservations.Sum(r => r.Count);
        RegisterOutputs(new Dictionary<string, object?> { ["groupId"] = GroupId, ["reserved"] = Reserved });
    }

    /// <summary>The group VMs name to consume the reservations.</summary>
    public Output<string> GroupId { get; }

    /// <summary>Reservation name -> id.</summary>
    public IReadOnlyDictionary<string, Output<string>> ReservationIds { get; }

    /// <summary>Instances held across the zones.</summary>
    public int Reserved { get; }
}
