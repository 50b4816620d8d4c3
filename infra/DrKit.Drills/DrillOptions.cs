using Spectre.Console;

namespace DrKit.Drills;

/// <summary>Where a drill runs and where its outputs go; none of it changes what is measured.</summary>
/// <param name="TempRoot">Parent of the drill's temporary directory (system temp when null).</param>
/// <param name="HistoryPath">JSON-lines file each result is appended to; none when null.</param>
/// <param name="ReportDirectory">Directory for the Markdown and HTML reports; none when null.</param>
/// <param name="Console">Live progress and the final table; silent when null.</param>
/// <param name="Time">Clock for every timestamp; the system clock when null.</param>
/// <param name="Timeout">Hard limit on the whole drill; everything is torn down when it passes.</param>
public sealed record DrillOptions(
    string? TempRoot = null,
    string? HistoryPath = null,
    string? ReportDirectory = null,
    IAnsiConsole? Console = null,
    TimeProvider? Time = null,
    TimeSpan? Timeout = null)
{
    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromMinutes(3);

    public TimeProvider EffectiveTime => Time ?? TimeProvider.System;
}
