namespace DrKit.Failover;

/// <summary>A journal kept in memory: for tests and dry runs; it does not survive a process crash.</summary>
public sealed class InMemoryFailoverJournal : IFailoverJournal
{
    private readonly List<JournalEntry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>All entries of all operations, in append order.</summary>
    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string operationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<JournalEntry> result = [.. _entries.Where(e => e.OperationId == operationId)];
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(JournalEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _entries.Add(entry);
        }

        return Task.CompletedTask;
    }
}
