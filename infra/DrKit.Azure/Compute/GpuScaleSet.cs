using DrKit.Azure.Models;
using Pulumi;
using AzureCompute = Pulumi.Azure.Compute;

namespace DrKit.Azure.Compute;

public sealed class GpuScaleSetArgs : ResourceArgs
{
    public required string Location { get; init; }

    public required string ResourceGroupName { get; init; }

    /// <summary>The decided name (<c>AzureNames.GpuScaleSet</c>): operations scale and count it by this name.</summary>
    public required string Name { get; init; }

    /// <summary>The GPU VM size, e.g. <c>Standard_NC24ads_A100_v4</c>.</summary>
    public required string VmSize { get; init; }

    /// <summary>VMs to run: the decided running count (0 in a pilot-light recovery region until a failover scales it).</summary>
    public required int Instances { get; init; }

    /// <summary>The zone of the region's reservation, or null for a regional scale set.</summary>
    public string? Zone { get; init; }

    /// <summary>The capacity reservation group the VMs are allocated from, or null where nothing is reserved.</summary>
    public Input<string>? CapacityReservationGroupId { get; init; }

    public required string SubnetId { get; init; }

    public required AzureImage Image { get; init; }

    public required string AdminUsername { get; init; }

    public required string SshPublicKey { get; init; }

    public required AzureProviders Providers { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

/// <summary>
/// The GPU fleet of one region: a Linux VM scale set (uniform orchestration) of the decided size and count, allocated from
/// the region's capacity reservation group when it has one. A uniform scale set consumes the reservation once it names the
/// group, and must then have <c>singlePlacementGroup</c> false
/// (https://learn.microsoft.com/azure/virtual-machines/capacity-reservation-associate-virtual-machine-scale-set).
/// Overprovisioning is off so the set never asks for more VMs than the reservation holds, and upgrades are manual: an image
/// change never rolls VMs behind the operator's back. SSH keys only; no public IP (the subnet's network serves the API).
/// </summary>
public sealed class GpuScaleSet : ComponentResource
{
    public const string TypeToken = "drkit:azure:GpuScaleSet";

    /// <summary>Premium SSD OS disk, read-cached.</summary>
    public const string OsDiskType = "Premium_LRS";

    public const string OsDiskCaching = "ReadOnly";

    public const string UpgradeMode = "Manual";

    public GpuScaleSet(string name, GpuScaleSetArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var set = new AzureCompute.LinuxVirtualMachineScaleSetArgs
        {
            Name = args.Name,
            Location = args.Location,
            ResourceGroupName = args.ResourceGroupName,
            Sku = args.VmSize,
            Instances = args.Instances,
            AdminUsername = args.AdminUsername,
            AdminSshKeys = new AzureCompute.Inputs.LinuxVirtualMachineScaleSetAdminSshKeyArgs { Username = args.AdminUsername, PublicKey = args.SshPublicKey },
            DisablePasswordAuthentication = true,
            SourceImageReference = new AzureCompute.Inputs.LinuxVirtualMachineScaleSetSourceImageReferenceArgs
            {
                Publisher = args.Image.Publisher,
                Offer = args.Image.Offer,
                Sku = args.Image.Sku,
                Version = args.Image.Version,
            },
            OsDisk = new AzureCompute.Inputs.LinuxVirtualMachineScaleSetOsDiskArgs { StorageAccountType = OsDiskType, Caching = OsDiskCaching },
            NetworkInterfaces = new AzureCompute.Inputs.LinuxVirtualMachineScaleSetNetworkInterfaceArgs
            {
                Name = "primary",
                Primary = true,
                EnableAcceleratedNetworking = true,
                IpConfigurations = new AzureCompute.Inputs.LinuxVirtualMachineScaleSetNetworkInterfaceIpConfigurationArgs { Name = "internal", Primary = true, SubnetId = args.SubnetId },
            },
            Overprovision = false,
            UpgradeMode = UpgradeMode,
            Tags = AzureTags.Of(args.Tags),
        };
        if (args.CapacityReservationGroupId is { } group)
        {
            set.CapacityReservationGroupId = group;
            set.SinglePlacementGroup = false;
        }

        if (args.Zone is { } zone)
        {
            set.Zones = new InputList<string> { zone };
        }

        var scaleSet = new AzureCompute.LinuxVirtualMachineScaleSet($"{name}-vmss", set, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(args.Location) });
        ScaleSetId = scaleSet.Id;
        RegisterOutputs(new Dictionary<string, object?> { ["scaleSetId"] = ScaleSetId });
    }

    public Output<string> ScaleSetId { get; }
}
