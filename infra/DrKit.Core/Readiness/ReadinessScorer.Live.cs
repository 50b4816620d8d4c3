using DrKit.Core.Objectives;

namespace DrKit.Core.Readiness;

public static partial class ReadinessScorer
{
    /// <summary>Lag beyond the RPO -30 (the seeds' weight), beyond the alarm threshold (at most 80% of it) -10, unknown -15.</summary>
    private static IEnumerable<Deduction> LagRules(IEnumerable<LagObservation> lags)
    {
        foreach (var l in lags)
        {
            var subject = $"{l.Component} ({l.Region})";
            if (l.Lag is not { } lag)
            {
                yield return new Deduction(Lag, subject, 15, $"replica lag unknown: {l.Source}; a failover would have to be forced");
            }
            else if (lag > l.Rpo)
            {
                yield return new Deduction(Lag, subject, 30, $"replica lag {F(lag)} exceeds the RPO {F(l.Rpo)}: {l.Source}");
            }
            else if (lag.TotalSeconds > Monitoring.AlarmPlanner.LagThresholdSeconds(l.Rpo))
            {
                yield return new Deduction(Lag, subject, 10, $"replica lag {F(lag)} is above the alarm threshold {F(TimeSpan.FromSeconds(Monitoring.AlarmPlanner.LagThresholdSeconds(l.Rpo)))} of the RPO {F(l.Rpo)}: {l.Source}");
            }
        }
    }

    /// <summary>A recovery-region backup older than its interval plus margin -20 (the seeds' weight); unknown -10.</summary>
    private static IEnumerable<Deduction> BackupRules(IEnumerable<BackupObservation> backups)
    {
        foreach (var b in backups)
        {
            var subject = $"{b.Component} ({b.Region})";
            if (b.Age is not { } age)
            {
                yield return new Deduction(Backup, subject, 10, $"backup age unknown: {b.Source}");
            }
            else if (age > b.Allowed)
            {
                yield return new Deduction(Backup, subject, 20, $"newest restorable backup is {F(age)} old, more than {F(b.Allowed)}: {b.Source}");
            }
        }
    }

    /// <summary>Less reserved capacity available than a failover needs -25 (the seeds' "secondary not ready"); unknown -10.</summary>
    private static IEnumerable<Deduction> CapacityRules(IEnumerable<CapacityObservation> capacity)
    {
        foreach (var c in capacity)
        {
            var subject = $"{c.Component} ({c.Region})";
            if (c.Available is not { } available)
            {
                yield return new Deduction(Capacity, subject, 10, $"available capacity unknown: {c.Source}");
            }
            else if (available < c.Needed)
            {
                yield return new Deduction(Capacity, subject, 25, $"{available} available, a failover needs {c.Needed}: {c.Source}");
            }
        }
    }

    /// <summary>A recovery region Route 53 finds unhealthy -25 (the seeds' weight); unknown -10.</summary>
    private static IEnumerable<Deduction> HealthRules(IEnumerable<HealthObservation> health)
    {
        foreach (var h in health)
        {
            if (h.Healthy is not { } healthy)
            {
                yield return new Deduction(Health, h.Region, 10, $"health unknown: {h.Source}");
            }
            else if (!healthy)
            {
                yield return new Deduction(Health, h.Region, 25, $"Route 53 finds the endpoint unhealthy: {h.Source}");
            }
        }
    }

    /// <summary>
    /// A critical or high alarm topic nobody confirmed a subscription to -10: its alarms fire into the void (DrKit's
    /// own weight; the seeds give none); unknown -5. Capped at 20.
    /// </summary>
    private static IEnumerable<Deduction> AlertRules(IEnumerable<AlertObservation> alerts)
    {
        foreach (var a in alerts)
        {
            if (a.Confirmed is not { } confirmed)
            {
                yield return new Deduction(Alerting, a.Topic, 5, $"subscriptions unknown: {a.Source}");
            }
            else if (confirmed == 0)
            {
                yield return new Deduction(Alerting, a.Topic, 10, $"no confirmed subscription: its alarms reach nobody (drkit:alerts): {a.Source}");
            }
        }
    }

    /// <summary>
    /// A freshness probe that published nothing for a source within <see cref="ProbeObservation.Allowed"/> -10: the
    /// backup-age or reservation alarm it feeds is in ALARM on missing data, so that signal tells nothing until the probe
    /// reports again (DrKit's weight, like an alarm topic nobody reads); unreadable -5. Capped at 20.
    /// </summary>
    private static IEnumerable<Deduction> ProbeRules(IEnumerable<ProbeObservation> probes)
    {
        foreach (var p in probes)
        {
            var subject = $"{p.Component} ({p.Region})";
            if (!p.Readable)
            {
                yield return new Deduction(Probe, subject, 5, $"{p.Metric} unreadable: {p.Source}");
            }
            else if (p.Age is not { } age)
            {
                yield return new Deduction(Probe, subject, 10, $"no {p.Metric} datapoint in the last {F(p.Allowed)}: the freshness probe is not reporting, so its alarm fires on missing data: {p.Source}");
            }
            else if (age > p.Allowed)
            {
                yield return new Deduction(Probe, subject, 10, $"newest {p.Metric} datapoint is {F(age)} old, more than {F(p.Allowed)}: the freshness probe stopped reporting: {p.Source}");
            }
        }
    }

    /// <summary>
    /// An alarm action CloudWatch failed to run in a region -15: it could not publish to the topic (for DrKit's
    /// KMS-encrypted topics, a key policy that does not admit cloudwatch.amazonaws.com), so its alarms reach nobody
    /// although they change state (DrKit's weight, above a topic without subscribers: here even subscribers hear nothing);
    /// history unreadable -5. Scored first among alerting (a failed publish outweighs a missing subscriber), capped at 20 together.
    /// </summary>
    private static IEnumerable<Deduction> AlarmActionRules(IEnumerable<AlarmActionObservation> actions)
    {
        foreach (var a in actions)
        {
            if (a.Failed is not { } failed)
            {
                yield return new Deduction(Alerting, $"alarm actions {a.Region}", 5, $"alarm history unreadable: {a.Source}");
            }
            else if (failed > 0)
            {
                yield return new Deduction(Alerting, $"alarm actions {a.Region}", 15, $"CloudWatch could not publish alarms to their topic (check the topic key's policy for cloudwatch.amazonaws.com): {a.Source}");
            }
        }
    }

    private static string F(TimeSpan t) => DurationText.Format(t);
}
