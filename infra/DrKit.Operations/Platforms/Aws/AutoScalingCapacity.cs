using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Contract;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Recovery compute as AWS reports it, never as configured: instances <c>InService</c> in the recovery region's Auto
/// Scaling group, and the capacity reservation's <c>AvailableInstanceCount</c> (instances the group can still launch
/// into it). Scaling sets the group's desired capacity in the recovery region and records it in the stack's config.
/// DescribeCapacityReservations: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeCapacityReservations.html
/// SetDesiredCapacity: https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_SetDesiredCapacity.html
/// A stack without a GPU component has no group (<paramref name="group"/> empty): it runs nothing in the recovery
/// region, reports no capacity and is asked for none, so its data and traffic steps still fail over.
/// </summary>
public sealed class AutoScalingCapacity(AwsCli aws, string region, string group, string? reservation, StackStateRecord state) : IRecoveryCapacity
{
    public static AwsCommand DescribeGroup(string group, string region) =>
        new("autoscaling", "describe-auto-scaling-groups", region, ["--auto-scaling-group-names", group]);

    public static AwsCommand DescribeReservation(string reservation, string region) =>
        new("ec2", "describe-capacity-reservations", region, ["--capacity-reservation-ids", reservation]);

    public static AwsCommand SetDesired(string group, int desired, string region) =>
        new("autoscaling", "set-desired-capacity", region,
            ["--auto-scaling-group-name", group, "--desired-capacity", desired.ToString(CultureInfo.InvariantCulture)]);

    public async Task<CapacityStatus> GetAsync(CancellationToken ct)
    {
        if (group.Length == 0)
        {
            return new CapacityStatus(0, 0);
        }

        var reply = await aws.RunAsync(DescribeGroup(group, region), ct).ConfigureAwait(false);
        var found = AwsCli.Items(reply, "AutoScalingGroups").FirstOrDefault();
        if (found.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw new Cloud.CloudCommandFailedException($"Auto Scaling group {group} does not exist in {region}.");
        }

        var inService = AwsCli.Items(found, "Instances").Count(i => AwsCli.Text(i, "LifecycleState") == "InService");
        int available;
        if (reservation is null)
        {
            available = AwsCli.Integer(found, "MaxSize") ?? 0;
        }
        else
        {
            var reserved = AwsCli.Items(await aws.RunAsync(DescribeReservation(reservation, region), ct).ConfigureAwait(false), "CapacityReservations").FirstOrDefault();
            // Running instances already use part of the reservation; what could run is those plus what is still free.
            available = inService + (AwsCli.Integer(reserved, "AvailableInstanceCount") ?? 0);
        }

        return new CapacityStatus(available, inService);
    }

    public async Task ScaleAsync(int desiredRunning, CancellationToken ct)
    {
        if (group.Length == 0)
        {
            if (desiredRunning > 0)
            {
                throw new Cloud.CloudCommandFailedException($"the stack has no recovery Auto Scaling group in {region}, so {desiredRunning} instances cannot be started.");
            }

            return;
        }

        await aws.RunAsync(SetDesired(group, desiredRunning, region), ct).ConfigureAwait(false);
        await state.SetAsync(OpsConfig.RecoveryRunning, OpsConfig.Text(desiredRunning), ct).ConfigureAwait(false);
    }
}
