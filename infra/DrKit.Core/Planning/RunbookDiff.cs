using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;

namespace DrKit.Core.Planning;

/// <summary>
/// The plan changes an operator following the runbook would notice: where to fail over to, how a failure is
/// detected, which components there are and how each recovers (its decision deadline), and which alarms fire when.
/// </summary>
public static class RunbookDiff
{
    public static IReadOnlyList<string> Changes(DrPlan oldPlan, DrPlan newPlan)
    {
        ArgumentNullException.ThrowIfNull(oldPlan);
        ArgumentNullException.ThrowIfNull(newPlan);
        var changes = new List<string>();
        if (oldPlan.PrimaryRegion != newPlan.PrimaryRegion || !oldPlan.RecoveryRegions.SequenceEqual(newPlan.RecoveryRegions))
        {
            changes.Add($"regions {Regions(oldPlan)} -> {Regions(newPlan)}: failover and failback commands change");
        }

        var (o, n) = (oldPlan.Traffic, newPlan.Traffic);
        if (o.Detection != n.Detection || o.Routing != n.Routing || o.Domain != n.Domain || o.TtlSeconds != n.TtlSeconds)
        {
            changes.Add($"detection and routing: {Traffic(o)} -> {Traffic(n)}");
        }

        foreach (var c in newPlan.Components)
        {
            if (oldPlan.Component(c.Name) is not { } before)
            {
                changes.Add($"{c.Name}: new component ({Model.Names.Of(c.Tier)}, {Model.Names.Of(c.Strategy)}) gets a decision row");
            }
            else if (before.Tier != c.Tier || before.Strategy != c.Strategy || before.Target != c.Target || before.Estimate.Rto != c.Estimate.Rto)
            {
                changes.Add($"{c.Name}: decision row changes (tier, strategy, targets or estimated recovery: deadline {Deadline(before)} -> {Deadline(c)})");
            }
        }

        changes.AddRange(oldPlan.Components.Where(c => newPlan.Component(c.Name) is null).Select(c => $"{c.Name}: component removed from every phase"));
        var oldAlarms = AlarmPlanner.Decide(oldPlan).ToDictionary(a => a.Key, StringComparer.Ordinal);
        var newAlarms = AlarmPlanner.Decide(newPlan).ToDictionary(a => a.Key, StringComparer.Ordinal);
        changes.AddRange(newAlarms.Keys.Where(k => !oldAlarms.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => $"alarm {k} added"));
        changes.AddRange(oldAlarms.Keys.Where(k => !newAlarms.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => $"alarm {k} removed"));
        changes.AddRange(newAlarms.Values.Where(a => oldAlarms.TryGetValue(a.Key, out var before) && (before.Threshold, before.Severity, before.EvaluationPeriods) != (a.Threshold, a.Severity, a.EvaluationPeriods)).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"alarm {a.Key}: threshold {oldAlarms[a.Key].Threshold} -> {a.Threshold}, severity {oldAlarms[a.Key].Severity} -> {a.Severity}"));
        return changes;
    }

    private static string Regions(DrPlan plan) => plan.RecoveryRegions.Count == 0 ? plan.PrimaryRegion : $"{plan.PrimaryRegion} -> {string.Join(", ", plan.RecoveryRegions)}";

    private static string Traffic(TrafficPlan t) => $"{t.Routing.ToString().ToLowerInvariant()}, detection {DurationText.Format(t.Detection)}, TTL {DurationText.Format(t.Ttl)}";

    private static string Deadline(ComponentPlan c) => DurationText.Format(c.Target.Rto > c.Estimate.Rto ? c.Target.Rto - c.Estimate.Rto : TimeSpan.Zero);
}
