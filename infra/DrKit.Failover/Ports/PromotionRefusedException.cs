namespace DrKit.Failover;

/// <summary>
/// Thrown by <see cref="IDataPromoter.PromoteAsync"/> when the service definitely refused the promotion (an error
/// response naming why, e.g. RDS <c>InvalidDBInstanceState</c>), so nothing is under way. Any other failure after the
/// request may have been sent (a timeout, a killed CLI, a lost connection) leaves the promotion in doubt: the service
/// may have accepted it, so the engine never unfences the old primary of that tier.
/// </summary>
public sealed class PromotionRefusedException : Exception
{
    public PromotionRefusedException()
    {
    }

    public PromotionRefusedException(string message)
        : base(message)
    {
    }

    public PromotionRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
