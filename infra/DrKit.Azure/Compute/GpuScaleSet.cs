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

    /// <summary>The image's Marketplace purchase plan, or null for an image without one.</summary>
    public AzureImagePlan? ImagePlan { get; init; }

    /// <summary>The user-assigned identity the VMs authenticate with (registry, storage, Managed Redis).</summary>
    public required Input<string> IdentityId { get; init; }

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
/// A reserved set spreads its VMs at fault domain count 1 (max spreading): a set deployed into a capacity reservation must
/// ask for no more fault domains than the reservation supports for the size (the reservation's
/// <c>platformFaultDomainCount</c>, https://learn.microsoft.com/rest/api/compute/capacity-reservations/get), and 1 is the
/// value every uniform set accepts, zonal or regional
/// (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-manage-fault-domains).
/// A Marketplace image that carries a purchase plan needs the <c>plan</c> block (the provider refuses to create the set
/// without it) and its terms accepted once per subscription (<c>az vm image terms accept --urn ...</c>).
/// The VMs run as a user-assigned identity, so the services whose key access is off accept them.
/// </summary>
public sealed class GpuScaleSet : ComponentResource
{
    public const string TypeToken = "drkit:azure:GpuScaleSet";

    /// <summary>Premium SSD OS disk, read-cached.</summary>
    public const string OsDiskType = "Premium_LRS";

    public const string OsDiskCaching = "ReadOnly";

    public const string UpgradeMode = "Manual";

    /// <summary>Fault domain count 1: the platform spreads over as many fault domains as it can.</summary>
    public const int MaxSpreading = 1;

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
            Identity = new AzureCompute.Inputs.LinuxVirtualMachineScaleSetIdentityArgs { Type = "UserAssigned", IdentityIds = { args.IdentityId } },
            Overprovision = false,
            UpgradeMode = UpgradeMode,
            Tags = AzureTags.Of(args.Tags),
        };
        if (args.CapacityReservationGroupId is { } group)
        {
            set.CapacityReservationGroupId = group;
            set.SinglePlacementGroup = false;
            set.PlatformFaultDomainCount = MaxSpreading;
        }

        if (args.ImagePlan is { } plan)
        {
            set.Plan = new AzureCompute.Inputs.LinuxVirtualMachineScaleSetPlanArgs { Publisher = plan.Publisher, Product = plan.Product, Name = plan.Name };
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
