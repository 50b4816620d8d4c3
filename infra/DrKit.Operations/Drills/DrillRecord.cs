namespace DrKit.Operations.Drills;

/// <summary>Overall judgement of a cloud drill; the same words local drills use, so one history reads both.</summary>
public enum CloudDrillVerdict
{
    /// <summary>Every measured figure is within its target.</summary>
    Met,

    /// <summary>The drill recovered but a figure exceeded its target or could not be measured.</summary>
    Missed,

    /// <summary>A safety check stopped the drill before it created anything.</summary>
    Refused,

    /// <summary>The recovery itself failed (deployment error, probes never passed, cancelled).</summary>
    Failed,
}

/// <summary>The stack a drill rehearsed; named like the local drills' spec so history readers find it in one place.</summary>
public sealed record DrillRecordSpec(string StackName, string Mode);

/// <summary>Objectives of one measured tier.</summary>
public sealed record DrillTierTargets(TimeSpan Rpo, TimeSpan Rto);

/// <summary>
/// Measured recovery of one data component. Same member names as local drills' tier measurements; a cloud drill
/// cannot count individual writes, so <see cref="LostWrites"/> and <see cref="AckedBeforeFailure"/> are zero and
/// <see cref="RpoSeconds"/> is the age of the recovered data when recovery began.
/// </summary>
public sealed record DrillTierRecord(
    string Tier,
    DrillTierTargets Targets,
    TimeSpan? Rto,
    long LostWrites,
    TimeSpan RpoSeconds,
    long AckedBeforeFailure)
{
    /// <summary>Which path the RPO figure measures: "restore" (backup age when read), "replication" (lag at drill start) or "archive freshness".</summary>
    public string Path { get; init; } = "restore";

    /// <summary>Why the RPO target is what it is.</summary>
    public string? Basis { get; init; }

    /// <summary>Why the path missed whatever its figure (failed S3 operations, an image that failed to replicate); null when it did not.</summary>
    public string? Missed { get; init; }

    /// <summary>What was read, in words (e.g. an idle bucket's "no traffic in the last hour").</summary>
    public string? Note { get; init; }

    public bool RtoMet => Rto is { } rto && rto <= Targets.Rto;

    public bool RpoMet => Missed is null && RpoSeconds <= Targets.Rpo;
}

/// <summary>Something a drill did not measure for a tier, and why.</summary>
public sealed record DrillGapRecord(string Tier, string Reason);

/// <summary>One point of the drill timeline (a program step).</summary>
public sealed record DrillTimelineEvent(DateTimeOffset At, string Kind, string Name, string Detail);

/// <summary>
/// Everything a cloud drill measured. Written to the drill history as one JSON line with the member names local
/// drills use (DrillId, Spec.StackName, StartedAt, FinishedAt, Verdict, Summary, Tiers, Timeline), so the local
/// drill history reader and the drill-age policy rule read cloud drills too.
/// </summary>
public sealed record DrillRecord
{
    public const string CloudKind = "cloud";

    public required string DrillId { get; init; }

    public string Kind { get; init; } = CloudKind;

    public required DrillRecordSpec Spec { get; init; }

    /// <summary>The ephemeral stack the drill recovered into.</summary>
    public required string DrillStack { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The simulated disaster: when the first recovery point was read (restore-path RPOs count from each tier's read); RTO counts from the deploy.</summary>
    public DateTimeOffset? FailureInjectedAt { get; init; }

    public required CloudDrillVerdict Verdict { get; init; }

    public required string Summary { get; init; }

    /// <summary>Measured RTO: deploy start to the service reporting every restored copy available.</summary>
    public TimeSpan? Rto { get; init; }

    public TimeSpan RtoTarget { get; init; }

    public IReadOnlyList<DrillTierRecord> Tiers { get; init; } = [];

    /// <summary>Components whose recovery point the drill stack did not report; their RPO is unknown.</summary>
    public IReadOnlyList<string> Unmeasured { get; init; } = [];

    /// <summary>Each figure not measured, with why; any keeps the verdict from <see cref="CloudDrillVerdict.Met"/>.</summary>
    public IReadOnlyList<DrillGapRecord> Gaps { get; init; } = [];

    public IReadOnlyList<DrillTimelineEvent> Timeline { get; init; } = [];

    /// <summary>Whether the drill stack was destroyed and removed.</summary>
    public bool TornDown { get; init; }

    public string? Error { get; init; }
}
