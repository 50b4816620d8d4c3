using DrKit.Core.Estimation;
using DrKit.Core.Objectives;

namespace DrKit.Core.Planning;

/// <summary>
/// Compares an estimate with its target on its worst case. Breached: the worst case (or the typical one) exceeds the
/// target, and the reason says when only the typical case meets it. At risk: the worst case is unbounded, or uses more
/// than <see cref="Assumptions.AtRiskMargin"/> of the target. Met otherwise.
/// </summary>
public static class Judge
{
    public static (Verdict Verdict, string Reason) Verdict(RecoveryObjectives target, Estimate estimate)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(estimate);
        var breaches = new List<string>();
        var risks = new List<string>();

        Check("RTO", estimate.TypicalRto, estimate.Rto, estimate.RtoGuaranteed, estimate.RtoUnbounded, target.Rto, breaches, risks);
        if (target.Rpo is { } rpoTarget && estimate.Rpo is { } rpo)
        {
            Check("RPO", estimate.TypicalRpo ?? rpo, rpo, estimate.RpoGuaranteed, estimate.RpoUnbounded, rpoTarget, breaches, risks);
        }

        if (breaches.Count > 0)
        {
            return (Planning.Verdict.Breached, string.Join("; ", breaches));
        }

        if (risks.Count > 0)
        {
            return (Planning.Verdict.AtRisk, string.Join("; ", risks.Concat(estimate.Caveats.Where(c => c.Contains("may not exist", StringComparison.Ordinal)))));
        }

        var met = $"RTO worst {F(estimate.Rto)} <= {F(target.Rto)}";
        if (target.Rpo is { } t && estimate.Rpo is { } r)
        {
            met = $"RPO worst {F(r)} <= {F(t)}, {met}";
        }

        return (Planning.Verdict.Met, met);
    }

    private static void Check(string what, TimeSpan typical, TimeSpan worst, bool bounded, string? unbounded, TimeSpan target, List<string> breaches, List<string> risks)
    {
        if (typical > target)
        {
            breaches.Add($"{what} typical {F(typical)} exceeds target {F(target)}");
        }
        else if (!bounded)
        {
            risks.Add($"{what} typical {F(typical)} is within {F(target)} but the worst case is unbounded ({Short(unbounded)}): only the typical case meets it");
        }
        else if (worst > target)
        {
            breaches.Add($"{what} worst {F(worst)} exceeds target {F(target)}; only the typical case ({F(typical)}) meets it");
        }
        else if (worst.Ticks > target.Ticks * Assumptions.AtRiskMargin)
        {
            risks.Add($"{what} worst {F(worst)} uses over {Assumptions.AtRiskMargin:P0} of target {F(target)}");
        }
    }

    private static string F(TimeSpan t) => DurationText.Format(t);

    /// <summary>The reason without its citation: the table cell stays short, the details keep the source.</summary>
    private static string Short(string? reason) => reason is null ? "no guarantee" : reason.Split(" (", 2)[0];
}
