using DrKit.Core.Objectives;

namespace DrKit.Core.Planning;

public enum ChangeKind
{
    Unchanged,
    Improved,
    Changed,
    Added,
    Removed,
    Regressed,
}

/// <summary>How one component's achievable recovery moved between two plans.</summary>
public sealed record ComponentChange(string Component, ChangeKind Kind, IReadOnlyList<string> Details, ComponentPlan? Old, ComponentPlan? New);

/// <summary>Differences between two plans of a stack, e.g. main against a pull request's branch.</summary>
public sealed record PlanDiffResult(string OldSource, string NewSource, IReadOnlyList<ComponentChange> Changes, double OldCost, double NewCost)
{
    public bool HasRegressions => Changes.Any(c => c.Kind is ChangeKind.Regressed or ChangeKind.Removed);

    /// <summary>What makes the generated runbook differ (regions, detection, decisions, commands, alarms): regenerate it with <c>drkit runbook</c>.</summary>
    public IReadOnlyList<string> RunbookChanges { get; init; } = [];
}

public static class PlanDiff
{
    /// <summary>
    /// A component regresses when its estimated RPO or RTO grows, its verdict worsens, or a guarantee is lost;
    /// a removed component regresses too, since whatever protected it is gone.
    /// </summary>
    public static PlanDiffResult Compare(DrPlan oldPlan, DrPlan newPlan)
    {
        ArgumentNullException.ThrowIfNull(oldPlan);
        ArgumentNullException.ThrowIfNull(newPlan);
        var changes = new List<ComponentChange>();
        foreach (var o in oldPlan.Components)
        {
            var n = newPlan.Component(o.Name);
            changes.Add(n is null
                ? new ComponentChange(o.Name, ChangeKind.Removed, ["component removed: its DR posture is gone"], o, null)
                : Compare(o, n));
        }

        changes.AddRange(newPlan.Components.Where(n => oldPlan.Component(n.Name) is null)
            .Select(n => new ComponentChange(n.Name, ChangeKind.Added, [$"new {n.Mechanism}: RTO {F(n.Estimate.Rto)}{(n.Estimate.Rpo is { } r ? $", RPO {F(r)}" : string.Empty)}"], null, n)));
        return new PlanDiffResult(oldPlan.Source, newPlan.Source, changes, oldPlan.TotalCostFactor, newPlan.TotalCostFactor)
        {
            RunbookChanges = RunbookDiff.Changes(oldPlan, newPlan),
        };
    }

    private static ComponentChange Compare(ComponentPlan o, ComponentPlan n)
    {
        var worse = new List<string>();
        var better = new List<string>();
        var other = new List<string>();
        Move("RTO", o.Estimate.Rto, n.Estimate.Rto, worse, better);
        if (o.Estimate.Rpo is { } oldRpo && n.Estimate.Rpo is { } newRpo)
        {
            Move("RPO", oldRpo, newRpo, worse, better);
        }

        if (o.Estimate.RpoGuaranteed && !n.Estimate.RpoGuaranteed)
        {
            worse.Add("RPO is no longer guaranteed");
        }

        if (o.Estimate.RtoGuaranteed && !n.Estimate.RtoGuaranteed)
        {
            worse.Add("RTO is no longer guaranteed");
        }

        if (n.Verdict > o.Verdict)
        {
            worse.Add($"verdict {o.Verdict} -> {n.Verdict}: {n.Reason}");
        }
        else if (n.Verdict < o.Verdict)
        {
            better.Add($"verdict {o.Verdict} -> {n.Verdict}");
        }

        if (o.Strategy != n.Strategy)
        {
            other.Add($"strategy {Model.Names.Of(o.Strategy)} -> {Model.Names.Of(n.Strategy)}");
        }

        if (o.Mechanism != n.Mechanism)
        {
            other.Add($"mechanism '{o.Mechanism}' -> '{n.Mechanism}'");
        }

        if (o.Target != n.Target)
        {
            other.Add($"target RTO {F(o.Target.Rto)} -> {F(n.Target.Rto)}, RPO {Opt(o.Target.Rpo)} -> {Opt(n.Target.Rpo)}");
        }

        var kind = worse.Count > 0 ? ChangeKind.Regressed : better.Count > 0 ? ChangeKind.Improved : other.Count > 0 ? ChangeKind.Changed : ChangeKind.Unchanged;
        return new ComponentChange(o.Name, kind, [.. worse, .. better, .. other], o, n);
    }

    private static void Move(string what, TimeSpan before, TimeSpan after, List<string> worse, List<string> better)
    {
        if (after > before)
        {
            worse.Add($"{what} {F(before)} -> {F(after)}");
        }
        else if (after < before)
        {
            better.Add($"{what} {F(before)} -> {F(after)}");
        }
    }

    private static string F(TimeSpan t) => DurationText.Format(t);

    private static string Opt(TimeSpan? t) => t is { } v ? F(v) : "n/a";
}
