namespace DrKit.Failover;

/// <summary>Everything a failover needs: what to promote, where to send traffic, and how to tell it worked.</summary>
public sealed record FailoverRequest
{
    /// <summary>Identifies the operation in the journal; re-running with the same id resumes instead of repeating.</summary>
    public required string OperationId { get; init; }

    /// <summary>Data tiers to fence and promote, in order.</summary>
    public required IReadOnlyList<DataTier> DataTiers { get; init; }

    /// <summary>Checks that must pass before anything changes (recovery capacity present, artifacts in place).</summary>
    public IReadOnlyList<IHealthProbe> ReadinessProbes { get; init; } = [];

    /// <summary>Compute in the recovery region.</summary>
    public required IRecoveryCapacity Capacity { get; init; }

    /// <summary>How many recovery instances must be running before traffic moves.</summary>
    public required int DesiredRunning { get; init; }

    /// <summary>Switch that moves traffic to <see cref="RecoveryRegion"/>.</summary>
    public required ITrafficSwitch TrafficSwitch { get; init; }

    /// <summary>Region that takes over.</summary>
    public required string RecoveryRegion { get; init; }

    /// <summary>Checks that must pass once traffic is on the recovery region.</summary>
    public IReadOnlyList<IHealthProbe> VerificationProbes { get; init; } = [];

    /// <summary>Per-step timeouts.</summary>
    public StepTimeouts Timeouts { get; init; } = StepTimeouts.Default;

    /// <summary>
    /// Overrides the RPO check (lag beyond target or unknown), accepting the data loss. Does not override
    /// readiness probes or capacity: failing over to a region that cannot serve helps nobody.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>Why the operator forced; required when <see cref="Force"/> is set, journaled and reported.</summary>
    public string? ForceReason { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OperationId);
        ArgumentNullException.ThrowIfNull(DataTiers);
        ArgumentNullException.ThrowIfNull(ReadinessProbes);
        ArgumentNullException.ThrowIfNull(Capacity);
        ArgumentNullException.ThrowIfNull(TrafficSwitch);
        ArgumentException.ThrowIfNullOrWhiteSpace(RecoveryRegion);
        ArgumentNullException.ThrowIfNull(VerificationProbes);
        ArgumentNullException.ThrowIfNull(Timeouts);
        ArgumentOutOfRangeException.ThrowIfNegative(DesiredRunning);
        if (DataTiers.Count == 0)
        {
            throw new ArgumentException("A failover needs at least one data tier.", nameof(DataTiers));
        }

        if (DataTiers.Select(t => t.Promoter.Name).Distinct(StringComparer.Ordinal).Count() != DataTiers.Count)
        {
            throw new ArgumentException("Data tier names must be unique.", nameof(DataTiers));
        }

        if (Force && string.IsNullOrWhiteSpace(ForceReason))
        {
            throw new ArgumentException("A forced failover must say why (ForceReason).", nameof(ForceReason));
        }
    }
}
