using DrKit.Failover;

namespace DrKit.Operations.Programs;

/// <summary>
/// Runs a program's own steps (those outside the failover engine) with timing, progress and a record each,
/// reporting through the same observer the engine uses so one progress view shows everything.
/// </summary>
internal sealed class ProgramRunner(TimeProvider time, IFailoverObserver? observer, string operationId)
{
    private readonly List<StepRecord> _records = [];

    public IReadOnlyList<StepRecord> Records => _records;

    public void Add(IEnumerable<StepRecord> records) => _records.AddRange(records);

    /// <summary>Runs one step; its exception propagates after the step is recorded as failed.</summary>
    public async Task<T> RunAsync<T>(string step, Func<Task<(T Value, string Detail)>> action)
    {
        var started = time.GetUtcNow();
        Notify(o => o.StepStarted(operationId, step, started));
        try
        {
            var (value, detail) = await action().ConfigureAwait(false);
            Finish(step, started, StepOutcome.Completed, detail);
            return value;
        }
        catch (Exception ex)
        {
            Finish(step, started, StepOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}");
            throw;
        }
    }

    public async Task RunAsync(string step, Func<Task<string>> action) =>
        await RunAsync<bool>(step, async () => (true, await action().ConfigureAwait(false))).ConfigureAwait(false);

    /// <summary>Records a step that refused or failed without throwing.</summary>
    public void Record(string step, StepOutcome outcome, string detail) => Finish(step, time.GetUtcNow(), outcome, detail);

    private void Finish(string step, DateTimeOffset started, StepOutcome outcome, string detail)
    {
        var record = new StepRecord(step, started, time.GetUtcNow(), outcome, detail);
        _records.Add(record);
        if (outcome is StepOutcome.Completed or StepOutcome.Skipped or StepOutcome.RolledBack)
        {
            Notify(o => o.StepCompleted(operationId, step, outcome, record.Duration, detail));
        }
        else
        {
            Notify(o => o.StepFailed(operationId, step, outcome, record.Duration, detail));
        }
    }

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
            // Progress display must never break an operation half way.
        }
    }
}
