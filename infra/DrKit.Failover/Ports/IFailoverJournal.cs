namespace DrKit.Failover;

/// <summary>
/// Durable, append-only record of a DR operation's steps; it is what lets a re-run after a crash resume
/// instead of repeating steps such as a promotion.
/// </summary>
public interface IFailoverJournal
{
    /// <summary>Reads all entries of one operation in the order they were appended.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(string operationId, CancellationToken ct);

    /// <summary>Appends one entry; once this returns the entry must survive a crash.</summary>
    Task AppendAsync(JournalEntry entry, CancellationToken ct);
}
