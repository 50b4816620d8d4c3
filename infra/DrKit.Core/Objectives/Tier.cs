namespace DrKit.Core.Objectives;

/// <summary>Service tiers of the service tier matrix; each carries default recovery objectives.</summary>
public enum Tier
{
    Critical,
    Production,
    Standard,
    Basic,
}

public static class TierDefaults
{
    /// <summary>
    /// Default objectives per tier, from the service tier matrix in the DR seed articles:
    /// critical &lt;5 min RTO / &lt;1 min RPO; production &lt;30 min / &lt;15 min; standard &lt;4 h / &lt;1 h;
    /// basic &lt;24 h / &lt;24 h.
    /// </summary>
    public static RecoveryObjectives For(Tier tier) => tier switch
    {
        Tier.Critical => new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)),
        Tier.Production => new(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15)),
        Tier.Standard => new(TimeSpan.FromHours(4), TimeSpan.FromHours(1)),
        Tier.Basic => new(TimeSpan.FromHours(24), TimeSpan.FromHours(24)),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "unknown tier"),
    };
}
