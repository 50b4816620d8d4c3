using DrKit.Failover;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// The catch-up of an RDS switch back whose source (the fenced recovery writer) is up: its <c>OldestReplicationSlotLag</c>
/// read from CloudWatch in the source's region, judged by <see cref="SlotLagCatchUp"/> on datapoints from after the fence
/// (the engine passes the fence time, from its journal on a resumed run).
/// </summary>
public sealed class RdsSlotLagCatchUp(ReplicaLagReader lag, string source, string region) : ISwitchoverCatchUp
{
    public async Task<CatchUpStatus> ReadAsync(DateTimeOffset fencedAt, CancellationToken ct)
    {
        IReadOnlyList<(DateTimeOffset At, double Value)> points;
        try
        {
            points = await lag.SinceAsync(LagMetric.RdsOldestReplicationSlotLag, source, region, fencedAt, ct).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException e)
        {
            // Not caught up as far as anyone can tell: the Promote bound ends the wait and rollback unfences.
            return new CatchUpStatus(false, $"{source} in {region}: {e.Message}");
        }

        var status = SlotLagCatchUp.Decide(points, lag.Period);
        return status with { Detail = $"{source} in {region}: {status.Detail}" };
    }

    /// <summary>The dry run's text of the wait.</summary>
    public static string Describe(string source, string region) =>
        $"poll {ReplicaLagReader.CommandLine(LagMetric.RdsOldestReplicationSlotLag.Arguments(source, region, "<fence time>", "<now>", TimeSpan.FromMinutes(1)))} " +
        $"until the newest {SlotLagCatchUp.StableDatapoints} consecutive datapoints since the fence read 0 bytes (the fence time comes from the journal on a resumed run)";
}
