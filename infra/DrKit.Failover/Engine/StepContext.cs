namespace DrKit.Failover;

/// <summary>Handed to a step's action: the token bounding it and a place to leave progress for a timeout message.</summary>
internal sealed class StepContext(CancellationToken token)
{
    /// <summary>Cancelled when the step times out or the caller gives up.</summary>
    public CancellationToken Token { get; } = token;

    /// <summary>Last known progress; a timed-out step reports it so the operator sees what it was waiting for.</summary>
    public string? Progress { get; set; }
}
