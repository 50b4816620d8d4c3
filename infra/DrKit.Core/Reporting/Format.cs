using System.Globalization;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Reporting;

/// <summary>Shared spellings for plan figures in every human-facing format.</summary>
public static class Format
{
    public static string Duration(TimeSpan? value) => value is { } v ? DurationText.Format(v) : "n/a";

    public static string Cost(double factor) => factor.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Verdict(Verdict verdict) => verdict switch
    {
        Planning.Verdict.Met => "met",
        Planning.Verdict.AtRisk => "at risk",
        _ => "breached",
    };

    public static string VerdictIcon(Verdict verdict) => verdict switch
    {
        Planning.Verdict.Met => "✅",
        Planning.Verdict.AtRisk => "⚠️",
        _ => "❌",
    };

    /// <summary>Estimate with a note when the mechanism gives no guarantee.</summary>
    public static string Estimate(TimeSpan? value, bool guaranteed) => Duration(value) + (value is not null && !guaranteed ? " (no guarantee)" : string.Empty);

    /// <summary>"typical-worst" ("5m-12m", "5s-unbounded", or one figure when both agree); "n/a" without one.</summary>
    public static string Range(TimeSpan? typical, TimeSpan? worst, bool bounded) => typical is not { } t
        ? "n/a"
        : !bounded ? $"{DurationText.Format(t)}-unbounded" : worst is not { } w || w == t ? DurationText.Format(t) : $"{DurationText.Format(t)}-{DurationText.Format(w)}";

    /// <summary>An estimate's RTO as typical-worst.</summary>
    public static string Rto(Estimate e) => Range(e.TypicalRto, e.Rto, e.RtoGuaranteed);

    /// <summary>An estimate's RPO as typical-worst ("n/a" for stateless components).</summary>
    public static string Rpo(Estimate e) => Range(e.TypicalRpo, e.Rpo, e.RpoGuaranteed);

    /// <summary>The service's RTO as typical-worst.</summary>
    public static string ServiceRto(DrPlan plan) => Range(plan.ServiceRtoTypical ?? plan.ServiceRto, plan.ServiceRto, plan.ServiceRtoUnbounded is null);

    /// <summary>The service's data RPO (worst component) as typical-worst.</summary>
    public static string ServiceRpo(DrPlan plan) => Range(plan.ServiceRpoTypical ?? plan.ServiceRpo, plan.ServiceRpo,
        plan.Components.Where(c => c.Estimate.Rpo is not null && c.Kind is not (Model.ComponentKind.ModelArtifacts or Model.ComponentKind.ContainerImages)).All(c => c.Estimate.RpoGuaranteed));

    /// <summary>A term's basis in a word, with its source: "sourced (url)", "assumed (note)", "configured (key)", "measured (drill)".</summary>
    public static string Basis(EstimateTerm t) => t.Basis switch
    {
        TermBasis.Sourced => "sourced",
        TermBasis.Configured => "configured",
        TermBasis.Measured => "measured",
        _ => "assumed",
    } + $" ({t.Source})";

    /// <summary>One term in a line: "promote 5m-10m: promote the RDS replica [sourced (url)] measured in drill on ..."</summary>
    public static string Term(EstimateTerm t) =>
        $"{t.Measure} {t.Name} {Range(t.Typical, t.Worst, t.Worst is not null)}: {t.Why} [{Basis(t)}]"
        + (t.Worst is null ? $" worst unbounded: {t.UnboundedBecause}" : string.Empty)
        + (t.Measured is { } m ? $"; {m}" : string.Empty);

    /// <summary>A rung's status as plans and reports spell it.</summary>
    public static string Status(RungStatus status) => status switch
    {
        RungStatus.Primary => "primary",
        RungStatus.Compatible => "compatible",
        RungStatus.Degraded => "degraded",
        RungStatus.BreaksRetrieval => "breaks retrieval",
        _ => "no protection",
    };

    public static string StatusIcon(RungStatus status) => status switch
    {
        RungStatus.Primary or RungStatus.Compatible => "✅",
        RungStatus.Degraded => "⚠️",
        _ => "❌",
    };
}
