namespace DrKit.Failover;

/// <summary>Overall outcome of a failover run.</summary>
public enum FailoverOutcome
{
    /// <summary>Every step completed (or had completed in an earlier run of the same operation).</summary>
    Succeeded,

    /// <summary>A safety check stopped the run before anything was fenced or promoted.</summary>
    Refused,

    /// <summary>A step failed and the old primaries were restored; the recovery region did not take over.</summary>
    RolledBack,

    /// <summary>A step failed and the system could not be returned to its starting state; see the reason.</summary>
    Failed,
}
