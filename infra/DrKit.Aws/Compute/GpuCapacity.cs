using System.Collections.Immutable;
using System.Globalization;
using DrKit.Core.Planning;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Compute;

public sealed class GpuCapacityArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required GpuSettings Settings { get; init; }

    /// <summary>Region -> instances to run, the recovery region's count from operations.</summary>
    public required IReadOnlyDictionary<string, int> DesiredRunning { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}

/// <summary>
/// On-Demand Capacity Reservations where the plan reserves GPUs, targeted so only launches that ask for them
/// consume them, and per region a launch template and an Auto Scaling group that launch into that reservation
/// with the desired running count (a pilot light reserves and runs none; a failover sets the recovery group's
/// desired capacity from the recovery region and records it, so the next <c>up</c> keeps it).
/// </summary>
public sealed class GpuCapacity : ComponentResource
{
    public const string TypeToken = "drkit:compute:GpuCapacity";

    public const string Platform = "Linux/UNIX";

    public GpuCapacity(string name, GpuCapacityArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var reservations = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var allocation in s.Allocations.Where(a => a.Reserved > 0))
        {
            var reservation = new PulumiAws.Ec2.CapacityReservationArgs
            {
                InstanceType = s.InstanceType,
                InstancePlatform = Platform,
                AvailabilityZone = allocation.AvailabilityZone,
                InstanceCount = allocation.Reserved,
                InstanceMatchCriteria = "targeted",
                EndDateType = allocation.ReservationEnd is null ? "unlimited" : "limited",
                Tags = args.Tags.For(args.Plan.Name, allocation.Region == args.Providers.PrimaryRegion ? "primary" : "recovery"),
            };
            if (allocation.ReservationEnd is { } end)
            {
                reservation.EndDate = EndOf(end);
            }

            reservations[allocation.Region] = new PulumiAws.Ec2.CapacityReservation($"{name}-{allocation.Region}", reservation, args.Providers.In(allocation.Region, this)).Id;
        }

        var groups = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var allocation in s.Allocations)
        {
            groups[allocation.Region] = ServingGroup(name, args, allocation, reservations.GetValueOrDefault(allocation.Region));
        }

        ReservationIds = OutputMaps.Of(reservations);
        GroupNames = OutputMaps.Of(groups);
        DesiredRunning = OutputMaps.Known(args.DesiredRunning);
        Reserved = OutputMaps.Known(s.Allocations.Select(a => KeyValuePair.Create(a.Region, a.Reserved)));
        RegisterOutputs();
    }

    /// <summary>Region -> name of the Auto Scaling group serving there.</summary>
    [Output("groupNames")]
    public Output<ImmutableDictionary<string, string>> GroupNames { get; }

    /// <summary>Region -> capacity reservation id (regions without a reservation are absent).</summary>
    [Output("reservationIds")]
    public Output<ImmutableDictionary<string, string>> ReservationIds { get; }

    /// <summary>Region -> instances a serving group should run there now.</summary>
    [Output("desiredRunning")]
    public Output<ImmutableDictionary<string, int>> DesiredRunning { get; }

    /// <summary>Region -> instances reserved there.</summary>
    [Output("reserved")]
    public Output<ImmutableDictionary<string, int>> Reserved { get; }

    /// <summary>A launch template for the GPU type, targeting the reservation when there is one, and a group in its zone.</summary>
    private Output<string> ServingGroup(string name, GpuCapacityArgs args, GpuAllocation allocation, Output<string>? reservation)
    {
        var region = allocation.Region;
        var launch = args.Settings.Launch;
        var template = new PulumiAws.Ec2.LaunchTemplateArgs
        {
            ImageId = DrKit.Core.Operations.RecoveryCompute.ServingImage,
            InstanceType = args.Settings.InstanceType,
            Tags = args.Tags.For(args.Plan.Name, region == args.Providers.PrimaryRegion ? "primary" : "recovery"),
        };
        if (launch.EncodedUserData is { } userData)
        {
            template.UserData = userData;
        }

        if (launch.SecurityGroups.TryGetValue(region, out var groups))
        {
            template.VpcSecurityGroupIds = groups.ToList();
        }

        if (launch.InstanceProfile is { } profile)
        {
            template.IamInstanceProfile = launch.InstanceProfileIsArn
                ? new PulumiAws.Ec2.Inputs.LaunchTemplateIamInstanceProfileArgs { Arn = profile }
                : new PulumiAws.Ec2.Inputs.LaunchTemplateIamInstanceProfileArgs { Name = profile };
        }

        if (reservation is not null)
        {
            template.CapacityReservationSpecification = new PulumiAws.Ec2.Inputs.LaunchTemplateCapacityReservationSpecificationArgs
            {
                CapacityReservationTarget = new PulumiAws.Ec2.Inputs.LaunchTemplateCapacityReservationSpecificationCapacityReservationTargetArgs
                {
                    CapacityReservationId = reservation,
                },
            };
        }

        var launchTemplate = new PulumiAws.Ec2.LaunchTemplate($"{name}-{region}-template", template, args.Providers.In(region, this));
        var desired = args.DesiredRunning.GetValueOrDefault(region);
        var groupArgs = new PulumiAws.AutoScaling.GroupArgs
        {
            MinSize = 0,
            MaxSize = Math.Max(Math.Max(allocation.Reserved, args.Settings.Count), desired),
            DesiredCapacity = desired,
            LaunchTemplate = new PulumiAws.AutoScaling.Inputs.GroupLaunchTemplateArgs { Id = launchTemplate.Id, Version = "$Latest" },
            HealthCheckType = launch.HealthCheckType(region),
        };
        if (launch.Subnets.TryGetValue(region, out var subnets) && subnets.Count > 0)
        {
            // Named subnets (in the reservation's zone) instead of the default VPC, which landing-zone accounts lack.
            // availability_zones and vpc_zone_identifier conflict in the provider's schema: the subnets fix the zone.
            groupArgs.VpcZoneIdentifiers = subnets.ToList();
        }
        else
        {
            groupArgs.AvailabilityZones = new InputList<string> { allocation.AvailabilityZone };
        }

        if (launch.TargetGroups.TryGetValue(region, out var targets) && targets.Count > 0)
        {
            groupArgs.TargetGroupArns = targets.ToList();
            groupArgs.HealthCheckGracePeriod = DrKit.Core.Model.GpuLaunch.HealthCheckGraceSeconds(args.Settings.WarmUp);
        }

        var group = new PulumiAws.AutoScaling.Group($"{name}-{region}-group", groupArgs, args.Providers.In(region, this));
        return group.Name;
    }

    /// <summary>The reservation holds through the last day the plan names (UTC).</summary>
    public static string EndOf(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59Z";
}
