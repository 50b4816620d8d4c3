namespace DrKit.Failover;

/// <summary>How long each failover step may take before it counts as failed and its rollback trigger fires.</summary>
public sealed record StepTimeouts
{
    /// <summary>Defaults sized for cloud APIs: promotions and compute scale-ups take minutes, checks take seconds.</summary>
    public static StepTimeouts Default { get; } = new();

    /// <summary>
    /// Bounds of the cloud failover programs, where every fence, promotion and shift may wait on a full stack update;
    /// the plan's RTO estimate holds each step's worst case against them.
    /// </summary>
    public static StepTimeouts Cloud { get; } = new()
    {
        Readiness = TimeSpan.FromMinutes(2),
        Fence = TimeSpan.FromMinutes(20),
        Promote = TimeSpan.FromMinutes(45),
        ScaleCompute = TimeSpan.FromMinutes(30),
        ShiftTraffic = TimeSpan.FromMinutes(15),
        Verify = TimeSpan.FromMinutes(10),
        Rollback = TimeSpan.FromMinutes(20),
        PollInterval = TimeSpan.FromSeconds(15),
    };

    public TimeSpan Readiness { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Tiers are fenced in parallel: one attempt's bound plus a margin for the journal and the status reads after it.</summary>
    public TimeSpan Fence { get; init; } = TimeSpan.FromMinutes(12);

    /// <summary>
    /// Bound on fencing one tier's old primary once it answered. A hard fence ends every session by rebooting the
    /// instance, and an RDS reboot takes minutes ("depends on the crash recovery process",
    /// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html): a shorter bound would leave
    /// every switchover unconfirmed. The outage case does not wait for it: the first call to a region that does not
    /// answer fails within the cloud CLI's own per-call bound, and the fence is then reported unconfirmed.
    /// </summary>
    public TimeSpan FenceAttempt { get; init; } = TimeSpan.FromMinutes(10);

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
