namespace DrKit.Core.Readiness;

/// <summary>A policy finding as readiness weighs it (the policy pack maps its findings to this).</summary>
public sealed record ReadinessFinding(string RuleId, bool Mandatory, string Subject, string Message);

/// <summary>One tier's measured recovery in a drill, beside its targets.</summary>
public sealed record DrillTierMeasure(string Tier, TimeSpan? Rto, TimeSpan? Rpo, TimeSpan RtoTarget, TimeSpan RpoTarget)
{
    public bool Met => Rto is { } rto && rto <= RtoTarget && Rpo is { } rpo && rpo <= RpoTarget;
}

/// <summary>The stack's drill history as readiness and runbooks read it: the newest drill and the newest successful one.</summary>
/// <param name="Configured">False when the stack names no drill history file.</param>
/// <param name="LastDrill">Finish time and result of the newest drill; null when none is recorded.</param>
/// <param name="LastSuccess">Finish time of the newest successful drill; null when none succeeded.</param>
/// <param name="LastTiers">Measurements of the newest drill, when its record carries them.</param>
public sealed record DrillSummary(bool Configured, string? HistoryPath, (DateTimeOffset FinishedAt, bool Succeeded)? LastDrill, DateTimeOffset? LastSuccess, IReadOnlyList<DrillTierMeasure> LastTiers)
{
    public static DrillSummary None { get; } = new(false, null, null, null, []);
}

/// <summary>Replica lag of a data tier as read from the cloud; <paramref name="Lag"/> null when no datapoint could be read.</summary>
public sealed record LagObservation(string Component, string Region, TimeSpan? Lag, TimeSpan Rpo, string Source);

/// <summary>Reserved recovery capacity as the cloud reports it; <paramref name="Available"/> null when it could not be read.</summary>
/// <param name="Available">Instances a failover can run on the reservation: those still free plus the service's own already running in it.</param>
public sealed record CapacityObservation(string Component, string Region, int? Available, int Needed, string Source)
{
    /// <summary>Instances running in the reservation now (the service's own: DrKit's reservations are targeted).</summary>
    public int Running { get; init; }
}

/// <summary>Route 53's verdict on a region's endpoint; <paramref name="Healthy"/> null when no datapoint could be read.</summary>
public sealed record HealthObservation(string Region, bool? Healthy, string Source);

/// <summary>
/// An outage canary as Synthetics and CloudWatch report it in its home region: its state (<c>RUNNING</c> when it
/// runs; null when unreadable) and its newest SuccessPercent (null without a datapoint).
/// <paramref name="ExpectedUntilFailover"/> marks a canary whose endpoint answers nothing before a failover.
/// </summary>
public sealed record CanaryObservation(string Canary, string Region, string ProbedRegion, bool ExpectedUntilFailover, string? State, double? SuccessPercent, string Source);

/// <summary>
/// Age of the newest restorable backup in a recovery region against <paramref name="Allowed"/>, the backup-age threshold
/// its alarm uses (<see cref="Monitoring.AlarmPlanner.BackupAgeThreshold"/>); <paramref name="Age"/> null when unknown.
/// </summary>
public sealed record BackupObservation(string Component, string Region, TimeSpan? Age, TimeSpan Allowed, string Source);

/// <summary>
/// The newest datapoint a freshness probe published for one source (<c>DrKit</c> metric per stack and component, in the
/// probe's region): <paramref name="Age"/> since its timestamp, null when there is none or it could not be read
/// (<paramref name="Readable"/> false). Older than <paramref name="Allowed"/> (<see cref="Monitoring.FreshnessProbe.StaleAfter"/>)
/// means the probe stopped reporting, and its alarm breaches on missing data.
/// </summary>
public sealed record ProbeObservation(string Component, string Region, string Metric, TimeSpan? Age, TimeSpan Allowed, bool Readable, string Source);

/// <summary>
/// The stack's alarm actions in one region as CloudWatch's alarm history records them: how many ran
/// (<paramref name="Actions"/>) and failed (<paramref name="Failed"/>) within <see cref="ReadinessScorer.AlarmActionWindow"/>;
/// both null when the history could not be read. A failed action is an alarm CloudWatch could not publish (for an
/// encrypted topic, usually a key policy that does not admit it).
/// </summary>
public sealed record AlarmActionObservation(string Region, int? Actions, int? Failed, string Source);

/// <summary>
/// Confirmed subscriptions of one alarm topic ("region/severity") as SNS lists them; <paramref name="Confirmed"/> null
/// when they could not be read. A subscription still pending confirmation delivers nothing.
/// </summary>
public sealed record AlertObservation(string Topic, int? Confirmed, string Source);

/// <summary>
/// One direction of a WAL archive's S3 replication (<see cref="Platforms.Kubernetes.ArchiveReplication"/>) as S3 reports
/// it: <paramref name="Problems"/> empty when it replicates as the plan assumes, null when it could not be read.
/// </summary>
public sealed record ArchiveObservation(string Subject, IReadOnlyList<string>? Problems, string Source);

/// <summary>What could be read from a deployed stack and the cloud. Null means not read at all (offline).</summary>
public sealed record LiveReadings(
    IReadOnlyList<LagObservation> Lag,
    IReadOnlyList<CapacityObservation> Capacity,
    IReadOnlyList<HealthObservation> Health,
    IReadOnlyList<BackupObservation> Backups)
{
    /// <summary>What the live read found not applicable, and why (a promoted writer has no lag; an idle pilot-light endpoint is not scored).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Subscriptions of the critical and high alarm topics.</summary>
    public IReadOnlyList<AlertObservation> Alerts { get; init; } = [];

    /// <summary>The outage canaries, read in their home regions.</summary>
    public IReadOnlyList<CanaryObservation> Canaries { get; init; } = [];

    /// <summary>The freshness probes' newest datapoints, read in the probes' regions.</summary>
    public IReadOnlyList<ProbeObservation> Probes { get; init; } = [];

    /// <summary>The stack's alarm actions per alarm region, from CloudWatch's alarm history.</summary>
    public IReadOnlyList<AlarmActionObservation> AlarmActions { get; init; } = [];

    /// <summary>Each direction of the WAL archives' S3 replication.</summary>
    public IReadOnlyList<ArchiveObservation> Archives { get; init; } = [];
}
