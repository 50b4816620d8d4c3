namespace DrKit.Failover;

/// <summary>How long each failover step may take before it counts as failed and its rollback trigger fires.</summary>
public sealed record StepTimeouts
{
    /// <summary>Defaults sized for cloud APIs: promotions and compute scale-ups take minutes, checks take seconds.</summary>
    public static StepTimeouts Default { get; } = new();

    public TimeSpan Readiness { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan Fence { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Bound on fencing one tier's old primary. The fence is best effort: in a regional outage the old primary does not
    /// answer, and waiting longer would only add to the RTO. An unconfirmed fence is reported, not waited on.
    /// </summary>
    public TimeSpan FenceAttempt { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan Promote { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ScaleCompute { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan ShiftTraffic { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Verify { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Report { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on undoing a failed fence or promotion (unfencing the old primary).</summary>
    public TimeSpan Rollback { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pause between re-checks while waiting for compute to start or verification probes to turn healthy.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of a named step from <see cref="FailoverSteps"/>.</summary>
    public TimeSpan For(string step) => step switch
    {
        FailoverSteps.Readiness => Readiness,
        FailoverSteps.Fence => Fence,
        FailoverSteps.Promote => Promote,
        FailoverSteps.ScaleCompute => ScaleCompute,
        FailoverSteps.ShiftTraffic => ShiftTraffic,
        FailoverSteps.Verify => Verify,
        FailoverSteps.Report => Report,
        FailoverSteps.Rollback => Rollback,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown failover step."),
    };
}
