using DrKit.Core.Estimation;
using DrKit.Core.Objectives;

namespace DrKit.Core.Planning;

/// <summary>
/// Compares an estimate with its target. Breached: an estimate exceeds its target. At risk: within target but
/// above <see cref="Assumptions.AtRiskMargin"/> of it, or resting on something with no guarantee. Met otherwise.
/// </summary>
public static class Judge
{
    public static (Verdict Verdict, string Reason) Verdict(RecoveryObjectives target, Estimate estimate)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(estimate);
        var breaches = new List<string>();
        var risks = new List<string>();

        Check("RTO", estimate.Rto, target.Rto, estimate.RtoGuaranteed, breaches, risks);
        if (target.Rpo is { } rpoTarget && estimate.Rpo is { } rpo)
        {
            Check("RPO", rpo, rpoTarget, estimate.RpoGuaranteed, breaches, risks);
        }

        if (breaches.Count > 0)
        {
            return (Planning.Verdict.Breached, string.Join("; ", breaches));
        }

        if (risks.Count > 0)
        {
            return (Planning.Verdict.AtRisk, string.Join("; ", risks.Concat(estimate.Caveats.Where(c => c.Contains("may not exist", StringComparison.Ordinal)))));
        }

        var met = $"RTO {F(estimate.Rto)} <= {F(target.Rto)}";
        if (target.Rpo is { } t && estimate.Rpo is { } r)
        {
            met = $"RPO {F(r)} <= {F(t)}, {met}";
        }

        return (Planning.Verdict.Met, met);
    }

    private static void Check(string what, TimeSpan estimate, TimeSpan target, bool guaranteed, List<string> breaches, List<string> risks)
    {
        if (estimate > target)
        {
            breaches.Add($"{what} {F(estimate)} exceeds target {F(target)}");
        }
        else if (!guaranteed)
        {
            risks.Add($"{what} {F(estimate)} is within {F(target)} but not guaranteed");
        }
        else if (estimate.Ticks > target.Ticks * Assumptions.AtRiskMargin)
        {
            risks.Add($"{what} {F(estimate)} uses over {Assumptions.AtRiskMargin:P0} of target {F(target)}");
        }
    }

    private static string F(TimeSpan t) => DurationText.Format(t);
}
