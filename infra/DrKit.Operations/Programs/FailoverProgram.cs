using System.Globalization;
using DrKit.Core.Planning;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Steps;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Programs;

/// <summary>
/// Fails a stack over to its recovery region without depending on the region that failed. Every call before traffic
/// moves goes to the recovery region or a data plane, except the best-effort, bounded fence of the old primary:
/// RDS replicas are promoted with <c>promote-read-replica</c> in the recovery region, Redis Global Datastores are
/// switched there, the recovery Auto Scaling group is scaled there, and traffic moves through the ARC routing-control
/// data plane. Nothing is deployed: each effect is recorded in the stack's config so the next <c>pulumi up</c> keeps it.
/// Readiness and verification read the cloud (instance roles, lag from CloudWatch, instances in service, reservation
/// headroom, routing control states), never values the stack repeats from its config. Tiers and GPU inference on
/// Kubernetes run through the same engine with the kubectl adapters of <see cref="KubernetesFailover"/>, every call to
/// the recovery cluster's context except the bounded fence of the primary cluster.
/// </summary>
public sealed partial class FailoverProgram(
    IStackGateway gateway, GlobalDatastoreSwitch redis, ReplicaLagReader lag, AwsCli aws, IFailoverJournal journal, TimeProvider time, IFailoverObserver? observer = null,
    ModelProviderSwitch? models = null, Kubectl? kubectl = null, IWalReceiverReader? walReader = null, HttpClient? http = null,
    Platforms.Azure.AzCli? az = null, IHostResolver? dns = null)
{
    public const string Name = "failover";

    /// <summary>Flips each model-provider chain's switch parameter in the recovery region just before traffic shifts there
    /// (a recovery-region data call only, so it cannot wait on the failed region).</summary>
    public const string SwitchModelProvider = FailoverSteps.SwitchModelProvider;

    /// <summary>The steps a run takes with the exact AWS CLI calls and their regions, calling nothing.</summary>
    public static IReadOnlyList<OperationStep> Plan(OperationTopology topology, FailoverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        var recovery = topology.RequireRecoveryRegion(Name);
        RequireDataTiers(topology);
        if (Platforms.Azure.AzureFailover.Runs(topology))
        {
            return AzurePlan(topology, settings, recovery);
        }

        var switches = ProviderSwitches(topology, settings, recovery);
        return
        [
            .. FailoverPlanText.Steps(topology, settings, recovery, AwsFailoverTargets.Placeholders(topology, recovery)).SelectMany(s =>
                s.Name == FailoverSteps.ShiftTraffic && switches.Count > 0
                    ? [.. ProviderReadSteps(topology, switches, recovery), new OperationStep(SwitchModelProvider, string.Join(" | ", switches.Select(ModelProviderSwitch.Describe)),
                        "the application in the recovery region uses a model provider that survives the failed region before users arrive there " +
                        "(shown for a chain on its first rung; a chain on another rung that survives and passes its probe stays on it)"), s]
                    : new[] { s }),
        ];
    }

    /// <summary>The dry run's read of each chain's current rung in the recovery region, and the rungs' probes.</summary>
    private static IEnumerable<OperationStep> ProviderReadSteps(OperationTopology topology, IReadOnlyList<Core.Providers.ProviderSwitch> switches, string recovery)
    {
        yield return new OperationStep(ModelSwitchProgram.ReadActive,
            string.Join(" | ", switches.Select(s => GlobalDatastoreSwitch.CommandLine(ModelProviderSwitch.GetArguments(s)))),
            "the rung each chain runs on now, read in the recovery region (an earlier switch-model may have moved it); an unreadable value counts as the first rung");
        var rungs = Chains(topology).SelectMany(c => c.Providers).Where(p => p.Probed).ToList();
        if (rungs.Count > 0)
        {
            var probes = rungs.Where(r => RecoveryProbe(r, recovery) is not null).Select(r => RungHealthProbe.Describe(r, recovery));
            yield return new OperationStep(ModelSwitchProgram.ProbeHealth, string.Join(" | ", probes.Concat(Unprobed(rungs, topology.PrimaryRegion, recovery))),
                "through the recovery region's application, in parallel, each bounded: a rung whose health check fails is not switched to, nor kept; " +
                "when every probe fails, the probe path is taken as broken and the switch is decided as if nothing had been probed");
        }
    }

    /// <summary>
    /// A rung's probe URL through the application in the recovery region; null when it declares one URL for every region:
    /// a global name still routes to the failed region until traffic moves, so asking it would wait on that region and
    /// report every rung down.
    /// </summary>
    private static string? RecoveryProbe(Core.Model.ProviderRungSpec rung, string recovery) => rung.HealthCheckUrls.GetValueOrDefault(recovery);

    private static IEnumerable<string> Unprobed(IEnumerable<Core.Model.ProviderRungSpec> rungs, string failed, string recovery) =>
        rungs.Where(r => r.Probed && RecoveryProbe(r, recovery) is null).Select(r => r.HealthCheckUrls.Count == 0
            ? $"{r.Name} not probed: its one healthCheckUrl may route to {failed} until traffic moves (declare healthCheckUrl per region)"
            : $"{r.Name} not probed: no healthCheckUrl for {recovery}");

    private static IEnumerable<ModelProviderSettings> Chains(OperationTopology topology) =>
        topology.Components.Select(c => c.Settings).OfType<ModelProviderSettings>().Where(s => s.SwitchParameter is not null);

    /// <summary>The switch parameters a failover to <paramref name="recovery"/> writes (parameter-switched chains only).</summary>
    internal static IReadOnlyList<Core.Providers.ProviderSwitch> ProviderSwitches(OperationTopology topology, FailoverSettings settings, string recovery) =>
        Core.Providers.ProviderFailover.Decide(topology.Components, topology.PrimaryRegion, recovery, settings.ProvidersDown);

    public async Task<OperationResult> RunAsync(OperationTopology topology, FailoverSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        var recovery = topology.RequireRecoveryRegion(Name);
        RequireDataTiers(topology);
        if (Platforms.Azure.AzureFailover.Runs(topology))
        {
            return await RunAzureAsync(topology, settings, recovery, ct).ConfigureAwait(false);
        }

        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, settings.OperationId);
        var kube = KubernetesFailover.Runs(topology) ? kubectl ?? new Kubectl(new ProcessCloudCommand(time)) : null;
        await CommonSteps.RunPrerequisitesAsync(runner, gateway, redis, awsCli: true, kube, ct).ConfigureAwait(false);
        await CommonSteps.RunSelectStackAsync(runner, gateway, topology.Stack, ct).ConfigureAwait(false);
        if (kube is not null)
        {
            await runner.RunAsync(KubeAccess.Step, () => KubeAccess.CheckAsync(kube, KubeAccess.Required(topology, recovery), ct)).ConfigureAwait(false);
        }

        var target = new StackTarget(gateway, topology.Stack);
        // Outputs come from the Pulumi backend, read once: they name the resources, they never stand in for their state.
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        var ids = AwsFailoverTargets.From(topology, recovery, outputs);
        await RefuseWhileAdoptionPendingAsync(topology.Stack, ids, ct).ConfigureAwait(false);
        var state = new StackStateRecord(gateway, topology.Stack);
        var ssm = new SsmRunCommand(aws, time);
        var promoters = topology.DataTiers.Select(t => t.Kind switch
        {
            _ when KubernetesFailover.Handles(t) => KubernetesFailover.Promoter(topology, t, recovery, kube!, target, time),
            PromotionKind.ReadReplica => (IDataPromoter)new RdsReplicaPromoter(aws, ids.Rds.Single(r => r.Component == t.Component), lag, state, time),
            PromotionKind.SelfManagedStandby => new SelfManagedPostgresPromoter(aws, ssm, ids.SelfManaged.Single(r => r.Component == t.Component), state),
            _ => new GlobalDatastorePromoter(redis, ids.Redis.Single(r => r.Component == t.Component), lag, outputs, state),
        }).ToList();
        var capacity = (kube is null ? null : KubernetesFailover.Capacity(topology, recovery, kube, target))
            ?? new AutoScalingCapacity(aws, recovery, ids.AutoScalingGroup, ids.CapacityReservation, state);
        var traffic = new RoutingControlTraffic(aws, ids.RoutingControls, ids.RoutingEndpoints, state) { Time = time };
        var switchRunner = new ProgramRunner(time, observer, settings.OperationId);
        string? switchFailure = null;
        var request = new FailoverRequest
        {
            OperationId = settings.OperationId,
            DataTiers = [.. promoters.Select((p, i) => new DataTier(p, topology.DataTiers[i].RpoTarget) { CatchUp = CatchUpOf(p, outputs, topology.Stack, walReader) })],
            ReadinessProbes = [.. ReadinessProbes(topology, recovery).Select(p => new OutputHealthProbe(target, p, time))],
            Capacity = capacity,
            DesiredRunning = topology.DesiredRunning,
            TrafficSwitch = new SwitchFirstTrafficSwitch(traffic, recovery,
                async c => switchFailure = await SwitchProvidersAsync(switchRunner, topology, settings, recovery, c).ConfigureAwait(false)),
            RecoveryRegion = recovery,
            VerificationProbes = [.. VerificationChecks(promoters, traffic, capacity, topology.DesiredRunning, recovery), .. EndpointChecks(topology, recovery, outputs, http, time)],
            Timeouts = settings.Timeouts,
            Force = settings.Force,
            ForceReason = settings.ForceReason,
        };
        return await RunEngineAsync(topology, settings, recovery, start, runner, request, promoters, switchRunner.Records, () => switchFailure, ct).ConfigureAwait(false);
    }

    /// <summary>Runs the engine on a built request and reports it: lag sources on the readiness record, the RTO, unconfirmed fences.</summary>
    private async Task<OperationResult> RunEngineAsync(
        OperationTopology topology, FailoverSettings settings, string recovery, long start, ProgramRunner runner, FailoverRequest request,
        IReadOnlyList<IDataPromoter> promoters, IReadOnlyList<StepRecord> beforeShift, Func<string?> afterShiftFailure, CancellationToken ct)
    {
        var engine = new FailoverEngine(time, journal, observer);
        var result = await engine.RunAsync(request, ct).ConfigureAwait(false);
        if (result.Outcome == FailoverOutcome.Succeeded)
        {
            // Real state, not this run's bookkeeping: a resumed run whose Promote an earlier run completed reads each writer
            // parameter back in the recovery region and writes it again if it does not hold the writer's address.
            foreach (var rds in promoters.OfType<RdsReplicaPromoter>())
            {
                await rds.ReconcilePublicationAsync(ct).ConfigureAwait(false);
            }
        }

        var switchFailure = afterShiftFailure();
        var lagSources = LagSources(promoters);
        // The engine's readiness record says whether lag was within the RPO; where each figure came from is added here.
        var published = WriterAddressPublisher.Report(promoters);
        runner.Add(result.Steps.Select(s => s.Name == FailoverSteps.Readiness && lagSources.Length > 0 ? s with { Detail = $"{s.Detail}; replica lag: {lagSources}" } : s)
            .Select(s => s.Name == FailoverSteps.Promote && published.Length > 0 ? s with { Detail = $"{s.Detail}; writer address: {published}" } : s)
            .SelectMany(s => s.Name == FailoverSteps.ShiftTraffic ? [.. beforeShift, s] : new[] { s }));
        var outcome = OperationOutcomes.Of(result.Outcome);
        // Like a failed model switch: everything serves from the recovery region, but applications reading the writer
        // parameter there still connect to the old writer, so the run is not done.
        switchFailure ??= outcome == OperationOutcome.Succeeded ? WriterAddressPublisher.Failure(promoters) : null;
        if (outcome == OperationOutcome.Succeeded && switchFailure is not null)
        {
            outcome = OperationOutcome.Failed;
        }

        var elapsed = time.GetElapsedTime(start);
        var unconfirmed = result.UnconfirmedFences.Count == 0
            ? string.Empty
            : $" FENCE NOT CONFIRMED for {string.Join(", ", result.UnconfirmedFences)}: the old primary may still accept writes if its region comes back; fence it before failing back. When that region returns, run pulumi up before anything there serves or runs jobs: it applies the fence and rewrites the writer parameters there, which still name the old primary.";
        var summary = outcome == OperationOutcome.Succeeded
            ? $"{topology.Stack} serves from {recovery}. Measured RTO {Text(elapsed)} against target {Text(topology.RtoTarget)}" +
              (elapsed <= topology.RtoTarget ? " (met)." : " (MISSED).") + unconfirmed
            : outcome == OperationOutcome.Refused
                ? $"{result.Reason} Replica lag: {lagSources}. To accept unknown or excess lag, re-run with --force --reason \"<why>\" (journaled)."
                : (switchFailure ?? result.Reason ?? outcome.ToString()) + unconfirmed;
        return new OperationResult(Name, topology.Stack, settings.OperationId, outcome, runner.Records, elapsed, summary)
        {
            Failover = result,
            MeasuredRto = outcome == OperationOutcome.Succeeded ? elapsed : null,
        };
    }

    /// <summary>
    /// Reads each chain's current rung in the recovery region and probes the rungs, lets the core decide
    /// (<see cref="Core.Providers.ProviderFailover.Decide"/>), then writes each switch parameter; returns why it failed, or
    /// null. An unreadable value is decided as unknown (from the first rung) and said so: the read never holds the
    /// failover. Without the adapter the step is skipped and says what to run.
    /// </summary>
    private async Task<string?> SwitchProvidersAsync(ProgramRunner runner, OperationTopology topology, FailoverSettings settings, string recovery, CancellationToken ct)
    {
        var planned = ProviderSwitches(topology, settings, recovery);
        if (planned.Count == 0)
        {
            return null;
        }

        if (models is null)
        {
            runner.Record(SwitchModelProvider, StepOutcome.Skipped, $"no model-provider switch adapter; run by hand: {string.Join(" | ", planned.Select(ModelProviderSwitch.Describe))}");
            return null;
        }

        var current = await runner.RunAsync(ModelSwitchProgram.ReadActive, async () =>
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            var read = new List<string>();
            foreach (var p in planned)
            {
                try
                {
                    values[p.Component] = await models.ReadAsync(p.Parameter, recovery, ct).ConfigureAwait(false);
                    read.Add($"{p.Parameter} in {recovery} = {values[p.Component] ?? "(not found)"}");
                }
                catch (CloudCommandFailedException e)
                {
                    read.Add($"{p.Parameter} in {recovery} unreadable, decided from the first rung: {e.Message}");
                }
            }

            return ((IReadOnlyDictionary<string, string?>)values, string.Join("; ", read));
        }).ConfigureAwait(false);
        var rungs = Chains(topology).SelectMany(c => c.Providers).ToList();
        IReadOnlyDictionary<string, bool> healthy = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (http is not null && rungs.Any(r => r.Probed))
        {
            healthy = await runner.RunAsync(ModelSwitchProgram.ProbeHealth, async () =>
            {
                var probed = await new RungHealthProbe(http, time).ProbeAsync(rungs, r => RecoveryProbe(r, recovery), ct).ConfigureAwait(false);
                var said = probed.Select(p => $"{p.Key} {(p.Value ? "healthy" : "UNHEALTHY")} (through {recovery})")
                    .Concat(Core.Providers.ProviderFailover.ProbePathBroken(probed)
                        ? ["every probe failed: taken as a broken probe path, not every provider down; the switch is decided as if nothing had been probed"]
                        : [])
                    .Concat(Unprobed(rungs, topology.PrimaryRegion, recovery));
                return (probed, string.Join("; ", said));
            }).ConfigureAwait(false);
        }

        var switches = Core.Providers.ProviderFailover.Decide(topology.Components, topology.PrimaryRegion, recovery, settings.ProvidersDown, current, healthy);
        try
        {
            await runner.RunAsync(SwitchModelProvider, async () =>
            {
                var done = new List<string>();
                foreach (var target in switches)
                {
                    done.Add(await models.FlipAsync(target, ct).ConfigureAwait(false));
                }

                return string.Join("; ", done);
            }).ConfigureAwait(false);
            return null;
        }
        catch (CloudCommandFailedException e)
        {
            return $"Data, compute and traffic are in the recovery region, but the model-provider switch failed: {e.Message}";
        }
    }

    /// <summary>Verification from the cloud: each recovery member a writer, the recovery region's control alone On, the group in service.</summary>
    private IReadOnlyList<IHealthProbe> VerificationChecks(
        IReadOnlyList<IDataPromoter> promoters, ITrafficSwitch traffic, IRecoveryCapacity capacity, int desired, string recovery) =>
    [
        .. promoters.Select(p => KubernetesFailover.WriterCheck(p, time) ?? CloudCheck.Writer(p, "recovery member is a writer", time)),
        .. promoters.OfType<SelfManagedPostgresPromoter>().Select(p => new CloudCheck($"{p.Name} WAL archive", $"first segment archived in {recovery}", p.ArchivedAsync, time)),
        CloudCheck.OnlyOn(traffic, recovery, time),
        new CloudCheck("capacity", $"{desired} in service", async ct =>
        {
            var now = await capacity.GetAsync(ct).ConfigureAwait(false);
            return (now.Running >= desired, $"{now.Running}/{desired} in service");
        }, time),
    ];

    /// <summary>RDS tiers judge a switchover on WAL positions when a reader is given (their ReplicaLag never reads 0 once fenced);
    /// self-managed tiers on the fence checkpoint.</summary>
    private static ISwitchoverCatchUp? CatchUpOf(IDataPromoter promoter, StackOutputs outputs, string stack, IWalReceiverReader? reader) => promoter switch
    {
        RdsReplicaPromoter when reader is not null => RdsSwitchoverCatchUp.From(reader, outputs, stack, promoter.Name),
        // Judged on the fence checkpoint, which a resumed run reads again from the stopped server.
        SelfManagedPostgresPromoter self => self,
        _ => null,
    };

    /// <summary>Users reach the recovery region: its health-check URL answers, and keeps answering through Route 53's checks and the TTL.</summary>
    internal static IEnumerable<IHealthProbe> EndpointChecks(OperationTopology topology, string recovery, StackOutputs outputs, HttpClient? http, TimeProvider time) =>
        http is not null && topology.Traffic is { } traffic
            && Uri.TryCreate(outputs.Text(OperationsOutputNames.Endpoint(recovery)), UriKind.Absolute, out var url)
            ? [new EndpointSettleCheck(http, url, traffic.Settle, time, recovery)]
            : [];

    private static string LagSources(IEnumerable<IDataPromoter> promoters) =>
        string.Join("; ", promoters.Select(p => (p.Name, Lag: p switch
        {
            RdsReplicaPromoter r => r.LastLag,
            GlobalDatastorePromoter g => g.LastLag,
            SelfManagedPostgresPromoter s => s.LastLag,
            _ => KubernetesFailover.LastLag(p) ?? Platforms.Azure.AzureFailover.LastLag(p),
        })).Where(p => p.Lag is not null).Select(p => $"{p.Name}: {p.Lag!.Source}"));

    /// <summary>
    /// A failback recorded <c>adopt.&lt;c&gt;</c> but the stack was not deployed since: its outputs still name the instances of
    /// the failed-over world (the fenced old primary, the old recovery writer), so a failover would fence and promote the
    /// wrong ones and route users to a stale writer. Read from the stack's config, which the failover already writes
    /// (the Pulumi backend, no cloud call); the deployed identifier equals the adopted one once the adopting up ran.
    /// </summary>
    private async Task RefuseWhileAdoptionPendingAsync(string stack, AwsFailoverTargets ids, CancellationToken ct)
    {
        if (ids.Rds.Count == 0)
        {
            return;
        }

        var config = await gateway.GetConfigAsync(stack, ct).ConfigureAwait(false);
        var pending = ids.Rds
            .Select(r => (Tier: r, Adopted: config.GetValueOrDefault(OpsConfig.Adopt(r.Component))?.Value))
            .Where(p => !string.IsNullOrEmpty(p.Adopted) && p.Adopted != p.Tier.PrimaryInstance)
            .ToList();
        if (pending.Count > 0)
        {
            throw new OperationRefusedException(
                $"Stack {stack} has a failback's writer that is not adopted yet: {string.Join("; ", pending.Select(p =>
                    $"{p.Tier.Component} (its writer is {p.Adopted}, re-seeded by a failback; the deployed stack still names {p.Tier.PrimaryInstance})"))}. Its outputs still name the failed-over " +
                "instances, so a failover would fence and promote the wrong ones, and no replica of that writer exists outside its region. With the primary " +
                $"region up, run {FailbackProgram.AdoptionCommands(stack, [.. pending.Select(p => p.Tier.Component)])} (it imports the writer and creates its new " +
                "replica), then fail over. With the primary region down nothing can be promoted: the only copy elsewhere is the fenced old recovery writer, " +
                "whose data stops at the failback (restore or unfence it by hand). Nothing was changed.");
        }
    }

    private static void RequireDataTiers(OperationTopology topology)
    {
        if (topology.DataTiers.Count == 0)
        {
            throw new OperationRefusedException(
                $"Stack {topology.Stack} has no promotable data tier (no Postgres cross-region replica, no Redis Global Datastore, no CloudNativePG replica cluster, no Redis replicating from the primary cluster); " +
                "a failover would move traffic to a region without data. Nothing was changed.");
        }
    }

    internal static IReadOnlyList<IOutputProbe> ReadinessProbes(OperationTopology topology, string recovery) =>
    [
        OutputCheck.Present($"endpoint {recovery}", OperationsOutputNames.Endpoint(recovery)),
        .. ArtifactProbes(topology, recovery),
    ];

    /// <summary>Artifacts in place: every replicated bucket and registry the plan declares has its recovery-region member.</summary>
    internal static IEnumerable<IOutputProbe> ArtifactProbes(OperationTopology topology, string recovery) =>
        topology.Components.SelectMany<ComponentPlan, IOutputProbe>(c => c.Settings switch
        {
            BucketSettings { Replicate: true } or VectorIndexSettings { Store.Replicate: true } =>
                [OutputCheck.PresentIn($"{c.Name} in {recovery}", OperationsOutputNames.BucketNames, c.Name, recovery)],
            RegistrySettings { Replicate: true } =>
                [OutputCheck.PresentIn($"{c.Name} in {recovery}", OperationsOutputNames.EcrRepositoryUrls, c.Name, recovery)],
            _ => [],
        });

    /// <summary>A duration as DrKit prints it (1h30m, 45s).</summary>
    public static string Text(TimeSpan span) => Core.Objectives.DurationText.Format(span);
}
