using System.Globalization;
using DrKit.Core.Platforms.Aws;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

/// <summary>
/// Returns a failed-over stack to its primary region. Resync reads from the cloud whether each tier's primary-region
/// copy is caught up (an RDS tier is re-seeded there first: a new cross-region replica of the promoted writer). The
/// primary region's routing control is turned back On, then traffic returns gradually by record weight (10% -> 50% ->
/// 100% by default) while the error rate is watched, a stage rolling back when it rises. Only then do the writers
/// return, through the failover engine run in reverse from the recovery region to the primary: fence the recovery
/// writer, wait for lag 0, promote the re-seeded replica or switch the Global Datastore, and leave the primary region's
/// routing control alone On. That run is journaled, so a crash resumes it without a second promotion. A stack with
/// data or inference on Kubernetes fails back as a reverse CNPG switchover instead (<see cref="Platforms.Kubernetes.KubernetesFailback"/>).
/// </summary>
public sealed partial class FailbackProgram(
    IStackGateway gateway, GlobalDatastoreSwitch redis, ReplicaLagReader lag, AwsCli aws, IFailoverJournal journal, IErrorRateProbe errorRate,
    TimeProvider time, IFailoverObserver? observer = null, Platforms.Kubernetes.Kubectl? kubectl = null, ModelProviderSwitch? models = null, RungHealthProbe? health = null,
    Platforms.Azure.AzCli? az = null)
{
    public const string Name = "failback";
    public const string Resync = "Resync";
    public const string PrimaryOn = "PrimaryOn";
    public const string WeightsToRecovery = "WeightsToRecovery";
    public const string ReturnWriters = "ReturnWriters";

    /// <summary>Before any traffic returns, writes the rung the recovery region serves on into every other region's switch.</summary>
    public const string AlignModelProvider = "AlignModelProvider";

    /// <summary>Puts each parameter-switched model-provider chain back on its primary rung once that rung's health check passes.</summary>
    public const string ResetModelProvider = "ResetModelProvider";

    /// <summary>The steps a run takes with the exact AWS CLI calls and their regions, calling nothing.</summary>
    public static IReadOnlyList<OperationStep> Plan(OperationTopology topology, FailbackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        if (Platforms.Azure.AzureFailover.Runs(topology))
        {
            var azureRecovery = topology.RequireRecoveryRegion(Name);
            Platforms.Azure.AzureFailover.RequireSupported(topology, azureRecovery);
            return Platforms.Azure.AzureFailbackPlan.Steps(topology, settings, azureRecovery);
        }

        if (Platforms.Kubernetes.KubernetesFailback.Handles(topology))
        {
            return Platforms.Kubernetes.KubernetesFailback.Plan(topology);
        }

        var recovery = topology.RequireRecoveryRegion(Name);
        var steps = FailbackPlanText.Steps(topology, settings, recovery, AwsFailoverTargets.Placeholders(topology, recovery));
        var align = AlignPlan(topology, recovery);
        var at = steps.ToList().FindIndex(s => s.Name == WeightsToRecovery);
        var adopt = AdoptPlan(topology.Stack, [.. AwsFailoverTargets.Placeholders(topology, recovery).Rds.Select(r => (r.Component, FailbackPlanText.SeedName(r.PrimaryInstance)))], recovery);
        return [.. at < 0 ? steps : steps.Take(at), .. align, .. at < 0 ? [] : steps.Skip(at), .. adopt, .. ResetPlan(topology, recovery)];
    }

    public async Task<OperationResult> RunAsync(OperationTopology topology, FailbackSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        if (Platforms.Azure.AzureFailover.Runs(topology))
        {
            return await RunAzureAsync(topology, settings, topology.RequireRecoveryRegion(Name), ct).ConfigureAwait(false);
        }

        if (Platforms.Kubernetes.KubernetesFailback.Handles(topology))
        {
            return await new Platforms.Kubernetes.KubernetesFailback(gateway, redis, aws, kubectl ?? new Platforms.Kubernetes.Kubectl(new ProcessCloudCommand(time)), journal, time, observer)
                .RunAsync(topology, settings, ct).ConfigureAwait(false);
        }

        var recovery = topology.RequireRecoveryRegion(Name);
        var primary = topology.PrimaryRegion;
        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, settings.OperationId);
        OperationResult Result(OperationOutcome outcome, string summary, GradualShiftResult? shift = null) =>
            new(Name, topology.Stack, settings.OperationId, outcome, runner.Records, time.GetElapsedTime(start), summary) { Shift = shift };

        await CommonSteps.RunPrerequisitesAsync(runner, gateway, redis, awsCli: true, ct).ConfigureAwait(false);
        await CommonSteps.RunSelectStackAsync(runner, gateway, topology.Stack, ct).ConfigureAwait(false);

        var target = new StackTarget(gateway, topology.Stack);
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        var ids = AwsFailoverTargets.From(topology, recovery, outputs);
        var state = new StackStateRecord(gateway, topology.Stack);
        // A re-seed that is already a writer counts as caught up only when this failback's writer switch promoted it (or the
        // recovery writer is fenced): one promoted otherwise may lack writes the recovery writer took meanwhile.
        var writerJournal = await journal.ReadAsync(WritersOperationId(settings.OperationId), ct).ConfigureAwait(false);
        var promoted = writerJournal
            .Where(e => e.Event is JournalEvent.Started or JournalEvent.Completed).Select(e => e.Step).ToHashSet(StringComparer.Ordinal);
        var rds = ids.Rds.ToDictionary(r => r.Component, r => RdsFailbackTargets.From(outputs, topology.Stack, r.Component, primary, recovery) is { } targets
            ? new RdsFailback(aws, lag, r, targets, time)
            {
                PollInterval = settings.SeedPollInterval,
                ParameterWait = settings.ParameterWait,
                PromotedByThisOperation = promoted.Contains($"{FailoverSteps.Promote}:{r.Component}"),
            }
            : null, StringComparer.Ordinal);
        var resync = new FailbackResync(redis, lag, outputs, topology.Stack, time) { SeedWait = settings.SeedWait };
        var failing = new List<string>();
        foreach (var tier in topology.DataTiers)
        {
            if (await resync.BlockerAsync(topology, tier, rds.GetValueOrDefault(tier.Component), ct).ConfigureAwait(false) is { } blocker)
            {
                failing.Add(blocker);
            }
        }

        if (failing.Count > 0)
        {
            var detail = string.Join("; ", failing);
            runner.Record(Resync, StepOutcome.Refused, detail);
            return Result(OperationOutcome.Refused,
                $"Refused: {detail}. The primary region holds no caught-up copy yet, so failback stops at its resync check: no traffic was moved, " +
                $"no writer changed, and the writers keep serving from {recovery}.");
        }

        runner.Record(Resync, StepOutcome.Completed, $"primary-region copies caught up within RPO: {string.Join(", ", topology.DataTiers.Select(t => t.Component))}" +
            string.Concat(rds.Values.OfType<RdsFailback>().Select(r => $"; {r.Replica}: {r.LastLag?.Source}")));

        // The primary region's switch first: users routed back must call the rung the recovery region serves on.
        if (await AlignProvidersAsync(runner, topology, recovery, ct).ConfigureAwait(false) is { } misaligned)
        {
            return Result(OperationOutcome.Failed, misaligned);
        }

        var traffic = new RoutingControlTraffic(aws, ids.RoutingControls, ids.RoutingEndpoints, state) { Time = time };
        GradualShiftResult? shift = null;
        if (writerJournal.Count > 0)
        {
            // A resumed run whose writer switch had begun: all traffic was back, and turning the recovery control On
            // again would undo the switch's own traffic step, which the resumed engine does not repeat.
            runner.Record(PrimaryOn, StepOutcome.Skipped, "resumed: the writer switch had begun, so all traffic was already back");
        }
        else
        {
            // A failover deploys nothing, so Route 53 still holds the weights of the last deployment (primary 100): a
            // stack update first puts every weight on the recovery region (the primary region is healthy by now), or
            // turning the primary's control On would send every user back at once, past the stages and their rollback.
            await runner.RunAsync(WeightsToRecovery, async () =>
            {
                await new StackTrafficSwitch(target).ShiftAsync(new TrafficShift(recovery, 100), ct).ConfigureAwait(false);
                return $"weights: 100% {recovery}, 0% {primary} (stack update)";
            }).ConfigureAwait(false);
            // Weights cannot send a single user to a region whose routing control is Off: its record is unhealthy.
            await runner.RunAsync(PrimaryOn, () => traffic.OpenAllAsync(ct)).ConfigureAwait(false);
            shift = await ShiftAsync(target, primary, settings, ct).ConfigureAwait(false);
            runner.Add(shift.Steps);
            if (shift.Outcome != GradualShiftOutcome.Completed)
            {
                var outcome = shift.Outcome == GradualShiftOutcome.RolledBack ? OperationOutcome.RolledBack : OperationOutcome.Failed;
                return Result(outcome, $"{shift.Reason} Writers stay in the recovery region; both routing controls are On and the weights decide.", shift);
            }
        }

        var (writers, promoters) = await ReturnWritersAsync(topology, settings, outputs, ids, rds, state, traffic, ct).ConfigureAwait(false);
        var published = WriterAddressPublisher.Report(promoters);
        runner.Add(writers.Steps.Select(s => s with
        {
            Name = $"{ReturnWriters}:{s.Name}",
            Detail = s.Name == FailoverSteps.Promote && published.Length > 0 ? $"{s.Detail}; writer address: {published}" : s.Detail,
        }));
        var unconfirmed = writers.UnconfirmedFences.Count == 0 ? string.Empty : $" Fence NOT CONFIRMED for {string.Join(", ", writers.UnconfirmedFences)}.";
        if (writers.Outcome != FailoverOutcome.Succeeded)
        {
            return Result(writers.Outcome == FailoverOutcome.RolledBack ? OperationOutcome.RolledBack : OperationOutcome.Failed,
                $"All traffic is in {primary}, but the writers did not return: {writers.Reason}.{unconfirmed} Re-run with --operation-id {settings.OperationId} to resume.", shift);
        }

        if (WriterAddressPublisher.Failure(promoters) is { } unpublished)
        {
            return Result(OperationOutcome.Failed, $"All traffic and the writers are in {primary}. {unpublished}{unconfirmed}", shift);
        }

        var reseeded = rds.Values.OfType<RdsFailback>().ToList();
        if (await AdoptAsync(runner, target, reseeded, recovery, ct).ConfigureAwait(false) is { } unadopted)
        {
            return Result(OperationOutcome.Failed, unadopted + unconfirmed, shift);
        }

        var providers = await ResetProvidersAsync(runner, topology, recovery, ct).ConfigureAwait(false);
        return Result(OperationOutcome.Succeeded, $"{topology.Stack} serves from {primary} again; writers returned: " +
            string.Join(", ", topology.DataTiers.Select(t => rds.GetValueOrDefault(t.Component) is { } r ? $"{t.Component} ({r.Replica})" : t.Component)) + "." + unconfirmed +
            Adoption(reseeded, recovery) + providers, shift);
    }

    /// <summary>What the adopting ups did for each re-seeded RDS writer, and where clients find its endpoint.</summary>
    private static string Adoption(IReadOnlyList<RdsFailback> reseeded, string recovery) => reseeded.Count == 0 ? string.Empty :
        " Adopted by the stack: " + string.Join("; ", reseeded.Select(r =>
            $"{r.Replica} as {r.Component}'s writer (imported), with a new replica in {recovery}; the old primary and the old recovery writer deleted " +
            $"with final snapshots; applications read its address from the parameter {Core.Operations.OperationsOutputNames.WriterParameter(r.Component)} names, in their region")) + ".";

    /// <summary>Traffic back by record weight, stage by stage, watching the error rate (a stack update per stage: the primary region is healthy).</summary>
    private Task<GradualShiftResult> ShiftAsync(StackTarget target, string primary, FailbackSettings settings, CancellationToken ct) =>
        ShiftAsync(new StackTrafficSwitch(target), primary, settings, ct);

    /// <summary>Traffic back to <paramref name="primary"/> through <paramref name="traffic"/>, in the settings' stages, each
    /// held for the settle time and rolled back when the error rate rises.</summary>
    private Task<GradualShiftResult> ShiftAsync(ITrafficSwitch traffic, string primary, FailbackSettings settings, CancellationToken ct) =>
        new GradualTrafficShift(time, journal, observer).RunAsync(new GradualShiftRequest
        {
            OperationId = settings.OperationId,
            TrafficSwitch = traffic,
            ErrorRate = errorRate,
            TargetRegion = primary,
            Stages = settings.Stages,
            SettleTime = settings.SettleTime,
            MaxErrorRate = settings.MaxErrorRate,
            MaxErrorRateRise = settings.MaxErrorRateRise,
            StepTimeout = settings.StepTimeout,
        }, ct);

    /// <summary>The controlled switch back: the failover engine, from the recovery region to the primary, journaled under its own id.</summary>
    private async Task<(FailoverResult Result, IReadOnlyList<IDataPromoter> Promoters)> ReturnWritersAsync(
        OperationTopology topology, FailbackSettings settings, StackOutputs outputs, AwsFailoverTargets ids, IReadOnlyDictionary<string, RdsFailback?> rds,
        StackStateRecord state, RoutingControlTraffic traffic, CancellationToken ct)
    {
        var primary = topology.PrimaryRegion;
        var promoters = topology.DataTiers.Select(t => t.Kind == PromotionKind.ReadReplica
            ? (IDataPromoter)new RdsReplicaPromoter(aws, rds[t.Component]!.Reverse, lag, state, time) { Records = RdsRecords.Failback(t.Component, primary, rds[t.Component]!.Replica), EveryRegionUp = true }
            : new GlobalDatastorePromoter(redis, GlobalDatastoreMember.From(outputs, topology.Stack, t.Component, primary), lag, outputs, state)).ToList();
        // RDS tiers wait on the fenced recovery writer's replication slot lag (bytes), not on ReplicaLag (seconds since the
        // last replayed commit, which grows on a fenced source); SlotLagCatchUp decides.
        ISwitchoverCatchUp? CatchUp(int i) => rds.GetValueOrDefault(topology.DataTiers[i].Component)?.CatchUp;
        var request = new FailoverRequest
        {
            OperationId = WritersOperationId(settings.OperationId),
            DataTiers = [.. promoters.Select((p, i) => new DataTier(p, topology.DataTiers[i].RpoTarget) { CatchUp = CatchUp(i) })],
            ReadinessProbes = [],
            Capacity = new ServingCapacity(),
            DesiredRunning = 0,
            TrafficSwitch = traffic,
            RecoveryRegion = primary,
            VerificationProbes =
            [
                .. promoters.Select(p => CloudCheck.Writer(p, $"{primary} member is a writer", time)),
                CloudCheck.OnlyOn(traffic, primary, time),
            ],
            Timeouts = settings.WriterTimeouts,
        };
        return (await new FailoverEngine(time, journal, observer).RunAsync(request, ct).ConfigureAwait(false), promoters);
    }

    /// <summary>The journal id of the writer switch: its own, so the traffic stages' journal and the engine's never mix.</summary>
    public static string WritersOperationId(string operationId) => $"{operationId}-writers";

    internal static string Rate(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "(off)";
}
