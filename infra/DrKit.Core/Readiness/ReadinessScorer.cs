using DrKit.Core.Planning;

namespace DrKit.Core.Readiness;

/// <summary>
/// Scores failover readiness 0-100 from what is known about a stack. Every rule is a deduction with its reason, in
/// fixed order, so the same inputs give the same report. Weights follow the DR seed articles' readiness score
/// (replication lag beyond tolerance -30, backup too old -20, failed health checks -25, recovery region not ready -25)
/// and their alert at a score below 70; the offline rules weigh plan verdicts, policy findings, drills and
/// reservations on the same scale, each category capped so one kind of problem cannot hide every other.
/// </summary>
public static partial class ReadinessScorer
{
    /// <summary>The seeds' alert threshold: a readiness score below 70 raises a high-severity alert.</summary>
    public const int AlertThreshold = 70;

    public const string Plan = "plan";
    public const string Policy = "policy";
    public const string Drill = "drill";
    public const string Reservation = "reservation";
    public const string Lag = "replica lag";
    public const string Backup = "backup age";
    public const string Capacity = "recovery capacity";
    public const string Health = "health check";
    public const string Alerting = "alerting";
    public const string Canary = "outage canary";
    public const string Probe = "freshness probe";

    /// <summary>
    /// How far back readiness looks for failed alarm actions: a day, long enough to hold the state changes of a first
    /// deploy (most alarms start in ALARM) or of a deliberate publish test, short enough that a fixed key policy stops costing points the next day.
    /// </summary>
    public static readonly TimeSpan AlarmActionWindow = TimeSpan.FromDays(1);

    /// <summary>Policy rules scored by their own category here, so a finding is never counted twice.</summary>
    public static readonly IReadOnlySet<string> RulesScoredElsewhere = new HashSet<string>(StringComparer.Ordinal)
    {
        "drill-recency", "gpu-reservation-posture", "objectives-within-target",
    };

    public static ReadinessReport Score(DrPlan plan, IReadOnlyList<ReadinessFinding> findings, DrillSummary drills, DateTimeOffset now, LiveReadings? live)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(drills);
        var deductions = new List<Deduction>();
        var notChecked = new List<string>();
        deductions.AddRange(Capped(PlanVerdicts(plan), 40));
        deductions.AddRange(Capped(PolicyFindings(findings), 30));
        deductions.AddRange(DrillRecency(plan, drills, now));
        deductions.AddRange(Capped(Reservations(plan, now), 25));
        if (live is null)
        {
            notChecked.Add("live state (replica lag, backup age, recovery capacity, health checks): not read; pass --live with a deployed stack");
        }
        else
        {
            notChecked.AddRange(live.Notes);
            deductions.AddRange(Capped(LagRules(live.Lag), 30));
            deductions.AddRange(Capped(BackupRules(live.Backups), 20));
            deductions.AddRange(Capped(CapacityRules(live.Capacity), 25));
            deductions.AddRange(Capped(HealthRules(live.Health), 25));
            deductions.AddRange(Capped([.. AlarmActionRules(live.AlarmActions), .. AlertRules(live.Alerts)], 20));
            deductions.AddRange(Capped(CanaryRules(live.Canaries), 35));
            deductions.AddRange(Capped(ProbeRules(live.Probes), 20));
        }

        var score = Math.Max(0, 100 - deductions.Sum(d => d.Points));
        return new ReadinessReport(plan.Stack, score, AlertThreshold, live is not null, deductions, notChecked);
    }

    /// <summary>Keeps deductions in order until the category's cap; the one that crosses it is cut to what is left.</summary>
    private static IEnumerable<Deduction> Capped(IEnumerable<Deduction> deductions, int cap)
    {
        var left = cap;
        foreach (var d in deductions)
        {
            if (left <= 0)
            {
                yield return d with { Points = 0, Why = $"{d.Why} (category capped at {cap})" };
                continue;
            }

            var points = Math.Min(d.Points, left);
            left -= points;
            yield return points == d.Points ? d : d with { Points = points, Why = $"{d.Why} (category capped at {cap})" };
        }
    }
}
