namespace DrKit.Failover;

/// <summary>One journaled event of one step of a DR operation.</summary>
/// <param name="OperationId">Identifies the operation; a re-run with the same id resumes it.</param>
/// <param name="Step">Step name (e.g. "Promote", or "Promote:postgres" for a per-tier entry).</param>
/// <param name="Event">What happened.</param>
/// <param name="Timestamp">When it happened, from the engine's <see cref="TimeProvider"/>.</param>
/// <param name="Detail">Human-readable detail.</param>
public sealed record JournalEntry(string OperationId, string Step, JournalEvent Event, DateTimeOffset Timestamp, string Detail);
