using System.Globalization;
using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Runbooks;

public static partial class RunbookBuilder
{
    private const string OperationId = "<operation-id>";

    private static RunbookPhase Detect(DrPlan plan, IReadOnlyList<AlarmSpec> alarms)
    {
        var t = plan.Traffic;
        var steps = new List<RunbookStep>();
        // First the signal that survives the primary region's loss: a canary homed elsewhere.
        foreach (var canary in alarms.Where(a => a.Target == AlarmTarget.Canary && a.Subject == plan.PrimaryRegion))
        {
            steps.Add(new($"{canary.AlarmName(plan.Stack)} ({Severity(canary)}) fires when the CloudWatch Synthetics canary in {canary.Region} fails {canary.EvaluationPeriods} runs in a row against the primary endpoint ({plan.PrimaryRegion}), one run a minute. " +
                          $"It lives and notifies in {canary.Region}, so it works while {plan.PrimaryRegion} is down."));
        }

        if (alarms.FirstOrDefault(a => a.Target == AlarmTarget.HealthCheck && a.Subject == plan.PrimaryRegion) is { } primary)
        {
            var sharesFate = primary.Region == plan.PrimaryRegion ? $" Route 53 publishes this metric in {primary.Region} only, the primary region itself: in its outage this alarm and its topic may stay silent." : string.Empty;
            steps.Add(new($"{primary.AlarmName(plan.Stack)} ({Severity(primary)}) fires when Route 53 finds the primary endpoint unhealthy: {t.FailureThreshold} failed checks every {t.HealthCheckIntervalSeconds}s ({DurationText.Format(t.Detection)}), then one minute in CloudWatch ({primary.Region}).{sharesFate}"));
        }
        else
        {
            steps.Add(new("No Route 53 health check watches the primary (no drkit:traffic.domain/hostedZoneId): detection rests on the canary and the service's own monitoring."));
        }

        foreach (var lag in alarms.Where(a => a.Target is AlarmTarget.RdsReplica or AlarmTarget.GlobalDatastoreMembers && a.Region != plan.PrimaryRegion))
        {
            steps.Add(new($"{lag.AlarmName(plan.Stack)} ({Severity(lag)}) in {lag.Region} also fires when the primary stops replicating, late: after the lag passes {DurationText.Format(TimeSpan.FromSeconds(lag.Threshold))} plus {lag.EvaluationPeriods} min."));
        }

        if (alarms.Count > 0)
        {
            var bySeverity = alarms.GroupBy(a => a.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()} (respond {Response(g.Key)})");
            steps.Add(new($"Any alarm in the table below in ALARM state: {string.Join(", ", bySeverity)}. Each sits in the region CloudWatch publishes its metric in and notifies that region's topic of its severity."));
        }

        steps.Add(new("Monitoring outside AWS (an external uptime check, user reports) is the last resort when every AWS signal is in the failed region."));
        steps.Add(new("Confirm the failure is regional, not one component: check the AWS Health Dashboard for the primary region and the readiness score (a read that fails, such as Route 53 metrics in a failed us-east-1, shows as unknown).", Drkit("readiness", plan.Stack, " --live")));
        return new RunbookPhase("Detect", "Notice the failure from the alarms this stack declares, and confirm it.", steps);
    }

    private static string Severity(AlarmSpec alarm) => alarm.Severity.ToString().ToLowerInvariant();

    private static string Response(AlarmSeverity severity) => AlarmPlanner.ResponseTime(severity) == TimeSpan.Zero ? "at once" : $"within {DurationText.Format(AlarmPlanner.ResponseTime(severity))}";

    private static RunbookPhase Assess(DrPlan plan, OperationTopology topology)
    {
        var steps = new List<RunbookStep>
        {
            new($"Readiness must be at least {ReadinessScorer.AlertThreshold}/100; below it, read every deduction before deciding.", Drkit("readiness", plan.Stack, " --live")),
            new("See exactly what readiness reads, and where, without calling anything.", Drkit("readiness", plan.Stack, " --dry-run")),
        };
        if (topology.RecoveryRegion is { } recovery)
        {
            steps.AddRange(topology.DataTiers.Select(tier => new RunbookStep(
                $"{tier.Component}: replica lag in {recovery} must be at most the RPO {DurationText.Format(tier.RpoTarget)}; it is read from {ReplicaLagReader.Describe(tier.Component, tier.Kind, recovery)}.")));
            steps.Add(new($"Recovery capacity in {recovery}: at least {topology.DesiredRunning.ToString(CultureInfo.InvariantCulture)} instances available for the service to run."));
        }

        steps.Add(new("Backup age: no alarm watches it (AWS publishes no backup-age metric); readiness --live reads the newest replicated RDS backup. A self-managed server's WAL archive is watched only through S3 replication, which stays quiet when archiving stops: check the newest object in the archive bucket by hand."));

        steps.Add(new("Scope: one component (restore or repair it alone), the primary region (fail over), or several regions (declare a disaster)."));
        return new RunbookPhase("Assess", "Decide how bad it is and whether the recovery side can take over.", steps);
    }

