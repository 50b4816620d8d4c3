namespace DrKit.Failover;

/// <summary>Outcome of one step in a failover result or a gradual shift.</summary>
public enum StepOutcome
{
    /// <summary>Acted and verified.</summary>
    Completed,

    /// <summary>Not run because a previous run with the same operation id completed it.</summary>
    Skipped,

    /// <summary>A safety check refused the operation.</summary>
    Refused,

    /// <summary>The action or its verification failed.</summary>
    Failed,

    /// <summary>The step did not finish within its timeout.</summary>
    TimedOut,

    /// <summary>The step's effect was undone.</summary>
    RolledBack,
}
