using DrKit.Core.Objectives;

namespace DrKit.Core.Model;

/// <summary>
/// How a stack's estimates are made (<c>drkit:estimates</c>): the time from detection to a declared failover for each
/// tier, and whether step times measured by the stack's drills replace DrKit's assumptions.
/// </summary>
/// <param name="DecisionTime">Detection-to-decision time per tier; tiers not listed take <see cref="DefaultDecision"/>.</param>
/// <param name="DecisionConfigured">Tiers whose decision time the stack set itself.</param>
/// <param name="UseMeasured">True when <c>calibration: measured</c>: drill-measured step times replace assumptions.</param>
public sealed record EstimateSettings(IReadOnlyDictionary<Tier, TimeSpan> DecisionTime, IReadOnlySet<Tier> DecisionConfigured, bool UseMeasured)
{
    /// <summary>No decision times set, assumptions as they are.</summary>
    public static EstimateSettings Default { get; } = new(new Dictionary<Tier, TimeSpan>(), new HashSet<Tier>(), false);

    /// <summary>
    /// Assumed (DrKit) time for an operator to confirm a regional outage and declare a failover once alerted: DrKit's
    /// failover is declared, never automatic, and AWS leaves the Global Datastore switch to the operator
    /// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html). Tighter tiers are
    /// assumed to have a paged on-call with a pre-approved runbook.
    /// </summary>
    public static TimeSpan DefaultDecision(Tier tier) => tier switch
    {
        Tier.Critical => TimeSpan.FromMinutes(5),
        Tier.Production => TimeSpan.FromMinutes(10),
        Tier.Standard => TimeSpan.FromMinutes(30),
        _ => TimeSpan.FromHours(1),
    };

    /// <summary>The decision time of <paramref name="tier"/>.</summary>
    public TimeSpan Decision(Tier tier) => DecisionTime.TryGetValue(tier, out var t) ? t : DefaultDecision(tier);

    /// <summary>"drkit:estimates.decisionTime.production" when the stack set it, else a note that DrKit's default applies.</summary>
    public string DecisionSource(Tier tier) => DecisionConfigured.Contains(tier)
        ? $"drkit:estimates.decisionTime.{Names.Of(tier)}"
        : $"DrKit default for {Names.Of(tier)} (set drkit:estimates.decisionTime.{Names.Of(tier)})";
}
