namespace DrKit.Operations.Leases;

/// <summary>A lease this process holds, in each store it was taken in.</summary>
public sealed record HeldLease(OperationLease Lease, IReadOnlyList<IOperationStateStore> Stores, string? TookOver);

/// <summary>The outcome of asking for a stack's lease: held, or refused with the holder named.</summary>
public sealed record LeaseOutcome(HeldLease? Held, OperationLease? Holder, string Message)
{
    public bool Acquired => Held is not null;
}

/// <summary>
/// Takes and releases a stack's lease in every store an operation uses (this machine's, and the recovery
/// region's when the stack names one); the programs call it at their start and end. A lease refused by any
/// store is released from the stores that granted it, so a refusal leaves nothing behind.
/// </summary>
public sealed class OperationLeases(IReadOnlyList<IOperationStateStore> stores, Func<int, DateTimeOffset?, bool>? runsHere = null)
{
    private readonly Func<int, DateTimeOffset?, bool> _runsHere = runsHere ?? ProcessRunsHere;

    public IReadOnlyList<IOperationStateStore> Stores => stores;

    /// <summary>The lease on <paramref name="stack"/> as the first store that has one records it.</summary>
    public async Task<OperationLease?> HolderAsync(string stack, CancellationToken ct)
    {
        foreach (var store in stores)
        {
            if (await store.ReadAsync(StateKeys.Lease(stack), ct).ConfigureAwait(false) is { } doc)
            {
                return OperationLease.FromJson(doc.Content);
            }
        }

        return null;
    }

    public async Task<LeaseOutcome> AcquireAsync(OperationLease wanted, bool takeOver, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var key = StateKeys.Lease(wanted.Stack);
        var granted = new List<IOperationStateStore>();
        string? tookOver = null;
        foreach (var store in stores)
        {
            var (ok, holder, message) = await AcquireOneAsync(store, key, wanted, takeOver, ct).ConfigureAwait(false);
            if (!ok)
            {
                foreach (var g in granted)
                {
                    await g.DeleteAsync(key, ct).ConfigureAwait(false);
                }

                return new LeaseOutcome(null, holder, message ?? $"stack {wanted.Stack} is held. Nothing was changed.");
            }

            tookOver ??= string.IsNullOrEmpty(message) ? null : message;
            granted.Add(store);
        }

        return new LeaseOutcome(new HeldLease(wanted, granted, tookOver), null, tookOver ?? $"lease on {wanted.Stack} taken");
    }

    /// <summary>Releases the lease where it is still ours; a lease taken over meanwhile is left to its new holder.</summary>
    public async Task ReleaseAsync(HeldLease held, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(held);
        var key = StateKeys.Lease(held.Lease.Stack);
        foreach (var store in held.Stores)
        {
            if (await store.ReadAsync(key, ct).ConfigureAwait(false) is { } doc && OperationLease.FromJson(doc.Content) is { } current && current.SameHolder(held.Lease))
            {
                await store.DeleteAsync(key, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task<(bool Ok, OperationLease? Holder, string? Message)> AcquireOneAsync(IOperationStateStore store, string key, OperationLease wanted, bool takeOver, CancellationToken ct)
    {
        if (await store.CreateAsync(key, wanted.ToJson(), ct).ConfigureAwait(false))
        {
            return (true, null, null);
        }

        if (await store.ReadAsync(key, ct).ConfigureAwait(false) is not { } doc)
        {
            // Released between our create and read: one more try, then report the contention.
            return await store.CreateAsync(key, wanted.ToJson(), ct).ConfigureAwait(false)
                ? (true, null, null)
                : (false, null, $"the lease on {wanted.Stack} at {store.Where} keeps changing; another operation is starting. Nothing was changed.");
        }

        if (OperationLease.FromJson(doc.Content) is not { } holder)
        {
            return (false, null, $"the lease on {wanted.Stack} at {store.Where}{key} is not a DrKit lease; remove it by hand once you know whose it is. Nothing was changed.");
        }

        var decision = LeaseRules.Decide(holder, wanted, takeOver, _runsHere);
        if (!decision.TakeOver)
        {
            return (false, holder, decision.Message);
        }

        return await store.ReplaceAsync(key, wanted.ToJson(), doc.Version, ct).ConfigureAwait(false)
            ? (true, holder, decision.Message)
            : (false, holder, $"stack {wanted.Stack}: someone else took the lease over first at {store.Where}. Nothing was changed.");
    }

    private static bool ProcessRunsHere(int pid, DateTimeOffset? startedAt)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return startedAt is null || Math.Abs((new DateTimeOffset(process.StartTime.ToUniversalTime()) - startedAt.Value).TotalSeconds) < 1;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
