namespace DrKit.Failover;

/// <summary>
/// One adapter call with a time limit of its own, whose failure is reported instead of thrown: a fence of an old
/// primary in a failed region, or an unfence during rollback, must not hang the run or strand the other tiers.
/// </summary>
internal static class BoundedCall
{
    public static async Task<Attempt<T>> TryAsync<T>(TimeProvider time, TimeSpan limit, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeoutCts = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        try
        {
            // WaitAsync bounds even an adapter that ignores its token (a CLI call stuck on a dead endpoint).
            return new Attempt<T>(true, await call(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false), null, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested)
        {
            return new Attempt<T>(false, default, $"timed out after {limit}", null);
        }
        catch (FailoverJournalException)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new Attempt<T>(false, default, $"{ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    public static Task<Attempt<bool>> TryAsync(TimeProvider time, TimeSpan limit, Func<CancellationToken, Task> call, CancellationToken ct) =>
        TryAsync(time, limit, async t =>
        {
            await call(t).ConfigureAwait(false);
            return true;
        }, ct);
}

/// <summary>Outcome of a <see cref="BoundedCall"/>: the value, or why there is none (and the exception, when one was thrown).</summary>
internal readonly record struct Attempt<T>(bool Succeeded, T? Value, string? Error, Exception? Fault);
