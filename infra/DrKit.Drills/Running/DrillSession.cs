using System.Globalization;
using DrKit.Drills.Hosting;
using DrKit.Drills.Restore;
using DrKit.Failover;

namespace DrKit.Drills.Running;

/// <summary>One drill from start-up to measurements, inside a harness the caller owns and disposes.</summary>
internal sealed class DrillSession(LocalDrillSpec spec, string drillId, ProcessHarness harness, DrillTimeline timeline)
{
    private static readonly TimeSpan DetectionTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstAckTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AfterglowWrites = TimeSpan.FromMilliseconds(300);
    private readonly TimeProvider _time = timeline.Time;
    private DrillTopology? _topology;
    private RestorePoint? _restorePoint;

    public int PostgresMajorVersion => _topology?.Postgres.Binaries.MajorVersion ?? 0;

    public async Task<DrillResult> RunAsync(DateTimeOffset startedAt, CancellationToken ct)
    {
        timeline.Add("phase", "start servers", $"PostgreSQL {spec.PostgresMode}, Redis {(spec.Redis ? spec.Sentinel ? "with Sentinel" : "manual" : "off")}");
        var topology = _topology = await DrillTopology.StartAsync(spec, harness, _time, ct).ConfigureAwait(false);
        timeline.Add("phase", "servers ready", $"PostgreSQL {topology.Postgres.Binaries.MajorVersion} on :{topology.Postgres.Primary.Port} -> :{topology.Postgres.Standby.Port}");

        using var monitorStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var monitor = new FailureMonitor(topology.PrimaryProbes, spec.ProbeInterval, timeline,
            topology.Redis is null ? null : topology.SampleReplicationAsync);
        var monitorTask = monitor.RunAsync(monitorStop.Token);
        foreach (var workload in topology.Workloads)
        {
            workload.Start(ct);
        }

        try
        {
            timeline.Add("phase", "warm-up", $"{spec.WritesPerSecond} writes/s per tier for {spec.WarmUp.TotalSeconds:0.#} s");
            await WarmUpAsync(topology, ct).ConfigureAwait(false);
            return spec.FailureMode == DrillFailureMode.StopArchive
                ? await new ArchiveOutageScenario(spec, topology, timeline).RunAsync(this, startedAt, ct).ConfigureAwait(false)
                : await RunFailoverAsync(topology, monitor, startedAt, ct).ConfigureAwait(false);
        }
        finally
        {
            await monitorStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(topology.Workloads.Select(w => w.StopAsync())).ConfigureAwait(false);
            await monitorTask.ConfigureAwait(false);
        }
    }

    internal DrillResult Result(DateTimeOffset startedAt, DrillVerdict verdict, string summary) => new()
    {
        DrillId = drillId,
        Spec = spec,
        StartedAt = startedAt,
        FinishedAt = _time.GetUtcNow(),
        Verdict = verdict,
        Summary = summary,
        PostgresMajorVersion = PostgresMajorVersion,
    };

    /// <summary>Restores to the point captured during warm-up, once the archive holds the WAL past it.</summary>
    internal async Task<RestoreResult?> RestoreIfAskedAsync(DrillTopology topology, CancellationToken ct)
    {
        if (_restorePoint is null)
        {
            return null;
        }

        timeline.Add("restore", "restore started", $"base backup + WAL archive to {_restorePoint.TargetTime}");
        var restore = await PointInTimeRestore.RunAsync(harness, topology.Postgres, _restorePoint, ct).ConfigureAwait(false);
        timeline.Add("restore", restore.Verified ? "restore verified" : "restore mismatch",
            $"{restore.RestoredRows}/{restore.ExpectedRows} rows, checksum {(restore.Verified ? "matches" : "differs")}, {restore.Duration.TotalSeconds:0.0} s");
        return restore;
    }

