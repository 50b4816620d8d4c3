using System.Globalization;
using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;

namespace DrKit.Operations.Runbooks;

/// <summary>Wording shared by the Markdown and HTML runbooks, invariant so regenerated runbooks diff cleanly.</summary>
internal static class RunbookText
{
    public static string Duration(TimeSpan t) => t == TimeSpan.Zero ? "0s (at once)" : DurationText.Format(t);

    public static string Measured(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "—";

    public static string Condition(AlarmSpec a)
    {
        var op = a.ComparisonOperator switch
        {
            "GreaterThanThreshold" => ">",
            "LessThanThreshold" => "<",
            "GreaterThanOrEqualToThreshold" => ">=",
            _ => "<=",
        };
        var value = a.Unit == "Seconds" ? DurationText.Format(TimeSpan.FromSeconds(a.Threshold)) : a.Threshold.ToString("0.##", CultureInfo.InvariantCulture);
        return $"{a.Statistic} {op} {value} for {a.DatapointsToAlarm} of {a.EvaluationPeriods} x {DurationText.Format(TimeSpan.FromSeconds(a.PeriodSeconds))}; missing data {a.TreatMissingData}";
    }

    public static string DrillLine(Runbook r)
    {
        var d = r.LastDrill;
        if (!d.Configured)
        {
            return $"No drill history is configured (drkit:policy.drillHistory). Run `drkit drill --local {r.Stack}` and record it.";
        }

        if (d.LastDrill is not { } last)
        {
            return $"No drill of {r.Stack} is recorded in {d.HistoryPath}. Run `drkit drill --local {r.Stack}`.";
        }

        var success = d.LastSuccess is { } s ? $"; last success {s.UtcDateTime:yyyy-MM-dd HH:mm}Z" : "; no successful drill";
        return $"Newest drill finished {last.FinishedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z: {(last.Succeeded ? "targets met" : "targets missed or failed")}{success} ({d.HistoryPath}).";
    }
}