    private static RunbookPhase Decide(DrPlan plan, IReadOnlyList<DecisionRow> decisions)
    {
        var first = decisions.Where(d => d.Strategy != "backup-restore").OrderBy(d => d.Deadline).FirstOrDefault();
        var steps = new List<RunbookStep>
        {
            new("Use the decision table: each component's deadline is its RTO target minus its estimated recovery time."),
        };
        if (first is not null)
        {
            steps.Add(new($"The tightest deadline is {first.Component} ({Text(first.Deadline)}): fail the stack over by then unless the primary is back."));
        }

        steps.Add(new($"Estimated service recovery {DurationText.Format(plan.ServiceRto)}{(plan.ServiceRto > DisasterDeclarationAbove ? ": above 4h, the business continuity director declares a disaster" : "; above 4h the business continuity director would declare a disaster")}."));
        steps.Add(new("Lag beyond the RPO: failing over loses more data than agreed. Only the authority may accept it, and the reason is journaled.", Drkit("failover", plan.Stack, " --force --reason \"<who approved, why>\"")));
        return new RunbookPhase("Decide", "Fail over or wait, by component and tier, with the named authority.", steps);
    }

    private static RunbookPhase Execute(DrPlan plan, OperationTopology topology)
    {
        if (topology.RecoveryRegion is null)
        {
            return new RunbookPhase("Execute", "Recover inside the region from backups.",
            [
                new($"{plan.Stack} has no recovery region: restore each data component from its in-region backups (point-in-time recovery for PostgreSQL)."),
                new("Rehearse the restore on an ephemeral stack first.", Drkit("drill", plan.Stack, " --dry-run")),
            ]);
        }

        var steps = new List<RunbookStep>
        {
            new("Review the exact calls first; nothing is changed.", Drkit("failover", plan.Stack, " --dry-run")),
            new("Run the failover; every step is journaled and a crash resumes from the journal without promoting twice.", Drkit("failover", plan.Stack)),
        };
        try
        {
            steps.AddRange(FailoverProgram.Plan(topology, new FailoverSettings { OperationId = OperationId })
                .Select((s, i) => new RunbookStep($"{i + 1}. {s.Name}: {s.Why}. Calls: {s.Calls}")));
        }
        catch (Gateway.OperationException e)
        {
            steps.Add(new($"drkit failover refuses this stack: {e.Message}"));
        }

        steps.Add(new("If it stops, resume the same operation from its journal.", Drkit("failover", plan.Stack, " --operation-id <operation-id>")));
        return new RunbookPhase("Execute", "Fail over to the recovery region with drkit, dry run first.", steps);
    }

    private static RunbookPhase Verify(DrPlan plan, OperationTopology topology)
    {
        var steps = new List<RunbookStep>(VerifyReads(topology));
        steps.Add(new("Test an end-to-end user request (retrieval, embedding, answer), not only health endpoints."));
        steps.Add(new($"Readiness from the new side: it reads the state the failover left (no lag on a promoted writer, the reservation full of the service's own instances).", Drkit("readiness", plan.Stack, " --live")));
        if (topology.RecoveryRegion is { } serving)
        {
            steps.Add(new($"Once the failover's stack update has run, DrKit declares the alarms of the new state (no lag alarm on a promoted writer, none on its old primary's replicated backups, the reservation alarm on its size, health watching {serving}); the canaries and topics do not move, so nothing is created in {plan.PrimaryRegion}. The canary watching {serving} must turn OK (before the failover it was expected to fail); the one watching {plan.PrimaryRegion} stays in ALARM until it is repaired, and its OK is the signal to prepare fail-back."));
        }
        return new RunbookPhase("Verify", "Confirm the recovery side serves, from real state.", steps);
    }

