using DrKit.Drills.Workload;

namespace DrKit.Drills.Running;

/// <summary>Turns the acknowledged-write log and what survived on the new primary into RTO and RPO.</summary>
internal static class DrillMeasurements
{
    private const int MaxChartPointsPerTier = 2500;

    /// <summary>
    /// RTO: failure injection to the first write acknowledged under the switched route (detection included).
    /// RPO: acknowledged writes of the old primary missing on the new one, as a count and as the span of ack
    /// times between the last surviving write and the last acknowledged one.
    /// </summary>
    public static async Task<TierMeasurement> MeasureAsync(WriteWorkload workload, TierTargets targets, DateTimeOffset failureAt,
        RouteTarget newPrimary, CancellationToken ct)
    {
        var acks = workload.Acks.Snapshot();
        var old = acks.Where(a => a.RouteVersion == 0).ToList();
        var first = acks.FirstOrDefault(a => a.RouteVersion > 0);
        var present = await workload.Target.ReadSequencesAsync(newPrimary, ct).ConfigureAwait(false);
        var lost = old.Where(a => !present.Contains(a.Seq)).ToList();
        var lastAck = old.Count > 0 ? old[^1].AckedAt : (DateTimeOffset?)null;
        var rpo = TimeSpan.Zero;
        if (lost.Count > 0 && lastAck is { } last)
        {
            var survivors = old.Where(a => present.Contains(a.Seq)).ToList();
            var lastSurvivor = survivors.Count > 0 ? survivors.Max(a => a.AckedAt) : old[0].AckedAt;
            rpo = last - lastSurvivor;
        }

        return new TierMeasurement(workload.Name, targets, first is null ? null : first.AckedAt - failureAt, lost.Count, rpo,
            old.Count, lastAck, first?.AckedAt);
    }

    /// <summary>Acknowledgements from shortly before the failure on, thinned evenly if there are very many.</summary>
    public static IReadOnlyList<AckPoint> ChartPoints(IEnumerable<WriteWorkload> workloads, DateTimeOffset from)
    {
        var points = new List<AckPoint>();
        foreach (var workload in workloads)
        {
            var acks = workload.Acks.Snapshot().Where(a => a.AckedAt >= from).ToList();
            var step = Math.Max(1, (int)Math.Ceiling(acks.Count / (double)MaxChartPointsPerTier));
            points.AddRange(acks.Where((_, i) => i % step == 0).Select(a => new AckPoint(workload.Name, a.Seq, a.AckedAt, a.RouteVersion > 0)));
        }

        return points;
    }

    /// <summary>Waits until every workload has had a write acknowledged under the switched route.</summary>
    public static async Task WaitForFirstAcksAsync(IEnumerable<WriteWorkload> workloads, TimeProvider time, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (workloads.Any(w => w.Acks.FirstUnderVersion(1) is null) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), time, ct).ConfigureAwait(false);
        }
    }
}
