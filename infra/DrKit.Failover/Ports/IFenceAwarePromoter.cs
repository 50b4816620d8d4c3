namespace DrKit.Failover;

/// <summary>
/// A promoter whose promotion itself differs by whether the old primary's fence was confirmed, e.g. Azure's planned
/// switchover when the primary answered and forced promotion when it did not. The engine passes the outcome it holds:
/// this run's fence, or the journaled one of the run it resumes (the fence is never re-run on resume). So the choice
/// never depends on which calls happened to run in this process, nor on <c>--force</c>, which overrides checks, not
/// what the old primary answered.
/// </summary>
public interface IFenceAwarePromoter
{
    /// <summary>Promotes knowing whether the fence of this tier was confirmed (the old primary answered as primary).</summary>
    Task PromoteAsync(bool fenceConfirmed, CancellationToken ct);
}
