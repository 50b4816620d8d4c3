namespace DrKit.Failover;

/// <summary>How a gradual traffic shift ended.</summary>
public enum GradualShiftOutcome
{
    /// <summary>Every stage ran and stayed within the error thresholds.</summary>
    Completed,

    /// <summary>A stage failed or breached a threshold; traffic went back to the previous stage and the shift stopped.</summary>
    RolledBack,

    /// <summary>The shift could not start, or going back to the previous stage failed too; see the reason.</summary>
    Failed,
}
