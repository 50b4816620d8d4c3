using System.Globalization;
using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// Mechanisms, settings and estimates of components on Azure managed services, composed like the AWS and Kubernetes
/// ones: the same detection and decision terms, the same failover steps, Azure's own figures from
/// <see cref="AzureAssumptions"/>.
/// </summary>
internal static partial class AzureEstimator
{
    public static Draft Draft(ComponentSpec c, AzureOptions options, EstimateContext ctx) => options switch
    {
        AzurePostgresOptions o => Postgres(c, o, ctx),
        AzureRedisOptions o => Redis(c, o, ctx),
        AzureBlobOptions o => Blob(c, o, ctx),
        AzureVectorIndexOptions o => VectorIndex(c, o, ctx),
        AzureRegistryOptions o => Registry(c, o, ctx),
        AzureGpuOptions o => Gpu(c, o, ctx),
        AzureEndpointOptions o => Endpoint(c, o, ctx),
        _ => throw new InvalidOperationException($"no Azure estimator for {options.GetType().Name}"),
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyDictionary<string, string> ResourceGroups(EstimateContext ctx) =>
        ctx.Stack.Regions().ToDictionary(r => r, r => AzureNames.ResourceGroup(ctx.Stack.Service, ctx.Stack.StackName, r), StringComparer.Ordinal);

    private static string Role(EstimateContext ctx, string region) => region == ctx.Primary ? "primary" : "recovery";

    /// <summary>The storage size Flexible Server offers at or above <paramref name="gb"/>, in MB as the API takes it.</summary>
    internal static int StorageMb(int gb) => (AzureDefaults.PostgresStorageGb.FirstOrDefault(s => s >= gb) is var size && size > 0 ? size : AzureDefaults.PostgresStorageGb[^1]) switch
    {
        var largest when largest == AzureDefaults.PostgresStorageGb[^1] => AzureDefaults.LargestStorageMb,
        var other => other * 1024,
    };

    private static Draft Gpu(ComponentSpec c, AzureGpuOptions o, EstimateContext ctx)
    {
        var reserved = o.Reserved ?? c.Strategy != Strategy.BackupRestore;
        var running = EstimateContext.RunningInRecovery(c.Strategy, o.Count, o.StandbyRunning);
        var rto = ctx.ComputeRto(c);
        var step = ctx.ComputeStep(c);
        var caveats = new List<string>();
        if (running < o.Count)
        {
            var boot = Figure.Configured(o.BootTime, "bootTime (default: DrKit assumption, " + AzureAssumptions.CapacityReservations + ")");
            if (!reserved)
            {
                boot = boot.WithoutBound($"on-demand {o.VmSize} capacity may not exist in {ctx.Recovery} when every customer of the region fails over");
            }

            rto.Add("boot", boot, $"create {Text(o.Count - running)} x {o.VmSize}{(reserved ? " into the capacity reservation group" : string.Empty)}", step)
               .Add("load", Figure.Configured(o.ModelLoadTime, "modelLoadTime"), "load model weights", step);
        }

        if (reserved && !ctx.SingleRegion)
        {
            caveats.Add($"capacity reservations are billed at the pay-as-you-go rate whether VMs run in them or not, and have no end date: they last until deleted ({AzureAssumptions.CapacityReservations})");
            caveats.Add($"a VM uses the reservation only when created with its capacity reservation group; the recovery scale set must name it");
            // "Creating capacity reservations requires a quota in the same manner as when you create VMs", and a reservation
            // fails where the region or zone has no capacity for the size (AzureAssumptions.CapacityReservations).
            caveats.Add($"the reservation needs {ctx.Recovery}'s vCPU quota of {o.VmSize}'s family for {Text(o.Count)} VMs, and the size offered there{(o.Zones.GetValueOrDefault(ctx.Recovery) is { } z ? $" in zone {z}" : string.Empty)}: " +
                $"request the quota and check 'az vm list-skus --location {ctx.Recovery} --size {o.VmSize}' before the first up, or the reservation fails ({AzureAssumptions.CapacityReservations})");
            if (o.Zones.GetValueOrDefault(ctx.Recovery) is { } zone)
            {
                caveats.Add($"the reservation holds capacity in zone {zone} of {ctx.Recovery} only: losing that zone loses it");
            }
        }
        else if (!reserved)
        {
            caveats.Add($"on-demand {o.VmSize} capacity may not exist in {ctx.Recovery} at failover: reserve it or accept the risk");
        }

        var allocations = ctx.Stack.Regions().Select(r =>
        {
            var isPrimary = r == ctx.Primary;
            var held = reserved && (!isPrimary || c.Strategy == Strategy.ActiveActive) ? o.Count : 0;
            return new AzureGpuAllocation(r, held > 0 ? AzureNames.CapacityReservationGroup(ctx.Stack.Service, c.Name, r) : null,
                o.Zones.GetValueOrDefault(r), held, isPrimary ? o.Count : running, held > 0 ? o.ReservationEnd : null);
        }).ToList();
        var settings = new AzureGpuSettings(o.VmSize, o.Count, reserved, allocations) { ResourceGroups = ResourceGroups(ctx) };
        var regions = allocations.Select(a => Region.Of(a.Region, Role(ctx, a.Region), ("vmSize", o.VmSize), ("reservationGroup", a.ReservationGroup ?? "-"),
            ("zone", a.Zone ?? "regional"), ("reserved", Text(a.Reserved)), ("running", Text(a.Running)))).ToList();
        var mechanism = (reserved ? "capacity reservation group" : "on-demand VMs") + c.Strategy switch
        {
            Strategy.ActiveActive => ", live in every region",
            Strategy.WarmStandby => $", {Text(running)} of {Text(o.Count)} running",
            Strategy.PilotLight => ", none running",
            _ => ", created at failover",
        };
        return new Draft(mechanism, Estimates.Of(null, rto, [.. caveats]), settings, regions);
    }
}
