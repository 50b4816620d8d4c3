using DrKit.Core.Platforms.Azure;
using DrKit.Operations.Contract;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// The decisions of an Azure failback that its run and its dry run share: the recovery fleet's steady size and the
/// config that records the steady state. The steady state clears the failed-over world the way the AWS failback does
/// (no promotion, the writer in the primary region) and puts traffic at 100 % on the primary, which
/// <see cref="AzureTrafficShape"/> reads as the planned endpoints, so the next <c>up</c> declares steady and changes
/// nothing the failback already set.
/// </summary>
public static class AzureFailback
{
    /// <summary>The running count the plan decided for the recovery region's GPU fleet (0 on pilot light).</summary>
    public static int SteadyRunning(OperationTopology topology, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Components.Select(c => c.Settings).OfType<AzureGpuSettings>().FirstOrDefault() is { } g && g.Allocations.Any(a => a.Region == recovery)
            ? g.In(recovery).Running
            : 0;
    }

    /// <summary>The keys failback's last step writes.</summary>
    public static IReadOnlyDictionary<string, string> SteadyKeys(OperationTopology topology, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in AzureFailoverPlan.Postgres(topology, recovery))
        {
            keys[OpsConfig.Promote(p.Component)] = OpsConfig.Text(false);
            keys[OpsConfig.WriterRegion(p.Component)] = topology.PrimaryRegion;
        }

        foreach (var r in AzureFailoverPlan.Redis(topology, recovery))
        {
            keys[OpsConfig.WriterRegion(r.Component)] = topology.PrimaryRegion;
        }

        keys[OpsConfig.TrafficActiveRegion] = topology.PrimaryRegion;
        keys[OpsConfig.TrafficPercent] = OpsConfig.Text(100);
        if (AzureFailover.Gpu(topology, recovery) is not null)
        {
            keys[OpsConfig.RecoveryRunning] = OpsConfig.Text(SteadyRunning(topology, recovery));
        }

        return keys;
    }
}
