namespace DrKit.Failover;

/// <summary>Kinds of journaled step events.</summary>
public enum JournalEvent
{
    /// <summary>The step began acting.</summary>
    Started,

    /// <summary>The step acted and its verification passed.</summary>
    Completed,

    /// <summary>The step failed or timed out.</summary>
    Failed,

    /// <summary>The step was not run again because a previous run completed it.</summary>
    Skipped,

    /// <summary>The step's effect was undone.</summary>
    RolledBack,

    /// <summary>A safety check was overridden by an operator.</summary>
    Forced,

    /// <summary>A safety check stopped the operation before it changed anything.</summary>
    Refused,
}
