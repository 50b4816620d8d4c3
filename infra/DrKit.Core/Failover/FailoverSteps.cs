namespace DrKit.Failover;

/// <summary>
/// Names, order and shape of the failover steps: the one model of a failover that both the engine
/// (<c>DrKit.Failover.FailoverEngine</c> walks <see cref="Ordered"/>) and the plan's RTO estimate
/// (<c>DrKit.Core.Estimation.FailoverTimeline</c> composes <see cref="Plan"/>) use, so a plan and the program it promises
/// cannot drift. It lives in the Pulumi-free core because the estimator may not reference the engine; it keeps the
/// engine's namespace so the engine, the programs and their callers read it as before.
/// </summary>
public static class FailoverSteps
{
    public const string Readiness = "Readiness";
    public const string Fence = "Fence";
    public const string Promote = "Promote";
    public const string ScaleCompute = "ScaleCompute";
    public const string ShiftTraffic = "ShiftTraffic";
    public const string Verify = "Verify";
    public const string Report = "Report";

    /// <summary>Not part of the normal order: undoing a failed fence or promotion.</summary>
    public const string Rollback = "Rollback";

    /// <summary>
    /// Not an engine step: the failover program flips each parameter-switched model-provider chain inside
    /// <see cref="ShiftTraffic"/>, just before the routing controls move, so its time counts in that step.
    /// </summary>
    public const string SwitchModelProvider = "SwitchModelProvider";

    /// <summary>The fixed order in which a failover runs its steps.</summary>
    public static IReadOnlyList<string> Ordered { get; } = [Readiness, Fence, Promote, ScaleCompute, ShiftTraffic, Verify, Report];

    /// <summary>
    /// The steps a failover with <paramref name="timeouts"/> runs, in order, with their bounds. Tiers are fenced all at
    /// once (each fence may take a reboot) and promoted one after the other (each promotion is verified before the next
    /// tier is touched), so per-tier promotion time adds up.
    /// </summary>
    public static IReadOnlyList<PlannedStep> Plan(StepTimeouts timeouts)
    {
        ArgumentNullException.ThrowIfNull(timeouts);
        return [.. Ordered.Select((step, i) => new PlannedStep(
            step, i + 1, timeouts.For(step), PerTier: step is Fence or Promote, TiersInParallel: step == Fence,
            PerTierTimeout: step == Fence ? timeouts.FenceAttempt : null))];
    }
}
