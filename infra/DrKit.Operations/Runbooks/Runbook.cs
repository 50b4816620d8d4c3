using DrKit.Core.Monitoring;
using DrKit.Core.Readiness;

namespace DrKit.Operations.Runbooks;

/// <summary>One thing to do or check; <paramref name="Command"/> is the exact command to run, when there is one.</summary>
public sealed record RunbookStep(string Text, string? Command = null);

/// <summary>A runbook phase (detect, assess, decide, execute, verify, communicate, fail back) and its steps.</summary>
public sealed record RunbookPhase(string Name, string Goal, IReadOnlyList<RunbookStep> Steps);

/// <summary>When to fail a component over and when to wait, from its tier, targets and estimate.</summary>
/// <param name="Deadline">How long an outage may last before failing over is the only way to meet the RTO (target minus estimated recovery); zero: at once.</param>
public sealed record DecisionRow(string Component, string Tier, string Strategy, string Targets, string Estimate, TimeSpan Deadline, string FailOverWhen, string WaitWhen, string Authority);

/// <summary>Who is told what, and how often.</summary>
public sealed record NoticeRow(string Audience, string When, string What, string Channel);

/// <summary>
/// A stack's runbook, generated from its plan, its alarms and its drill history. Everything in it is decided from
/// those inputs alone (no clock, no machine state), so regenerating it after a change shows exactly what changed.
/// </summary>
public sealed record Runbook(
    string Stack,
    string Service,
    string PrimaryRegion,
    IReadOnlyList<string> RecoveryRegions,
    string ServiceRto,
    string ServiceRpo,
    int ReadinessThreshold,
    IReadOnlyList<RunbookPhase> Phases,
    IReadOnlyList<AlarmSpec> Alarms,
    IReadOnlyList<DecisionRow> Decisions,
    IReadOnlyList<NoticeRow> Notices,
    DrillSummary LastDrill,
    IReadOnlyList<(string Component, TimeSpan Estimate, TimeSpan Target)> RecoveryTimes)
{
    /// <summary>Whether <c>drkit readiness --live</c> runs on this stack (not yet on Azure stacks), so the runbook may send operators there.</summary>
    public bool LiveReadiness { get; init; } = true;
}
