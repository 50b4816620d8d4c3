using DrKit.Core.Input;

namespace DrKit.Failover;

/// <summary>What earlier runs of an operation left in the journal, read once at the start of a run.</summary>
internal sealed class JournalHistory
{
    private readonly IReadOnlyList<JournalEntry> _entries;

    private JournalHistory(IReadOnlyList<JournalEntry> entries) => _entries = entries;

    public static async Task<JournalHistory> LoadAsync(IFailoverJournal journal, string operationId, CancellationToken ct)
    {
        try
        {
            return new JournalHistory(await journal.ReadAsync(operationId, ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (InputLimitException)
        {
            // A journal over its limits is bad input the operator must see as such, not a failed run.
            throw;
        }
        catch (Exception ex)
        {
            throw new FailoverJournalException($"Could not read the journal of operation {operationId}.", ex);
        }
    }

    /// <summary>
    /// A step is done when its last outcome entry is Completed or Skipped; a later RolledBack (an unfenced
    /// primary) or Failed makes it due again.
    /// </summary>
    public bool IsDone(string step) =>
        LastOutcome(step)?.Event is JournalEvent.Completed or JournalEvent.Skipped;

    /// <summary>When the step was originally completed, for the Skipped detail.</summary>
    public DateTimeOffset? CompletedAt(string step) =>
        _entries.LastOrDefault(e => e.Step == step && e.Event == JournalEvent.Completed)?.Timestamp;

    /// <summary>Detail of the last Forced entry (the operator's reason), when an earlier run forced.</summary>
    public string? ForcedDetail => _entries.LastOrDefault(e => e.Event == JournalEvent.Forced)?.Detail;

    /// <summary>Whether an earlier run confirmed the fence of <paramref name="tier"/> (and nothing undid it since).</summary>
    public bool FenceConfirmed(string tier) => LastOutcome(FailoverSteps.Fence + ":" + tier)?.Event == JournalEvent.Completed;

    /// <summary>Tiers whose fence an earlier run could not confirm, with why.</summary>
    public IReadOnlyList<string> UnconfirmedFences(IEnumerable<string> tiers) =>
        [.. tiers.Select(t => (Tier: t, Last: LastOutcome(FailoverSteps.Fence + ":" + t)))
            .Where(t => t.Last?.Event == JournalEvent.Failed).Select(t => $"{t.Tier} ({t.Last!.Detail})")];

    /// <summary>Tiers whose promotion an earlier run requested without a definite answer (it crashed or timed out meanwhile).</summary>
    public IEnumerable<string> PromotionsInDoubt(IEnumerable<string> tiers) =>
        tiers.Where(t => _entries.LastOrDefault(e => e.Step == FailoverSteps.Promote + ":" + t)?.Event == JournalEvent.Started);

    private JournalEntry? LastOutcome(string step) =>
        _entries.LastOrDefault(e => e.Step == step && e.Event is not (JournalEvent.Started or JournalEvent.Forced));
}
