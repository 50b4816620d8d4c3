using DrKit.Azure.Compute;
using DrKit.Azure.Traffic;
using DrKit.Core.Platforms.Azure;
using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace DrKit.Azure;

public sealed partial class AzureResources
{
    /// <summary>Per region: the capacity reservation group and its reservation where the plan holds capacity, and the scale
    /// set that runs the decided count on it (<see cref="AzureDeclared.GpuRunning"/>).</summary>
    private void Gpu(string name, AzureGpuSettings gpu, ComponentResourceOptions options)
    {
        var image = Deploy.GpuImage ?? throw new RunException(
            $"{name} runs {gpu.VmSize} VMs, which need an image with the NVIDIA driver: set {AzureDeploySettings.Namespace}:{AzureDeploySettings.GpuImageKey} to publisher:offer:sku:version. Nothing was declared.");
        var ssh = AzureDeploySettings.Require(Deploy.SshPublicKey, $"{AzureDeploySettings.Namespace}:{AzureDeploySettings.SshPublicKeyKey}", $"{name}'s GPU VMs take SSH keys only");
        foreach (var a in gpu.Allocations)
        {
            Output<string>? groupId = null;
            if (a.ReservationGroup is { } group && a.Reserved > 0)
            {
                var reservation = new GpuCapacityReservation($"{name}-{a.Region}", new GpuCapacityReservationArgs
                {
                    Location = a.Region,
                    ResourceGroupName = gpu.ResourceGroups[a.Region],
                    GroupName = group,
                    Zones = a.Zone is { } z ? [z] : [],
                    VmSize = gpu.VmSize,
                    Reservations = [new GpuReservationSpec(a.Zone is { } zone ? $"{name}-zone{zone}" : name, a.Zone, a.Reserved)],
                    Providers = Providers,
                    Tags = Tags,
                }, options);
                groupId = reservation.GroupId;
                Ids[AzureOutputNames.Of(name, AzureOutputNames.CapacityReservationGroupId, a.Region)] = groupId;
            }

            var subnet = Deploy.GpuSubnetIds.GetValueOrDefault(a.Region) ?? throw new RunException(
                $"{name} runs a scale set in {a.Region}, which needs a subnet: set {AzureDeploySettings.Namespace}:{AzureDeploySettings.GpuSubnetIdsKey} to a map of region -> subnet id " +
                $"(regions: {string.Join(", ", gpu.Allocations.Select(x => x.Region))}). Nothing was declared.");
            // The fleet's identity in the region: the services it reads have key access off (AzureFleetAccess).
            var identity = new PulumiAzure.Authorization.UserAssignedIdentity($"{name}-{a.Region}-identity", new PulumiAzure.Authorization.UserAssignedIdentityArgs
            {
                Name = AzureNames.Identity(Operations.Plan.Service, name, a.Region),
                Location = a.Region,
                ResourceGroupName = gpu.ResourceGroups[a.Region],
                Tags = AzureTags.Of(Tags),
            }, new CustomResourceOptions { Parent = options.Parent, Provider = Providers.For(a.Region), DependsOn = options.DependsOn, Protect = true });
            FleetIdentities[a.Region] = identity;
            var set = new GpuScaleSet($"{name}-{a.Region}-fleet", new GpuScaleSetArgs
            {
                Location = a.Region,
                ResourceGroupName = gpu.ResourceGroups[a.Region],
                Name = AzureNames.GpuScaleSet(Operations.Plan.Service, name, a.Region),
                VmSize = gpu.VmSize,
                Instances = AzureDeclared.GpuRunning(name, a, Operations),
                Zone = a.Zone,
                CapacityReservationGroupId = groupId is null ? null : (Input<string>)groupId,
                SubnetId = subnet,
                Image = image,
                ImagePlan = Deploy.GpuImagePlan,
                IdentityId = identity.Id,
                AdminUsername = Deploy.AdministratorLogin,
                SshPublicKey = ssh,
                Providers = Providers,
                Tags = Tags,
            }, options);
            Ids[AzureOutputNames.Of(name, AzureOutputNames.ScaleSetId, a.Region)] = set.ScaleSetId;
        }
    }

    /// <summary>The Traffic Manager profile in the group <see cref="AzureTrafficSettings.ProfileResourceGroup"/> names (the
    /// recovery region's), managed through that region's provider, with one endpoint per region named
    /// <see cref="AzureNames.TrafficEndpoint"/>; weighted routing and the endpoint states <see cref="AzureDeclared.Traffic"/> decides.</summary>
    private void Traffic(string name, AzureTrafficSettings traffic, ComponentResourceOptions options)
    {
        var home = traffic.ResourceGroups.First(g => g.Value == traffic.ProfileResourceGroup).Key;
        var (_, endpoints) = AzureDeclared.Traffic(traffic, Operations);
        var profile = new TrafficManagerFailover(name, new TrafficManagerFailoverArgs
        {
            ProfileName = traffic.ProfileName,
            ResourceGroupName = traffic.ProfileResourceGroup,
            ManagedFrom = home,
            RelativeDnsName = traffic.RelativeDnsName,
            Ttl = traffic.TtlSeconds,
            Probe = new TrafficProbe(traffic.ProbeProtocol, traffic.ProbePort, traffic.ProbePath, traffic.ProbeIntervalSeconds, traffic.ProbeTimeoutSeconds, traffic.ToleratedFailures),
            Endpoints = endpoints.Select(e => new TrafficEndpointSpec(AzureNames.TrafficEndpoint(e.Region), e.Region, e.Target, e.Priority, e.Weight, e.Enabled)).ToList(),
            Providers = Providers,
            Tags = Tags,
        }, options);
        Ids[AzureOutputNames.Of(name, AzureOutputNames.TrafficFqdn)] = profile.Fqdn;
    }
}
