namespace DrKit.Failover;

/// <summary>
/// Controls one replicated data tier (a database, a cache): fences the old primary and promotes the recovery replica.
/// </summary>
public interface IDataPromoter
{
    /// <summary>Short name of the tier, used in journal entries and results (e.g. "postgres").</summary>
    string Name { get; }

    /// <summary>Reads reachability of both sides, replica lag and whether the replica already acts as primary.</summary>
    Task<ReplicationStatus> GetStatusAsync(CancellationToken ct);

    /// <summary>
    /// Stops the old primary from accepting writes and returns only once that is confirmed by reading it back (no new
    /// sessions, existing sessions ended). Must be idempotent. Throws when the fence cannot be confirmed (the primary's
    /// region does not answer); the engine bounds the call, records the fence as unconfirmed and decides whether to go on.
    /// </summary>
    Task FenceAsync(CancellationToken ct);

    /// <summary>Lets the old primary accept writes again; used to roll back a failed promotion.</summary>
    Task UnfenceAsync(CancellationToken ct);

    /// <summary>
    /// Promotes the recovery replica to primary and returns once it accepts writes; the engine verifies with
    /// <see cref="IsPromotedAsync"/> right after.
    /// </summary>
    Task PromoteAsync(CancellationToken ct);

    /// <summary>
    /// True when the recovery replica acts as primary or its promotion has begun, read from the real system (never
    /// from configuration DrKit wrote): a promotion in progress can no longer be undone, so it counts.
    /// </summary>
    Task<bool> IsPromotedAsync(CancellationToken ct);
}
