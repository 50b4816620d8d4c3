using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// Failback of a stack whose data runs on Kubernetes: the failover in reverse, through the same engine and rules. The
/// recovery cluster is demoted (its <c>.spec.replica.primary</c> names the primary cluster), its demotion token is
/// read, the primary cluster (a replica of it since the switchover) replays up to the token's WAL location (lag 0) and
/// is promoted with the token in the same patch, as CloudNativePG documents for a switchover
/// (https://cloudnative-pg.io/docs/1.30/replica_cluster/#distributed-topology). Inference in the primary
/// cluster is checked ready, traffic moves back at once through the ARC routing controls (a CNPG topology has one
/// writer, so a gradual split would send a share of writes to a replica), and only then the recovery cluster's
/// inference is scaled back and its placeholders take the GPUs again. Failback never promotes without a token: a
/// recovery cluster that does not confirm its demotion stops the run before two writers can exist.
/// </summary>
public sealed partial class KubernetesFailback(
    IStackGateway gateway, GlobalDatastoreSwitch redis, AwsCli aws, Kubectl kubectl, IFailoverJournal journal, TimeProvider time, IFailoverObserver? observer = null)
{
    public const string ReleaseRecovery = "ReleaseRecovery";

    /// <summary>Whether <paramref name="topology"/> fails back this way: it runs data tiers or inference on Kubernetes.</summary>
    public static bool Handles(OperationTopology topology) => KubernetesFailover.Runs(topology);

    public async Task<OperationResult> RunAsync(OperationTopology topology, FailbackSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        var recovery = topology.RequireRecoveryRegion(FailbackProgram.Name);
        RequireKubernetesTiers(topology);
        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, settings.OperationId);
        await CommonSteps.RunPrerequisitesAsync(runner, gateway, redis, awsCli: true, kubectl, ct).ConfigureAwait(false);
        await CommonSteps.RunSelectStackAsync(runner, gateway, topology.Stack, ct).ConfigureAwait(false);
        // The primary cluster is promoted and read here: the same permissions a failover needs in its recovery cluster.
        await runner.RunAsync(KubeAccess.Step, () => KubeAccess.CheckAsync(kubectl, KubeAccess.Required(topology, topology.PrimaryRegion), ct)).ConfigureAwait(false);

        var target = new StackTarget(gateway, topology.Stack);
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        var ids = AwsFailoverTargets.From(topology, recovery, outputs);
        var state = new StackStateRecord(gateway, topology.Stack);
        var promoters = Promoters(topology, recovery, target).ToList();
        var inference = KubernetesFailover.Inference(topology);
        IRecoveryCapacity capacity = inference is null
            ? new NoCompute()
            : new InferenceCapacity(kubectl, target, inference.Name, KubernetesFailover.Target(inference, topology.PrimaryRegion), (GpuInferenceSettings)inference.Settings)
            {
                RecordsRecoveryCount = false,
            };
        var traffic = new RoutingControlTraffic(aws, ids.RoutingControls, ids.RoutingEndpoints, state) { Time = time };
        var desired = inference is null ? 0 : topology.DesiredRunning;
        var request = new FailoverRequest
        {
            OperationId = settings.OperationId,
            DataTiers = [.. promoters.Select(p => new DataTier(p.Promoter, p.Rpo))],
            ReadinessProbes = [.. ReadinessProbes(topology, recovery, target)],
            Capacity = capacity,
            DesiredRunning = desired,
            TrafficSwitch = traffic,
            RecoveryRegion = topology.PrimaryRegion,
            VerificationProbes =
            [
                .. promoters.Select(p => KubernetesFailover.WriterCheck(p.Promoter, time)!),
                CloudCheck.OnlyOn(traffic, topology.PrimaryRegion, time),
                new CloudCheck("capacity", $"{desired} ready", async c =>
                {
                    var now = await capacity.GetAsync(c).ConfigureAwait(false);
                    return (now.Running >= desired, $"{now.Running}/{desired} ready");
                }, time),
            ],
            Timeouts = FailoverSettings.CloudTimeouts,
        };
        var result = await new FailoverEngine(time, journal, observer).RunAsync(request, ct).ConfigureAwait(false);
        runner.Add(result.Steps);
        if (result.Outcome == FailoverOutcome.Succeeded && inference is not null)
        {
            await ReleaseAsync(runner, inference, recovery, target, ct).ConfigureAwait(false);
        }

        var outcome = OperationOutcomes.Of(result.Outcome);
        var summary = outcome == OperationOutcome.Succeeded
            ? $"{topology.Stack} serves from {topology.PrimaryRegion} again; writers returned with their demotion tokens (no loss)" +
              (inference is null ? "." : $"; {recovery} inference scaled back to {((GpuInferenceSettings)inference.Settings).In(recovery).Running}.")
            : result.Reason ?? outcome.ToString();
        return new OperationResult(FailbackProgram.Name, topology.Stack, settings.OperationId, outcome, runner.Records, time.GetElapsedTime(start), summary) { Failover = result };
    }

    /// <summary>After traffic is back: the recovery cluster runs what the plan runs there again, its placeholders hold the GPUs.</summary>
    private Task ReleaseAsync(ProgramRunner runner, Core.Planning.ComponentPlan inference, string recovery, StackTarget target, CancellationToken ct) =>
        runner.RunAsync(ReleaseRecovery, async () =>
        {
            var running = ((GpuInferenceSettings)inference.Settings).In(recovery).Running;
            var capacity = new InferenceCapacity(kubectl, target, inference.Name, KubernetesFailover.Target(inference, recovery), (GpuInferenceSettings)inference.Settings);
            await capacity.ScaleAsync(running, ct).ConfigureAwait(false);
            return $"{InferenceCapacity.Inference(inference.Name, recovery)} scaled to {running}; its placeholders are scheduled on the GPUs it frees";
        });

    private IEnumerable<(IDataPromoter Promoter, TimeSpan Rpo)> Promoters(OperationTopology topology, string recovery, StackTarget target) =>
        KubernetesFailover.Tiers(topology).Where(t => t.Kind == PromotionKind.CnpgReplicaCluster).Select(t =>
        {
            var c = KubernetesFailover.Component(topology, t.Component);
            var cnpg = (CnpgSettings)c.Settings;
            // Roles swapped: the recovery cluster is demoted, the primary cluster promoted.
            IDataPromoter promoter = new CnpgPromoter(kubectl, target, c.Name, KubernetesFailover.Target(c, recovery), cnpg.Replica!.Name,
                KubernetesFailover.Target(c, topology.PrimaryRegion), cnpg.Primary.Name, time) { Failback = true };
            return (promoter, t.RpoTarget);
        });

    private IEnumerable<IHealthProbe> ReadinessProbes(OperationTopology topology, string recovery, StackTarget target) =>
    [
        new OutputHealthProbe(target, OutputCheck.Present($"endpoint {topology.PrimaryRegion}", OperationsOutputNames.Endpoint(topology.PrimaryRegion)), time),
        .. KubernetesFailover.Tiers(topology).Where(t => t.Kind == PromotionKind.SentinelRedis)
            .Select(t => new RefusedProbe($"{t.Component} resync", RedisRefusal(topology, t.Component, recovery))),
    ];

    /// <summary>Why a Sentinel Redis tier cannot fail back: nothing in the primary region holds its data.</summary>
    internal static string RedisRefusal(OperationTopology topology, string component, string recovery) =>
        $"the {topology.PrimaryRegion} Redis of {component} was retired when its writer moved to {recovery} (the stack scales it to zero), so no " +
        $"{topology.PrimaryRegion} member holds its data, and DrKit does not re-seed Redis across clusters; fail it back by hand (docs/operations.md, Failback on Kubernetes)";

    private static void RequireKubernetesTiers(OperationTopology topology)
    {
        if (topology.DataTiers.FirstOrDefault(t => !KubernetesFailover.Handles(t)) is { } other)
        {
            throw new OperationRefusedException(
                $"Stack {topology.Stack}: {other.Component} is not on Kubernetes; a failback of Kubernetes tiers does not also return AWS-managed ones. Nothing was changed.");
        }
    }

    /// <summary>A readiness check that always fails with its reason: the tier cannot fail back.</summary>
    private sealed class RefusedProbe(string name, string reason) : IHealthProbe
    {
        public string Name => name;

        public Task<ProbeResult> ProbeAsync(CancellationToken ct) => Task.FromResult(new ProbeResult(false, reason, TimeSpan.Zero));
    }

    /// <summary>No inference on Kubernetes: this failback moves no compute.</summary>
    private sealed class NoCompute : IRecoveryCapacity
    {
        public Task<CapacityStatus> GetAsync(CancellationToken ct) => Task.FromResult(new CapacityStatus(0, 0));

        public Task ScaleAsync(int desiredRunning, CancellationToken ct) => Task.CompletedTask;
    }
}
