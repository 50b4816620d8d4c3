using System.Globalization;
using DrKit.Drills.Postgres;

namespace DrKit.Drills.Running;

/// <summary>
/// The WAL archive destination disappears while writes continue. Serving is unaffected, so the engine does
/// not run; what grows is the archive RPO exposure (how much a restore from the archive would lose). The
/// destination then returns and the drill measures how long the archiver needs to drain its backlog.
/// </summary>
internal sealed class ArchiveOutageScenario(LocalDrillSpec spec, DrillTopology topology, DrillTimeline timeline)
{
    // After a failed attempt the archiver waits for the next completed segment (at most one archive_timeout) or its
    // one-minute wake-up, so the backlog cannot be expected to drain sooner than that.
    private TimeSpan CatchUpTimeout => spec.ArchiveTimeout + TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(2);
    private readonly TimeProvider _time = timeline.Time;
    private readonly List<ArchiveSample> _samples = [];

    public async Task<DrillResult> RunAsync(DrillSession session, DateTimeOffset startedAt, CancellationToken ct)
    {
        var archive = topology.Postgres.Archive;
        var baseline = await archive.GetStatusAsync(QueryTimeout, ct).ConfigureAwait(false);
        var failureAt = _time.GetUtcNow();
        archive.StopDestination();
        timeline.Add("failure", "archive destination stopped", $"{archive.Directory} unavailable", failureAt);

        DateTimeOffset? detectedAt = null;
        while (_time.GetUtcNow() - failureAt < spec.ArchiveOutage)
        {
            var sample = await SampleAsync(archive, ct).ConfigureAwait(false);
            if (detectedAt is null && sample.FailedCount > baseline.FailedCount)
            {
                detectedAt = sample.At;
                timeline.Add("detect", "archiving failing", $"archive command failed {sample.FailedCount - baseline.FailedCount} time(s)", sample.At);
            }

            await Task.Delay(spec.ProbeInterval, _time, ct).ConfigureAwait(false);
        }

        archive.RestoreDestination();
        var restoredAt = _time.GetUtcNow();
        timeline.Add("phase", "archive destination back", string.Empty, restoredAt);
        DateTimeOffset? caughtUpAt = null;
        while (_time.GetUtcNow() - restoredAt < CatchUpTimeout)
        {
            var sample = await SampleAsync(archive, ct).ConfigureAwait(false);
            if (sample.PendingSegments == 0 && sample.Exposure is { } e && e <= spec.ArchiveTimeout + TimeSpan.FromSeconds(1))
            {
                caughtUpAt = sample.At;
                timeline.Add("archive", "archive caught up", $"backlog drained in {(sample.At - restoredAt).TotalSeconds:0.00} s", sample.At);
                break;
            }

            await Task.Delay(spec.ProbeInterval, _time, ct).ConfigureAwait(false);
        }

        await Task.WhenAll(topology.Workloads.Select(w => w.StopAsync())).ConfigureAwait(false);
        var final = await archive.GetStatusAsync(QueryTimeout, ct).ConfigureAwait(false);
        var observation = new ArchiveObservation([.. _samples],
            _samples.Select(s => s.Exposure ?? TimeSpan.Zero).DefaultIfEmpty().Max(),
            _samples.Select(s => s.PendingSegments).DefaultIfEmpty().Max(),
            final.FailedCount - baseline.FailedCount, restoredAt, caughtUpAt);

        if (caughtUpAt is not null && spec.Restore)
        {
            await archive.FlushAsync(TimeSpan.FromSeconds(20), ct).ConfigureAwait(false);
        }

        var restore = caughtUpAt is null ? null : await session.RestoreIfAskedAsync(topology, ct).ConfigureAwait(false);
        var (verdict, summary) = Judge(observation, detectedAt, restore);
        return session.Result(startedAt, verdict, summary) with
        {
            FailureInjectedAt = failureAt,
            DetectedAt = detectedAt,
            Archive = observation,
            Restore = restore,
            Acks = DrillMeasurements.ChartPoints(topology.Workloads, failureAt - TimeSpan.FromSeconds(1.5)),
            Timeline = timeline.Snapshot(),
        };
    }

    private async Task<ArchiveSample> SampleAsync(WalArchive archive, CancellationToken ct)
    {
        var status = await archive.GetStatusAsync(QueryTimeout, ct).ConfigureAwait(false);
        var sample = new ArchiveSample(_time.GetUtcNow(), status.SinceLastArchived, status.PendingSegments, status.FailedCount, archive.DestinationAvailable);
        _samples.Add(sample);
        return sample;
    }

    private (DrillVerdict, string) Judge(ArchiveObservation o, DateTimeOffset? detectedAt, Restore.RestoreResult? restore)
    {
        var rpo = spec.PostgresTargets.Rpo;
        var peak = o.PeakExposure.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (detectedAt is null)
        {
            return (DrillVerdict.Failed, "The archive outage was never detected: the archive command did not fail.");
        }

        if (o.CaughtUpAt is null)
        {
            return (DrillVerdict.Failed, $"Archiving did not catch up within {CatchUpTimeout.TotalSeconds} s after the destination returned (peak exposure {peak} s).");
        }

        if (restore is { Verified: false })
        {
            return (DrillVerdict.Missed, $"Archiving recovered, but the restore did not verify ({restore.RestoredRows}/{restore.ExpectedRows} rows).");
        }

        return o.PeakExposure > rpo
            ? (DrillVerdict.Missed, $"During the outage the WAL-archive RPO exposure grew to {peak} s, beyond the {rpo.TotalSeconds:0.##} s target; archiving recovered afterwards.")
            : (DrillVerdict.Met, $"WAL-archive RPO exposure peaked at {peak} s, within the {rpo.TotalSeconds:0.##} s target; archiving recovered.");
    }
}
