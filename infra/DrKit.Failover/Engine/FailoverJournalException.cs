namespace DrKit.Failover;

/// <summary>
/// The journal could not be read or written. The engine stops at once, like a crash: acting without a journal
/// could make a later resume repeat a promotion.
/// </summary>
public sealed class FailoverJournalException : Exception
{
    public FailoverJournalException()
    {
    }

    public FailoverJournalException(string message)
        : base(message)
    {
    }

    public FailoverJournalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
