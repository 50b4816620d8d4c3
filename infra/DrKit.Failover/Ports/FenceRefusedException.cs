namespace DrKit.Failover;

/// <summary>
/// Thrown by <see cref="IDataPromoter.FenceAsync"/> when the old primary's side answered and refused the fence (an
/// admission webhook's denial, a missing permission, an invalid request): unlike silence, which may mean the region is
/// lost, a refusal proves that side is reachable and still the writer. The engine then stops before any promotion,
/// forced or not, because promoting would leave two writers.
/// </summary>
public sealed class FenceRefusedException : Exception
{
    public FenceRefusedException()
    {
    }

    public FenceRefusedException(string message)
        : base(message)
    {
    }

    public FenceRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
