using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>Where the recovery region's GPU fleet runs: its scale set and the capacity reservation group it draws on.</summary>
public sealed record ScaleSetTarget(string Group, string Region, string ScaleSet, string? ReservationGroup);

/// <summary>
/// The recovery region's GPU scale set, in its own region: available is what its capacity reservation group reserves
/// (the <c>utilizationInfo.currentCapacity</c> of each reservation in the group's instance view: what Azure holds and bills,
/// which only this fleet consumes); running is the instances whose power state
/// is running, counted one by one, never the scale set's requested capacity.
/// https://learn.microsoft.com/azure/virtual-machines/capacity-reservation-overview
/// </summary>
public sealed class ScaleSetCapacity(AzCli az, ScaleSetTarget target, StackStateRecord state) : IRecoveryCapacity
{
    public async Task<CapacityStatus> GetAsync(CancellationToken ct)
    {
        var instances = await az.ReadAsync(AzureCalls.Instances(target.Group, target.Region, target.ScaleSet), ct).ConfigureAwait(false);
        var running = (instances.ValueKind == System.Text.Json.JsonValueKind.Array ? instances.EnumerateArray() : Enumerable.Empty<System.Text.Json.JsonElement>())
            .Count(i => i.TryGetProperty("instanceView", out var view)
                && AwsCli.Items(view, "statuses").Any(s => AwsCli.Text(s, "code") == "PowerState/running"));
        if (target.ReservationGroup is null)
        {
            // Without reserved capacity nothing is held: what is asked for is all that can be known before the scale.
            return new CapacityStatus(int.MaxValue, running);
        }

        var group = await az.ReadAsync(AzureCalls.Reservations(target.Group, target.Region, target.ReservationGroup), ct).ConfigureAwait(false);
        return new CapacityStatus(HeldCapacity(group), running);
    }

    /// <summary>The VMs a reservation group really holds: the sum of its reservations' <c>utilizationInfo.currentCapacity</c> in
    /// the group's instance view. A reservation without it (no instance view returned) holds nothing DrKit can count on.</summary>
    public static int HeldCapacity(System.Text.Json.JsonElement group)
    {
        if (group.ValueKind != System.Text.Json.JsonValueKind.Object || !group.TryGetProperty("instanceView", out var view))
        {
            return 0;
        }

        return AwsCli.Items(view, "capacityReservations")
            .Sum(r => r.TryGetProperty("utilizationInfo", out var use) ? AwsCli.Integer(use, "currentCapacity") ?? 0 : 0);
    }

    public async Task ScaleAsync(int desiredRunning, CancellationToken ct)
    {
        await state.SetAsync(OpsConfig.RecoveryRunning, OpsConfig.Text(desiredRunning), ct).ConfigureAwait(false);
        await az.RunAsync(AzureCalls.Scale(target.Group, target.Region, target.ScaleSet, desiredRunning), ct).ConfigureAwait(false);
    }
}
