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

    /// <summary>Estimate with a dagger when the mechanism gives no guarantee.</summary>
    public static string Estimate(TimeSpan? value, bool guaranteed) => Duration(value) + (value is not null && !guaranteed ? " (no guarantee)" : string.Empty);

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
