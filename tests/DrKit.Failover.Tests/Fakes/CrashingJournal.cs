namespace DrKit.Failover.Tests.Fakes;

/// <summary>
/// Wraps a journal and fails once when asked to write one given entry: the process "dies" after the step acted but
/// before its outcome reached the disk. The inner journal keeps everything written before, like a file would.
/// </summary>
internal sealed class CrashingJournal(IFailoverJournal inner, string step, JournalEvent journalEvent) : IFailoverJournal
{
    public bool Crashed { get; private set; }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string operationId, CancellationToken ct) => inner.ReadAsync(operationId, ct);

    public Task AppendAsync(JournalEntry entry, CancellationToken ct)
    {
        if (!Crashed && entry.Step == step && entry.Event == journalEvent)
        {
            Crashed = true;
            throw new IOException($"simulated crash before journaling {journalEvent} of {step}");
        }

        return inner.AppendAsync(entry, ct);
    }
}
