using DrKit.Core.Model;
using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Platforms.Azure;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Runbooks;

/// <summary>
/// Builds a stack's runbook from its plan, following the seeds' runbook template (detect, assess, decide, execute,
/// verify, communicate, recover) with this stack's alarms, thresholds, exact <c>drkit</c> commands (dry runs first),
/// the failover and failback programs' own steps, decision authority by expected recovery time, and the last drill.
/// </summary>
public static partial class RunbookBuilder
{
    /// <summary>The seeds' decision authority: a full disaster declaration when estimated recovery exceeds 4 hours.</summary>
    public static readonly TimeSpan DisasterDeclarationAbove = TimeSpan.FromHours(4);

    public static Runbook Build(DrPlan plan, DrillSummary drills)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(drills);
        var topology = OperationTopology.From(plan);
        var azure = AzureFailover.Runs(topology);
        // An Azure stack declares no CloudWatch alarm, canary or topic.
        var alarms = azure ? [] : AlarmPlanner.Decide(plan);
        var decisions = plan.Components.Select(Decision).ToList();
        return new Runbook(
            plan.Stack,
            plan.Service,
            plan.PrimaryRegion,
            plan.RecoveryRegions,
            DurationText.Format(plan.ServiceRto),
            plan.ServiceRpo is { } rpo ? DurationText.Format(rpo) : "n/a",
            ReadinessScorer.AlertThreshold,
            azure
                ? AzurePhases(plan, topology, decisions)
                : [Detect(plan, alarms), Assess(plan, topology), Decide(plan, decisions), Execute(plan, topology), Verify(plan, topology), Communicate(plan), FailBack(plan, topology)],
            alarms,
            decisions,
            Notices(plan),
            drills,
            plan.Components.Select(c => (c.Name, c.Estimate.Rto, c.Target.Rto)).ToList())
        {
            LiveReadiness = !azure,
        };
    }

    /// <summary>
    /// Fail over once the outage has lasted the component's RTO target minus its estimated recovery time: later,
    /// the target cannot be met any more. A component whose estimate already exceeds the target fails over at once.
    /// </summary>
    public static DecisionRow Decision(ComponentPlan c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var deadline = AlarmPlanner.DecisionDeadline(c);
        var targets = $"RTO {DurationText.Format(c.Target.Rto)}" + (c.Target.Rpo is { } rpo ? $", RPO {DurationText.Format(rpo)}" : string.Empty);
        var estimate = $"RTO {DurationText.Format(c.Estimate.Rto)}" + (c.Estimate.Rpo is { } erpo ? $", RPO {DurationText.Format(erpo)}" : string.Empty);
        var failOver = c.Strategy == Strategy.BackupRestore
            ? $"the primary copy is lost or corrupt, or unavailable for {Text(deadline)}: restore from backup"
            : deadline == TimeSpan.Zero
                ? "at once on a confirmed regional outage: the estimate already uses the whole RTO"
                : $"the primary region has been unavailable for {Text(deadline)}";
        var wait = c.Kind is ComponentKind.Postgres or ComponentKind.Redis && c.Target.Rpo is { } lagRpo
            ? $"the outage should end within {Text(deadline)}, or replica lag exceeds {DurationText.Format(lagRpo)} (failing over would lose more than the RPO: only with --force --reason and the authority's approval)"
            : $"the outage should end within {Text(deadline)}";
        return new DecisionRow(c.Name, Names.Of(c.Tier), Names.Of(c.Strategy), targets, estimate, deadline, failOver, wait, Authority(c.Estimate.Rto, c.Strategy));
    }

    /// <summary>The seeds' authority levels: SREs for automated failovers, operations managers for manual regional switches,
    /// business continuity directors for full disaster declarations above 4 hours of estimated recovery.</summary>
    public static string Authority(TimeSpan estimatedRecovery, Strategy strategy) =>
        estimatedRecovery > DisasterDeclarationAbove ? "business continuity director (disaster declaration)"
        : strategy is Strategy.ActiveActive ? "on-call SRE (automatic: health-checked routing)"
        : "operations manager (manual regional switch)";

    private static string Text(TimeSpan t) => t == TimeSpan.Zero ? "0s" : DurationText.Format(t);

    private static string Drkit(string verb, string stack, string extra = "") => $"drkit {verb} {stack}{extra}";
}
