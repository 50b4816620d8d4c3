using DrKit.Failover;

namespace DrKit.Operations.Leases;

/// <summary>
/// A journal kept on this machine and copied, after every entry, to the operation state stores another operator
/// can reach (the recovery region's bucket), so <c>drkit failover --resume</c> continues from another machine when
/// this one is lost. Reading pulls in entries a store has that this machine lacks (the run that wrote them was
/// elsewhere) before the local journal answers, so a resumed run never repeats a step another machine completed.
/// </summary>
public sealed class MirroredFailoverJournal(FileFailoverJournal local, IReadOnlyList<IOperationStateStore> mirrors, string stack) : IFailoverJournal
{
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string operationId, CancellationToken ct)
    {
        var entries = await local.ReadAsync(operationId, ct).ConfigureAwait(false);
        foreach (var mirror in mirrors)
        {
            if (await mirror.ReadAsync(StateKeys.Journal(stack, operationId), ct).ConfigureAwait(false) is not { } doc)
            {
                continue;
            }

            var remote = doc.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FileFailoverJournal.TryParse).OfType<JournalEntry>().ToList();
            if (remote.Count > entries.Count)
            {
                foreach (var missing in remote.Skip(entries.Count))
                {
                    await local.AppendAsync(missing, ct).ConfigureAwait(false);
                }

                entries = await local.ReadAsync(operationId, ct).ConfigureAwait(false);
            }
        }

        return entries;
    }

    public async Task AppendAsync(JournalEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await local.AppendAsync(entry, ct).ConfigureAwait(false);
        var content = string.Concat((await local.ReadAsync(entry.OperationId, ct).ConfigureAwait(false)).Select(e => FileFailoverJournal.ToLine(e) + "\n"));
        foreach (var mirror in mirrors)
        {
            // Unconditional: the stack's lease makes this run the operation's only writer.
            await mirror.PutAsync(StateKeys.Journal(stack, entry.OperationId), content, ct).ConfigureAwait(false);
        }
    }
}