    private async Task WarmUpAsync(DrillTopology topology, CancellationToken ct)
    {
        if (!spec.Restore)
        {
            await Task.Delay(spec.WarmUp, _time, ct).ConfigureAwait(false);
            return;
        }

        await Task.Delay(spec.WarmUp / 2, _time, ct).ConfigureAwait(false);
        _restorePoint = await RestorePoint.CaptureAsync(topology.PostgresWorkload, topology.Postgres.Primary, ct).ConfigureAwait(false);
        timeline.Add("restore", "restore point", $"{_restorePoint.ExpectedSeqs.Count} acknowledged writes at {_restorePoint.TargetTime}", _restorePoint.TargetAt);
        await Task.Delay(spec.WarmUp / 2, _time, ct).ConfigureAwait(false);
        if (spec.FailureMode != DrillFailureMode.StopArchive)
        {
            // The archive must hold WAL past the restore point before the primary dies.
            await topology.Postgres.Archive.FlushAsync(TimeSpan.FromSeconds(20), ct).ConfigureAwait(false);
            timeline.Add("archive", "archive flushed", "WAL past the restore point is in the archive");
        }
    }

    private async Task<DrillResult> RunFailoverAsync(DrillTopology topology, FailureMonitor monitor, DateTimeOffset startedAt, CancellationToken ct)
    {
        if (spec.FailureMode == DrillFailureMode.PausedReplica)
        {
            await PauseReplicaUntilLagAsync(topology, ct).ConfigureAwait(false);
        }

        // Real failures do not line up with the monitor's polling phase; without this jitter the warm-up,
        // being a whole number of probe periods, would always strike just before a probe and flatter detection.
        await Task.Delay(spec.ProbeInterval * Random.Shared.NextDouble(), _time, ct).ConfigureAwait(false);
        var failureAt = _time.GetUtcNow();
        monitor.Arm(failureAt);
        await topology.KillPrimaryRegionAsync(ct).ConfigureAwait(false);
        timeline.Add("failure", "primary killed", "kill -9 of the primary region's servers", failureAt);

        var (detectedAt, detail) = await monitor.Detected.WaitAsync(DetectionTimeout, _time, ct).ConfigureAwait(false);
        timeline.Add("detect", "failure detected", detail, detectedAt);

        var journal = new InMemoryFailoverJournal();
        var engine = new FailoverEngine(_time, journal, new EngineObserver(timeline));
        var engineResult = await engine.RunAsync(BuildRequest(topology), ct).ConfigureAwait(false);
        timeline.Add("phase", "engine finished", $"{engineResult.Outcome}{(engineResult.Reason is null ? "" : ": " + engineResult.Reason)}");

        var tiers = new List<TierMeasurement>();
        if (engineResult.Succeeded)
        {
            await DrillMeasurements.WaitForFirstAcksAsync(topology.Workloads, _time, FirstAckTimeout, ct).ConfigureAwait(false);
            foreach (var w in topology.Workloads)
            {
                if (w.Acks.FirstUnderVersion(1) is { } first)
                {
                    timeline.Add("ack", $"first {w.Name} write on new primary", $"seq {first.Seq}", first.AckedAt);
                }
            }

            await Task.Delay(AfterglowWrites, _time, ct).ConfigureAwait(false);
        }

        await Task.WhenAll(topology.Workloads.Select(w => w.StopAsync())).ConfigureAwait(false);
        if (engineResult.Succeeded)
        {
            foreach (var w in topology.Workloads)
            {
                var targets = w.Name == "redis" ? spec.RedisTargets : spec.PostgresTargets;
                tiers.Add(await DrillMeasurements.MeasureAsync(w, targets, failureAt, w.Router.Current, ct).ConfigureAwait(false));
            }
        }

        var restore = engineResult.Succeeded ? await RestoreIfAskedAsync(topology, ct).ConfigureAwait(false) : null;
        var (verdict, summary) = Judge(engineResult, tiers, restore);
        return Result(startedAt, verdict, summary) with
        {
            FailureInjectedAt = failureAt,
            DetectedAt = detectedAt,
            Tiers = tiers,
            Engine = engineResult,
            Journal = journal.Entries,
            Restore = restore,
            Acks = DrillMeasurements.ChartPoints(topology.Workloads, failureAt - TimeSpan.FromSeconds(1.5)),
            Timeline = timeline.Snapshot(),
        };
    }

