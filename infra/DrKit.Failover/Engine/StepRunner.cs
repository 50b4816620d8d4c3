namespace DrKit.Failover;

/// <summary>
/// Runs one step at a time with a timeout, journaling Started before acting and the outcome after, and telling the
/// observer. Shared by the failover engine and the gradual traffic shift so both journal the same way.
/// </summary>
internal sealed class StepRunner(TimeProvider time, IFailoverJournal journal, IFailoverObserver? observer, string operationId)
{
    private readonly List<StepRecord> _records = [];

    public string OperationId { get; } = operationId;

    public IReadOnlyList<StepRecord> Records => _records;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<StepRecord> RunAsync(
        string step, TimeSpan timeout, Func<StepContext, Task<StepVerdict>> action, CancellationToken ct)
    {
        var started = Now;
        // Started goes to disk before acting: a crash after acting must leave a trace for the resume to check.
        await AppendAsync(step, JournalEvent.Started, $"timeout {timeout}", ct).ConfigureAwait(false);
        Notify(o => o.StepStarted(OperationId, step, started));

        using var timeoutCts = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        var context = new StepContext(linked.Token);
        StepVerdict verdict;
        try
        {
            // WaitAsync enforces the timeout even on an adapter that ignores its token.
            verdict = await action(context).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (FailoverJournalException)
        {
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller gave up: stop like a crash would; the journal shows Started, so a re-run resumes here.
            throw;
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested)
        {
            var progress = context.Progress is null ? string.Empty : $"; last seen: {context.Progress}";
            verdict = new StepVerdict(StepOutcome.TimedOut, $"timed out after {timeout}{progress}");
        }
        catch (Exception ex)
        {
            verdict = StepVerdict.Failed($"{ex.GetType().Name}: {ex.Message}");
        }

        return await FinishAsync(step, started, verdict, ct).ConfigureAwait(false);
    }

    public async Task<StepRecord> SkipAsync(string step, string detail, CancellationToken ct)
    {
        var started = Now;
        Notify(o => o.StepStarted(OperationId, step, started));
        return await FinishAsync(step, started, new StepVerdict(StepOutcome.Skipped, detail), ct).ConfigureAwait(false);
    }

    public async Task AppendAsync(string step, JournalEvent journalEvent, string detail, CancellationToken ct)
    {
        try
        {
            await journal.AppendAsync(new JournalEntry(OperationId, step, journalEvent, Now, detail), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new FailoverJournalException($"Could not journal {journalEvent} of step {step} for operation {OperationId}.", ex);
        }
    }

    private async Task<StepRecord> FinishAsync(string step, DateTimeOffset started, StepVerdict verdict, CancellationToken ct)
    {
        await AppendAsync(step, ToJournalEvent(verdict.Outcome), verdict.Detail, ct).ConfigureAwait(false);
        var record = new StepRecord(step, started, Now, verdict.Outcome, verdict.Detail);
        _records.Add(record);
        if (IsSuccess(verdict.Outcome))
        {
            Notify(o => o.StepCompleted(OperationId, step, verdict.Outcome, record.Duration, verdict.Detail));
        }
        else
        {
            Notify(o => o.StepFailed(OperationId, step, verdict.Outcome, record.Duration, verdict.Detail));
        }

        return record;
    }

    private static bool IsSuccess(StepOutcome outcome) =>
        outcome is StepOutcome.Completed or StepOutcome.Skipped or StepOutcome.RolledBack;

    private static JournalEvent ToJournalEvent(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Completed => JournalEvent.Completed,
        StepOutcome.Skipped => JournalEvent.Skipped,
        StepOutcome.Refused => JournalEvent.Refused,
        StepOutcome.RolledBack => JournalEvent.RolledBack,
        _ => JournalEvent.Failed,
    };

    private void Notify(Action<IFailoverObserver> call)
    {
        if (observer is null)
        {
            return;
        }

        try
        {
            call(observer);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A broken progress display must never stop a failover half way (e.g. between fence and promote).
        }
    }
}
