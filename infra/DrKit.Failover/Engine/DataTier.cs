namespace DrKit.Failover;

/// <summary>A replicated data tier taking part in a failover, with the data loss it may tolerate.</summary>
/// <param name="Promoter">Adapter that fences and promotes this tier.</param>
/// <param name="RpoTarget">Largest replica lag that may be lost by promoting; larger lag refuses the failover unless forced.</param>
public sealed record DataTier(IDataPromoter Promoter, TimeSpan RpoTarget)
{
    /// <summary>Judges a switchover's catch-up on WAL positions; without it the engine waits for the promoter's lag to read 0.</summary>
    public ISwitchoverCatchUp? CatchUp { get; init; }
}