    private async Task PauseReplicaUntilLagAsync(DrillTopology topology, CancellationToken ct)
    {
        await topology.Postgres.PauseReplayAsync(ct).ConfigureAwait(false);
        timeline.Add("failure", "standby replay paused", "pg_wal_replay_pause() on the standby");
        var deadline = _time.GetUtcNow() + spec.PostgresTargets.Rpo + TimeSpan.FromSeconds(15);
        while (true)
        {
            var status = await topology.Postgres.GetStandbyStatusAsync(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            if (status.ReplayLag > spec.PostgresTargets.Rpo)
            {
                timeline.Add("failure", "lag beyond RPO", $"replay lag {status.ReplayLag.Value.TotalSeconds:0.00} s > RPO {spec.PostgresTargets.Rpo.TotalSeconds:0.##} s");
                return;
            }

            if (_time.GetUtcNow() > deadline)
            {
                throw new TimeoutException("Standby lag did not grow beyond the RPO while replay was paused.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, ct).ConfigureAwait(false);
        }
    }

    private FailoverRequest BuildRequest(DrillTopology topology) => new()
    {
        OperationId = drillId,
        DataTiers = topology.Tiers,
        ReadinessProbes = topology.RecoveryProbes,
        Capacity = topology.Capacity,
        DesiredRunning = topology.Tiers.Count,
        TrafficSwitch = topology.TrafficSwitch,
        RecoveryRegion = DrillTopology.RecoveryRegion,
        VerificationProbes = topology.ServingProbes,
        Force = spec.Force,
        ForceReason = spec.ForceReason,

        // Local servers answer in milliseconds; cloud-sized timeouts and a 5 s poll would only pad the RTO.
        Timeouts = new StepTimeouts
        {
            Readiness = TimeSpan.FromSeconds(10),
            Fence = TimeSpan.FromSeconds(15),
            FenceAttempt = TimeSpan.FromSeconds(10),
            Promote = TimeSpan.FromSeconds(30),
            ScaleCompute = TimeSpan.FromSeconds(5),
            ShiftTraffic = TimeSpan.FromSeconds(5),
            Verify = TimeSpan.FromSeconds(15),
            Report = TimeSpan.FromSeconds(5),
            Rollback = TimeSpan.FromSeconds(15),
            PollInterval = TimeSpan.FromMilliseconds(50),
        },
    };

    private static (DrillVerdict, string) Judge(FailoverResult engine, IReadOnlyList<TierMeasurement> tiers, RestoreResult? restore)
    {
        if (engine.Outcome == FailoverOutcome.Refused)
        {
            return (DrillVerdict.Refused, "The engine refused to fail over: " + engine.Reason);
        }

        if (!engine.Succeeded)
        {
            return (DrillVerdict.Failed, $"The failover {engine.Outcome}: {engine.Reason}");
        }

        var misses = new List<string>();
        foreach (var t in tiers)
        {
            if (!t.RtoMet)
            {
                misses.Add(t.Rto is { } rto
                    ? string.Create(CultureInfo.InvariantCulture, $"{t.Tier} RTO {rto.TotalSeconds:0.00} s > {t.Targets.Rto.TotalSeconds:0.##} s")
                    : $"{t.Tier} never took a write after the switch");
            }

            if (!t.RpoMet)
            {
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"{t.Tier} lost {t.LostWrites} writes ({t.RpoSeconds.TotalSeconds:0.00} s) > RPO {t.Targets.Rpo.TotalSeconds:0.##} s"));
            }
        }

        if (restore is { Verified: false })
        {
            misses.Add($"restore has {restore.RestoredRows} rows, expected {restore.ExpectedRows}, checksum {(restore.RestoredChecksum == restore.ExpectedChecksum ? "equal" : "differs")}");
        }

        var forced = engine.Forced ? $" (forced: {engine.ForceReason})" : string.Empty;
        return misses.Count == 0
            ? (DrillVerdict.Met, "Failover met every target" + forced + ".")
            : (DrillVerdict.Missed, "Missed: " + string.Join("; ", misses) + forced + ".");
    }
}
