using DrKit.Failover;
using DrKit.Operations.Drills;

namespace DrKit.Operations.Programs;

/// <summary>How a DR operation program ended.</summary>
public enum OperationOutcome
{
    Succeeded,

    /// <summary>A safety check stopped it before anything changed.</summary>
    Refused,

    /// <summary>A stage failed and was undone.</summary>
    RolledBack,

    /// <summary>It ran to the end but a measured figure missed its target (drills).</summary>
    Missed,

    Failed,
}

/// <summary>Maps the engine's outcome onto a program's.</summary>
public static class OperationOutcomes
{
    public static OperationOutcome Of(FailoverOutcome outcome) => outcome switch
    {
        FailoverOutcome.Succeeded => OperationOutcome.Succeeded,
        FailoverOutcome.Refused => OperationOutcome.Refused,
        FailoverOutcome.RolledBack => OperationOutcome.RolledBack,
        _ => OperationOutcome.Failed,
    };
}

/// <summary>What a program did: its steps in order, timing, and the engine's own result when it ran.</summary>
public sealed record OperationResult(
    string Program,
    string Stack,
    string OperationId,
    OperationOutcome Outcome,
    IReadOnlyList<StepRecord> Steps,
    TimeSpan Elapsed,
    string Summary)
{
    public bool Succeeded => Outcome == OperationOutcome.Succeeded;

    /// <summary>Failover: time from start to verified service in the recovery region.</summary>
    public TimeSpan? MeasuredRto { get; init; }

    public FailoverResult? Failover { get; init; }

    public GradualShiftResult? Shift { get; init; }

    public DrillRecord? Drill { get; init; }
}
