using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Steps;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Programs;

/// <summary>
/// Returns a failed-over stack to its primary region: checks that each data tier's primary-region member has
/// resynced, moves traffic back gradually (10% -> 50% -> 100% by default) while watching the error rate, rolling a
/// stage back when it rises, and only then returns the writers to the primary region (Redis Global Datastores
/// through the AWS CLI first).
/// </summary>
public sealed class FailbackProgram(
    IStackGateway gateway, GlobalDatastoreSwitch redis, IFailoverJournal journal, IErrorRateProbe errorRate, TimeProvider time, IFailoverObserver? observer = null)
{
    public const string Name = "failback";
    public const string Resync = "Resync";
    public const string ReturnWriters = "ReturnWriters";

    public static IReadOnlyList<OperationStep> Plan(OperationTopology topology, FailbackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        topology.RequireRecoveryRegion(Name);
        var primary = topology.PrimaryRegion;
        var steps = new List<OperationStep>
        {
            CommonSteps.PrerequisitesStep(CommonSteps.HasGlobalDatastore(topology)),
            CommonSteps.SelectStep(topology.Stack),
            new(Resync, $"gateway.GetOutputs({topology.Stack}): {CommonSteps.Describe(ResyncProbes(topology))}",
                "the primary region must hold a caught-up copy before anything moves back; refuse otherwise"),
            new("Baseline", $"gateway.GetOutputs({topology.Stack}): {OperationsOutputNames.TrafficActiveRegion}, {OperationsOutputNames.TrafficPercent}; read the error rate",
                "the starting point to roll back to and the error-rate baseline"),
        };
        foreach (var percent in settings.Stages)
        {
            steps.Add(new(GradualTrafficShift.StageName(percent),
                $"SetConfig {OpsConfig.TrafficActiveRegion}={primary}, {OpsConfig.TrafficPercent}={percent}; Up; expect {OperationsOutputNames.TrafficPercent}; " +
                $"wait {FailoverProgram.Text(settings.SettleTime)}; read the error rate",
                $"return {percent}% of users; roll back to the previous stage if the error rate exceeds {Rate(settings.MaxErrorRate)} or rises more than {Rate(settings.MaxErrorRateRise)} over the baseline"));
        }

        steps.Add(new(ReturnWriters,
            string.Join(" | ", topology.DataTiers.Select(t =>
                $"{t.Component}: {FailoverProgram.SwitchFirst(t, primary)}SetConfig {OpsConfig.WriterRegion(t.Component)}={primary}, {OpsConfig.Fence(t.Component)}=false, {OpsConfig.Promote(t.Component)}=false")) +
            $"; Up; expect {string.Join(", ", topology.DataTiers.Select(t => $"{OperationsOutputNames.WriterRegion(t.Component)}={primary}"))}",
            "only after all traffic is back: the primary region takes writes again and the recovery members become replicas"));
        return steps;
    }

    public async Task<OperationResult> RunAsync(OperationTopology topology, FailbackSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        topology.RequireRecoveryRegion(Name);
        var primary = topology.PrimaryRegion;
        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, settings.OperationId);
        OperationResult Result(OperationOutcome outcome, string summary, GradualShiftResult? shift = null) =>
            new(Name, topology.Stack, settings.OperationId, outcome, runner.Records, time.GetElapsedTime(start), summary) { Shift = shift };

        await CommonSteps.RunPrerequisitesAsync(runner, gateway, redis, CommonSteps.HasGlobalDatastore(topology), ct).ConfigureAwait(false);
        await runner.RunAsync(CommonSteps.SelectStack, async () =>
        {
            await gateway.SelectStackAsync(topology.Stack, ct).ConfigureAwait(false);
            return $"stack {topology.Stack} selected";
        }).ConfigureAwait(false);

        var target = new StackTarget(gateway, topology.Stack);
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        var failing = topology.DataTiers.Select(t => ResyncBlocker(topology, t, outputs)).OfType<string>().ToList();
        if (failing.Count > 0)
        {
            var detail = string.Join("; ", failing);
            runner.Record(Resync, StepOutcome.Refused, detail);
            return Result(OperationOutcome.Refused,
                $"Refused: {detail}. The primary region holds no caught-up copy, so failback stops at its resync check: no traffic was moved, " +
                $"nothing was changed, and the writers keep serving from {topology.RecoveryRegion}.");
        }

        runner.Record(Resync, StepOutcome.Completed, "primary-region members resynced within RPO");
        var shift = await new GradualTrafficShift(time, journal, observer).RunAsync(new GradualShiftRequest
        {
            OperationId = settings.OperationId,
            TrafficSwitch = new StackTrafficSwitch(target),
            ErrorRate = errorRate,
            TargetRegion = primary,
            Stages = settings.Stages,
            SettleTime = settings.SettleTime,
            MaxErrorRate = settings.MaxErrorRate,
            MaxErrorRateRise = settings.MaxErrorRateRise,
            StepTimeout = settings.StepTimeout,
        }, ct).ConfigureAwait(false);
        runner.Add(shift.Steps);
        if (shift.Outcome != GradualShiftOutcome.Completed)
        {
            var outcome = shift.Outcome == GradualShiftOutcome.RolledBack ? OperationOutcome.RolledBack : OperationOutcome.Failed;
            return Result(outcome, $"{shift.Reason} Writers stay in the recovery region.", shift);
        }

        await runner.RunAsync(ReturnWriters, async () =>
        {
            // The stack cannot move a Global Datastore's primary; the AWS CLI does, before the stack records it.
            var current = await target.OutputsAsync(ct).ConfigureAwait(false);
            foreach (var tier in topology.DataTiers.Where(t => t.Kind == PromotionKind.GlobalDatastore))
            {
                await redis.MakePrimaryAsync(GlobalDatastoreMember.From(current, topology.Stack, tier.Component, primary), ct).ConfigureAwait(false);
            }

            var values = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
            foreach (var tier in topology.DataTiers)
            {
                values[OpsConfig.WriterRegion(tier.Component)] = ConfigSetting.Plain(primary);
                values[OpsConfig.Fence(tier.Component)] = ConfigSetting.Plain(OpsConfig.Text(false));
                values[OpsConfig.Promote(tier.Component)] = ConfigSetting.Plain(OpsConfig.Text(false));
            }

            var after = await target.ApplyAsync(values, ct).ConfigureAwait(false);
            var wrong = topology.DataTiers.Where(t => !string.Equals(after.Text(OperationsOutputNames.WriterRegion(t.Component)), primary, StringComparison.OrdinalIgnoreCase))
                .Select(t => $"{OperationsOutputNames.WriterRegion(t.Component)}={after.Text(OperationsOutputNames.WriterRegion(t.Component)) ?? "(missing)"}").ToList();
            return wrong.Count == 0
                ? $"writers back in {primary}: {string.Join(", ", topology.DataTiers.Select(t => t.Component))}"
                : throw new StackCommandFailedException($"after deploying {topology.Stack}, expected writers in {primary}, got {string.Join(", ", wrong)}");
        }).ConfigureAwait(false);
        return Result(OperationOutcome.Succeeded, $"{topology.Stack} serves from {primary} again; writers returned.", shift);
    }

    /// <summary>Why a tier cannot fail back yet, or null when its primary-region member has resynced within the RPO.</summary>
    internal static string? ResyncBlocker(OperationTopology topology, DataTierSpec tier, StackOutputs outputs)
    {
        var output = OperationsOutputNames.ResyncLagSeconds(tier.Component);
        var check = OutputCheck.AtMost($"{tier.Component} resync", output, tier.RpoTarget.TotalSeconds, "s").Check(outputs);
        if (check.Healthy)
        {
            return null;
        }

        if (outputs.Number(output) is not null)
        {
            return $"{tier.Component}: {check.Detail}";
        }

        return tier.Kind == PromotionKind.ReadReplica
            ? $"{tier.Component}: RDS failback needs the {topology.PrimaryRegion} instance re-seeded from the promoted writer in {topology.RecoveryRegion} " +
              $"(a new cross-region read replica of it). The AWS stack does not declare that re-seed yet, so it exports no {output} and " +
              $"drkit failback cannot return {tier.Component}; see 'Known limitation: RDS failback' in docs/operations.md"
            : $"{tier.Component}: output {output} is missing, so the lag of the {topology.PrimaryRegion} member behind the writer in " +
              $"{topology.RecoveryRegion} is unknown";
    }

    internal static IReadOnlyList<IOutputProbe> ResyncProbes(OperationTopology topology) =>
    [
        .. topology.DataTiers.Select(t => OutputCheck.AtMost($"{t.Component} resync", OperationsOutputNames.ResyncLagSeconds(t.Component), t.RpoTarget.TotalSeconds, "s")),
    ];

    private static string Rate(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "(off)";
}
