namespace DrKit.Failover;

/// <summary>
/// Undoes a failed fence or promotion so that every data tier keeps a primary: a tier whose replica did not become
/// primary gets its old primary unfenced. Each call has its own timeout so one hung tier cannot strand the others.
/// </summary>
internal sealed class PrimaryRestorer(TimeProvider time, TimeSpan callTimeout)
{
    public async Task<RollbackReport> RestoreAsync(IReadOnlyList<DataTier> tiers, StepContext context)
    {
        List<string> restored = [], promoted = [], noPrimary = [], unknown = [];
        foreach (var tier in tiers)
        {
            var promoter = tier.Promoter;
            context.Progress = $"restoring {promoter.Name}";
            var isPromoted = await TryAsync(promoter.IsPromotedAsync, context.Token).ConfigureAwait(false);
            if (isPromoted.Value)
            {
                promoted.Add(promoter.Name);
                continue;
            }

            if (!isPromoted.Succeeded)
            {
                // Unfencing while the replica may already be primary would risk two primaries taking writes.
                unknown.Add($"{promoter.Name} ({isPromoted.Error})");
                continue;
            }

            var status = await TryAsync(promoter.GetStatusAsync, context.Token).ConfigureAwait(false);
            if (status.Value is not { PrimaryReachable: true })
            {
                noPrimary.Add($"{promoter.Name} (old primary unreachable{Suffix(status.Error)})");
                continue;
            }

            var unfenced = await TryAsync(
                async t => { await promoter.UnfenceAsync(t).ConfigureAwait(false); return true; },
                context.Token).ConfigureAwait(false);
            if (unfenced.Succeeded)
            {
                restored.Add(promoter.Name);
            }
            else
            {
                noPrimary.Add($"{promoter.Name} (unfence failed: {unfenced.Error})");
            }
        }

        return new RollbackReport(restored, promoted, noPrimary, unknown);
    }

    private static string Suffix(string? error) => error is null ? string.Empty : $": {error}";

    private async Task<Attempt<T>> TryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeoutCts = new CancellationTokenSource(callTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        try
        {
            return new Attempt<T>(true, await call(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested)
        {
            return new Attempt<T>(false, default, $"timed out after {callTimeout}");
        }
        catch (Exception ex)
        {
            return new Attempt<T>(false, default, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private readonly record struct Attempt<T>(bool Succeeded, T? Value, string? Error);
}
