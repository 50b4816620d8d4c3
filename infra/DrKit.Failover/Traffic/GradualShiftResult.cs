namespace DrKit.Failover;

/// <summary>Result of a gradual traffic shift.</summary>
/// <param name="OperationId">Journal operation id.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="PercentOnTarget">Traffic share on the target region the shift left in place; null when unknown (starting point unreadable or rollback failed).</param>
/// <param name="BaselineErrorRate">Error rate before the first stage; null when it could not be read.</param>
/// <param name="Steps">Baseline, each stage run, and the rollback when one happened.</param>
/// <param name="Elapsed">Total time.</param>
/// <param name="Reason">Why it stopped early; null when completed.</param>
public sealed record GradualShiftResult(
    string OperationId,
    GradualShiftOutcome Outcome,
    int? PercentOnTarget,
    double? BaselineErrorRate,
    IReadOnlyList<StepRecord> Steps,
    TimeSpan Elapsed,
    string? Reason);
