using DrKit.Drills.Restore;
using DrKit.Failover;

namespace DrKit.Drills;

/// <summary>Overall judgement of a drill.</summary>
public enum DrillVerdict
{
    /// <summary>Every measured figure is within its target.</summary>
    Met,

    /// <summary>The drill ran but at least one figure exceeded its target (or a restore did not verify).</summary>
    Missed,

    /// <summary>The engine refused to fail over (expected when a paused replica lags beyond the RPO).</summary>
    Refused,

    /// <summary>The failover or the drill itself failed.</summary>
    Failed,
}

/// <summary>One point of the drill timeline.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">Category: "phase", "failure", "detect", "step", "switch", "ack", "archive", "restore", "error".</param>
/// <param name="Name">Short label.</param>
/// <param name="Detail">Free text.</param>
public sealed record DrillEvent(DateTimeOffset At, string Kind, string Name, string Detail);

/// <summary>One acknowledged write, for the timeline chart.</summary>
public sealed record AckPoint(string Tier, long Seq, DateTimeOffset At, bool OnNewPrimary);

/// <summary>Measured recovery of one data tier.</summary>
/// <param name="Tier">"postgres" or "redis".</param>
/// <param name="Targets">The tier's objectives.</param>
/// <param name="Rto">Failure injection to first acknowledged write on the new primary, detection included; null when it never came.</param>
/// <param name="LostWrites">Writes acknowledged by the old primary that the new primary does not have.</param>
/// <param name="RpoSeconds">Ack time of the last acknowledged write before the failure minus that of the last one that survived.</param>
/// <param name="AckedBeforeFailure">Writes the old primary acknowledged.</param>
/// <param name="LastAckBeforeFailure">Ack time of the old primary's last write.</param>
/// <param name="FirstAckAfterSwitch">Ack time of the first write on the new primary.</param>
public sealed record TierMeasurement(
    string Tier,
    TierTargets Targets,
    TimeSpan? Rto,
    long LostWrites,
    TimeSpan RpoSeconds,
    long AckedBeforeFailure,
    DateTimeOffset? LastAckBeforeFailure,
    DateTimeOffset? FirstAckAfterSwitch)
{
    public bool RtoMet => Rto is { } rto && rto <= Targets.Rto;

    public bool RpoMet => RpoSeconds <= Targets.Rpo;
}

/// <summary>One reading of the primary's archiver during an archive outage drill.</summary>
public sealed record ArchiveSample(DateTimeOffset At, TimeSpan? Exposure, int PendingSegments, long FailedCount, bool DestinationAvailable);

/// <summary>What an archive outage did: how far archive RPO exposure grew and when archiving caught up.</summary>
public sealed record ArchiveObservation(
    IReadOnlyList<ArchiveSample> Samples,
    TimeSpan PeakExposure,
    int PeakPending,
    long FailedAttempts,
    DateTimeOffset? DestinationRestoredAt,
    DateTimeOffset? CaughtUpAt);

/// <summary>Everything a drill measured, for reports and the history file.</summary>
public sealed record DrillResult
{
    public required string DrillId { get; init; }

    public required LocalDrillSpec Spec { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public DateTimeOffset? FailureInjectedAt { get; init; }

    public DateTimeOffset? DetectedAt { get; init; }

    public TimeSpan? DetectionTime => DetectedAt - FailureInjectedAt;

    public required DrillVerdict Verdict { get; init; }

    /// <summary>Why the verdict is what it is, in one sentence.</summary>
    public required string Summary { get; init; }

    public IReadOnlyList<TierMeasurement> Tiers { get; init; } = [];

    public IReadOnlyList<DrillEvent> Timeline { get; init; } = [];

    public IReadOnlyList<AckPoint> Acks { get; init; } = [];

    public FailoverResult? Engine { get; init; }

    public IReadOnlyList<JournalEntry> Journal { get; init; } = [];

    public ArchiveObservation? Archive { get; init; }

    public RestoreResult? Restore { get; init; }

    public int PostgresMajorVersion { get; init; }

    public string? Error { get; init; }
}
