using System.Globalization;

namespace DrKit.Drills.Reports;

/// <summary>Number and time formatting shared by the renderers, invariant so reports diff cleanly.</summary>
internal static class ReportFormat
{
    /// <summary>A target as stacks write it (<c>30m</c>, <c>1h</c>); measured figures keep millisecond precision.</summary>
    public static string Target(TimeSpan value) => DrKit.Core.Objectives.DurationText.Format(value);

    public static string Seconds(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "—";

    public static string Offset(DateTimeOffset at, DateTimeOffset origin) =>
        (at - origin).TotalSeconds.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    public static string Ok(bool met) => met ? "met" : "missed";

    public static string Mode(LocalDrillSpec spec) =>
        $"{spec.FailureMode}, PostgreSQL {spec.PostgresMode}, Redis {(spec.Redis ? spec.Sentinel ? "with Sentinel" : "manual promotion" : "off")}" +
        (spec.Force ? ", forced" : string.Empty) + (spec.Restore ? ", restore" : string.Empty);

    /// <summary>Time zero of a timeline: the failure when there was one.</summary>
    public static DateTimeOffset Origin(DrillResult r) => r.FailureInjectedAt ?? r.StartedAt;

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
