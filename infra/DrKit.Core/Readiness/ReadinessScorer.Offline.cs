using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Readiness;

public static partial class ReadinessScorer
{
    /// <summary>Points a breached component costs by tier; an at-risk one costs half.</summary>
    public static int TierWeight(Tier tier) => tier switch
    {
        Tier.Critical => 20,
        Tier.Production => 15,
        Tier.Standard => 10,
        _ => 5,
    };

    private static IEnumerable<Deduction> PlanVerdicts(DrPlan plan)
    {
        foreach (var c in plan.Components.Where(c => c.Verdict != Verdict.Met))
        {
            var points = c.Verdict == Verdict.Breached ? TierWeight(c.Tier) : TierWeight(c.Tier) / 2;
            yield return new Deduction(Plan, c.Name, points, $"{(c.Verdict == Verdict.Breached ? "breached" : "at risk")} ({Model.Names.Of(c.Tier)}): {c.Reason}");
        }
    }

    private static IEnumerable<Deduction> PolicyFindings(IEnumerable<ReadinessFinding> findings) =>
        findings.Where(f => !RulesScoredElsewhere.Contains(f.RuleId))
            .OrderByDescending(f => f.Mandatory)
            .Select(f => new Deduction(Policy, f.Subject, f.Mandatory ? 10 : 2, $"{(f.Mandatory ? "mandatory" : "advisory")} [{f.RuleId}] {f.Message}"));

    /// <summary>An untested plan is a wish: no successful drill -20, too old -15, and the newest drill failing -10.</summary>
    private static IEnumerable<Deduction> DrillRecency(DrPlan plan, DrillSummary drills, DateTimeOffset now)
    {
        var subject = $"stack {plan.Stack}";
        if (!drills.Configured)
        {
            yield return new Deduction(Drill, subject, 20, "no drill history is configured (drkit:policy.drillHistory): no drill can be shown to have succeeded");
            yield break;
        }

        if (drills.LastSuccess is not { } success)
        {
            yield return new Deduction(Drill, subject, 20, drills.LastDrill is null
                ? $"{drills.HistoryPath} records no drill of {plan.Stack}: it has never been drilled here (drkit drill --local {plan.Stack})"
                : $"{drills.HistoryPath} records no successful drill of {plan.Stack}");
        }
        else if (now - success > plan.Policy.DrillMaxAge)
        {
            yield return new Deduction(Drill, subject, 15,
                $"the last successful drill finished {success.UtcDateTime:yyyy-MM-dd}, {DurationText.Format(TimeSpan.FromDays(Math.Floor((now - success).TotalDays)))} ago, older than drillMaxAge {DurationText.Format(plan.Policy.DrillMaxAge)}");
        }

        if (drills.LastDrill is { Succeeded: false } last)
        {
            yield return new Deduction(Drill, subject, 10, $"the newest drill ({last.FinishedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z) missed its targets or failed");
        }
    }

    /// <summary>Reserved recovery GPUs whose reservation ends within the posture window (-10) or has ended (-25).</summary>
    private static IEnumerable<Deduction> Reservations(DrPlan plan, DateTimeOffset now)
    {
        var horizon = now + plan.Policy.PostureWindow;
        foreach (var c in plan.Components)
        {
            if (c.Settings is not GpuSettings { Reserved: true } gpu)
            {
                continue;
            }

            foreach (var a in gpu.Allocations.Where(a => a.Reserved > 0 && a.ReservationEnd is not null))
            {
                // A date-only end is read as the start of that day: the conservative reading.
                var end = new DateTimeOffset(a.ReservationEnd!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                if (end <= now)
                {
                    yield return new Deduction(Reservation, $"{c.Name} ({a.Region})", 25, $"the reservation of {a.Reserved} x {gpu.InstanceType} ended {a.ReservationEnd:yyyy-MM-dd}");
                }
                else if (end < horizon)
                {
                    yield return new Deduction(Reservation, $"{c.Name} ({a.Region})", 10,
                        $"the reservation of {a.Reserved} x {gpu.InstanceType} ends {a.ReservationEnd:yyyy-MM-dd}, inside the {DurationText.Format(plan.Policy.PostureWindow)} posture window");
                }
            }
        }
    }
}
