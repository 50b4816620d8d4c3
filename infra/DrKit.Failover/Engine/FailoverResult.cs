namespace DrKit.Failover;

/// <summary>Result of one failover run.</summary>
/// <param name="OperationId">The operation this run belongs to.</param>
/// <param name="Outcome">Overall outcome.</param>
/// <param name="Steps">Steps this run went through, in order, including a rollback when one happened.</param>
/// <param name="Forced">Whether the RPO check was overridden (in this run or an earlier run of the operation).</param>
/// <param name="ForceReason">The operator's reason for forcing, when forced.</param>
/// <param name="Elapsed">Total time of this run.</param>
/// <param name="PromotedTiers">Names of data tiers whose recovery replica acts as primary at the end of the run.</param>
/// <param name="Reason">Why the run was refused or failed; null on success.</param>
public sealed record FailoverResult(
    string OperationId,
    FailoverOutcome Outcome,
    IReadOnlyList<StepRecord> Steps,
    bool Forced,
    string? ForceReason,
    TimeSpan Elapsed,
    IReadOnlyList<string> PromotedTiers,
    string? Reason)
{
    /// <summary>
    /// Tiers whose old primary could not be confirmed fenced (unreachable region, timed out), with why. They may still
    /// take writes that the promoted side never sees; reports show this list prominently.
    /// </summary>
    public IReadOnlyList<string> UnconfirmedFences { get; init; } = [];

    /// <summary>Shortcut for <see cref="Outcome"/> being <see cref="FailoverOutcome.Succeeded"/>.</summary>
    public bool Succeeded => Outcome == FailoverOutcome.Succeeded;
}