    /// <summary>What the failover's own Verify step reads from the cloud, as its dry run states it, and the measured RTO.</summary>
    private static IEnumerable<RunbookStep> VerifyReads(OperationTopology topology)
    {
        if (topology.RecoveryRegion is null)
        {
            return [];
        }

        var steps = new List<RunbookStep>();
        try
        {
            steps.AddRange(FailoverProgram.Plan(topology, new FailoverSettings { OperationId = OperationId })
                .Where(s => s.Name == Failover.FailoverSteps.Verify)
                .Select(s => new RunbookStep($"{s.Why}. Reads: {s.Calls}")));
        }
        catch (Gateway.OperationException)
        {
            // The Execute phase already says why drkit failover refuses this stack.
        }

        steps.Add(new($"Measured RTO against the target {DurationText.Format(topology.RtoTarget)}: drkit failover prints it; record it in the incident."));
        return steps;
    }

    private static RunbookPhase Communicate(DrPlan plan) => new("Communicate", "Tell the right people, at the seeds' cadence.",
    [
        .. Notices(plan).Select(n => new RunbookStep($"{n.Audience}, {n.When}: {n.What} ({n.Channel}).")),
        new("The alarm topics (stack output alarmTopicArns, one per region and severity) deliver to the subscriptions drkit:alerts declares; readiness --live deducts for a critical or high topic without a confirmed subscription. E-mail subscriptions must be confirmed from the message AWS sends."),
        new("First deploy: backup-age alarms fire until the first replicated copy exists (an RDS snapshot copy can take hours), and canary alarms until their first runs; a self-managed writer needs a heartbeat write at least every archive_timeout, or its archive alarm fires whenever it is idle."),
    ]);

    private static RunbookPhase FailBack(DrPlan plan, OperationTopology topology)
    {
        if (topology.RecoveryRegion is null)
        {
            return new RunbookPhase("Fail back", "Nothing to fail back: the stack has one region.", [new("After a restore, take a fresh backup and re-run the drill.", Drkit("drill", plan.Stack, " --dry-run"))]);
        }

        var settings = new FailbackSettings { OperationId = OperationId };
        var steps = new List<RunbookStep>
        {
            new("Only when the primary region is healthy again; drkit failback re-seeds and reads the resync lag from AWS itself (its Resync step below) and refuses while the primary's copy is behind."),
            new("Review the staged return first.", Drkit("failback", plan.Stack, " --dry-run")),
            new($"Return traffic in stages {string.Join(" -> ", settings.Stages.Select(s => $"{s}%"))}; a stage rolls back when the error rate rises.", Drkit("failback", plan.Stack)),
        };
        try
        {
            steps.AddRange(FailbackProgram.Plan(topology, settings).Select((s, i) => new RunbookStep($"{i + 1}. {s.Name}: {s.Why}. Calls: {s.Calls}")));
        }
        catch (Gateway.OperationException e)
        {
            steps.Add(new($"drkit failback refuses this stack: {e.Message}"));
        }

        steps.Add(new("Within 48 hours: lessons learned, this runbook regenerated, a drill on the changed stack.", Drkit("drill", plan.Stack, " --local")));
        return new RunbookPhase("Fail back", "Return to the primary region safely, in stages.", steps);
    }

    /// <summary>The seeds' cadence: every 15 minutes at level 3 (service down), hourly at level 2, daily at level 1.</summary>
    private static IReadOnlyList<NoticeRow> Notices(DrPlan plan)
    {
        var severity = plan.Components.Count == 0 ? AlarmSeverity.Medium : plan.Components.Max(c => AlarmPlanner.SeverityOf(c.Tier));
        return
        [
            new("On-call SRE", "at once", "the alarm, the readiness score, the decision deadline", $"alarm topics ({severity} and below)"),
            new("Operations manager", "within 15 minutes of a confirmed regional outage", "scope, deadline, recommendation to fail over or wait", "phone, incident channel"),
            new("Customers and status page", "every 15 minutes while the service is down (level 3); hourly while degraded (level 2)", "impact, expected recovery time, workarounds", "status page"),
            new("Business continuity director", $"when estimated recovery exceeds {DurationText.Format(DisasterDeclarationAbove)}", "disaster declaration request", "phone"),
            new("Everyone involved", "within 48 hours after recovery", "lessons learned, measured RTO and RPO against the targets", "post-incident review"),
        ];
    }
}
