using System.Globalization;
using DrKit.Core.Planning;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Steps;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Programs;

/// <summary>
/// Fails a stack over to its recovery region: checks prerequisites and the stack, then runs the failover engine
/// with stack-backed adapters (fence, promote, scale, shift traffic, verify) and measures the RTO. Replica lag is
/// read from CloudWatch (<see cref="ReplicaLagReader"/>) unless the stack exports it; Redis Global Datastores are
/// switched with the AWS CLI (<see cref="GlobalDatastoreSwitch"/>), then recorded on the stack.
/// </summary>
public sealed class FailoverProgram(
    IStackGateway gateway, GlobalDatastoreSwitch redis, ReplicaLagReader lag, IFailoverJournal journal, TimeProvider time, IFailoverObserver? observer = null, Kubectl? kubectl = null)
{
    public const string Name = "failover";

    /// <summary>The steps a run takes, calling nothing.</summary>
    public static IReadOnlyList<OperationStep> Plan(OperationTopology topology, FailoverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        var recovery = topology.RequireRecoveryRegion(Name);
        RequireDataTiers(topology);
        var tiers = topology.DataTiers;
        var readiness = ReadinessProbes(topology, recovery);
        var verification = VerificationProbes(topology, recovery);
        var rpo = string.Join(" | ", tiers.Select(t =>
            $"{t.Component}: replica lag <= {t.RpoTarget.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s, lag from {(KubernetesFailover.Handles(t) ? KubernetesFailover.DescribeLag(topology, t, recovery) : ReplicaLagReader.Describe(t.Component, t.Kind, recovery))}"));
        return
        [
            CommonSteps.PrerequisitesStep(awsCli: NeedsAwsCli(topology)),
            CommonSteps.SelectStep(topology.Stack),
            new(FailoverSteps.Readiness,
                $"gateway.GetOutputs({topology.Stack}): {(tiers.Count == 0 ? "no data tiers" : rpo)}; {OperationsOutputNames.RecoveryAvailable} >= {topology.DesiredRunning}; {CommonSteps.Describe(readiness)}",
                settings.Force ? $"replicas within RPO (FORCED: {settings.ForceReason}), recovery region able to serve" : "refuse before any change if data loss would exceed the RPO or the recovery region cannot serve"),
            new(FailoverSteps.Fence,
                Each(tiers, t => KubernetesFailover.Handles(t) ? KubernetesFailover.DescribeFence(topology, t, recovery) : $"SetConfig {OpsConfig.Fence(t.Component)}=true; Up; expect {OperationsOutputNames.Fenced(t.Component)}=true"),
                "stop the old primary taking writes so two writers never diverge"),
            new(FailoverSteps.Promote,
                Each(tiers, t => KubernetesFailover.Handles(t) ? KubernetesFailover.DescribePromote(topology, t, recovery) : $"{SwitchFirst(t, recovery)}SetConfig {Promotion(t, recovery)}; Up; expect {OperationsOutputNames.RecoveryRole(t.Component)}=primary"),
                "make the recovery-region replica the writer (RDS replica promotion, Global Datastore primary switch)"),
            new(FailoverSteps.ScaleCompute,
                KubernetesFailover.DescribeScale(topology, recovery) ?? $"SetConfig {OpsConfig.RecoveryRunning}={topology.DesiredRunning}; Up; poll {OperationsOutputNames.RecoveryRunning} >= {topology.DesiredRunning}",
                "start serving capacity in the recovery region before traffic arrives"),
            new(FailoverSteps.ShiftTraffic,
                $"SetConfig {OpsConfig.TrafficActiveRegion}={recovery}, {OpsConfig.TrafficPercent}=100; Up; expect {OperationsOutputNames.TrafficActiveRegion}={recovery}, {OperationsOutputNames.TrafficPercent}=100",
                "Route 53 sends all users to the recovery region"),
            new(FailoverSteps.Verify, $"gateway.GetOutputs({topology.Stack}): {CommonSteps.Describe(verification)}{KubernetesFailover.DescribeVerify(topology, recovery)}", "confirm the recovery region serves; its time ends the measured RTO"),
            new(FailoverSteps.Report, "none", "summarise the promoted tiers, the measured RTO against the target"),
        ];
    }

    public async Task<OperationResult> RunAsync(OperationTopology topology, FailoverSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        var recovery = topology.RequireRecoveryRegion(Name);
        RequireDataTiers(topology);
        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, settings.OperationId);
        // The AWS CLI reads replica lag from CloudWatch for every AWS tier; Kubernetes tiers are read with kubectl.
        await CommonSteps.RunPrerequisitesAsync(runner, gateway, redis, awsCli: NeedsAwsCli(topology), ct).ConfigureAwait(false);
        await runner.RunAsync(CommonSteps.SelectStack, async () =>
        {
            await gateway.SelectStackAsync(topology.Stack, ct).ConfigureAwait(false);
            return $"stack {topology.Stack} selected";
        }).ConfigureAwait(false);

        var target = new StackTarget(gateway, topology.Stack);
        var kube = kubectl ?? new Kubectl(new ProcessCloudCommand(time));
        var promoters = topology.DataTiers.Select(t => KubernetesFailover.Handles(t)
            ? KubernetesFailover.Promoter(topology, t, recovery, kube, target, time)
            : new StackDataPromoter(target, t.Component, t.Kind, recovery, redis, lag)).ToList();
        var request = new FailoverRequest
        {
            OperationId = settings.OperationId,
            DataTiers = [.. promoters.Select((p, i) => new DataTier(p, topology.DataTiers[i].RpoTarget))],
            ReadinessProbes = [.. ReadinessProbes(topology, recovery).Select(p => new OutputHealthProbe(target, p, time))],
            Capacity = KubernetesFailover.Capacity(topology, recovery, kube, target) ?? new StackRecoveryCapacity(target),
            DesiredRunning = topology.DesiredRunning,
            TrafficSwitch = new StackTrafficSwitch(target),
            RecoveryRegion = recovery,
            VerificationProbes =
            [
                .. VerificationProbes(topology, recovery).Select(p => new OutputHealthProbe(target, p, time)),
                .. promoters.Where((_, i) => KubernetesFailover.Handles(topology.DataTiers[i])).Select(p => new WriterProbe(p, time)),
            ],
            Timeouts = settings.Timeouts,
            Force = settings.Force,
            ForceReason = settings.ForceReason,
        };
        var engine = new FailoverEngine(time, journal, observer);
        var result = await engine.RunAsync(request, ct).ConfigureAwait(false);
        var lagSources = LagSources(promoters);
        // The engine's readiness record says whether lag was within the RPO; where each figure came from is added here.
        runner.Add(result.Steps.Select(s => s.Name == FailoverSteps.Readiness && lagSources.Length > 0 ? s with { Detail = $"{s.Detail}; replica lag: {lagSources}" } : s));
        var elapsed = time.GetElapsedTime(start);
        var outcome = result.Outcome switch
        {
            FailoverOutcome.Succeeded => OperationOutcome.Succeeded,
            FailoverOutcome.Refused => OperationOutcome.Refused,
            FailoverOutcome.RolledBack => OperationOutcome.RolledBack,
            _ => OperationOutcome.Failed,
        };
        var summary = outcome == OperationOutcome.Succeeded
            ? $"{topology.Stack} serves from {recovery}. Measured RTO {Text(elapsed)} against target {Text(topology.RtoTarget)}" +
              (elapsed <= topology.RtoTarget ? " (met)." : " (MISSED).")
            : outcome == OperationOutcome.Refused
                ? $"{result.Reason} Replica lag: {lagSources}. To accept unknown or excess lag, re-run with --force --reason \"<why>\" (journaled)."
                : result.Reason ?? outcome.ToString();
        return new OperationResult(Name, topology.Stack, settings.OperationId, outcome, runner.Records, elapsed, summary)
        {
            Failover = result,
            MeasuredRto = outcome == OperationOutcome.Succeeded ? elapsed : null,
        };
    }

    /// <summary>AWS tiers read lag from CloudWatch with the AWS CLI; a stack of Kubernetes tiers alone does not need it.</summary>
    private static bool NeedsAwsCli(OperationTopology topology) => topology.DataTiers.Any(t => !KubernetesFailover.Handles(t));

    private static string LagSources(IEnumerable<IDataPromoter> promoters) =>
        string.Join("; ", promoters.OfType<StackDataPromoter>().Where(p => p.LastLag is not null).Select(p => $"{p.Name}: {p.LastLag!.Source}"));

    private static void RequireDataTiers(OperationTopology topology)
    {
        if (topology.DataTiers.Count == 0)
        {
            throw new OperationRefusedException(
                $"Stack {topology.Stack} has no promotable data tier (no Postgres cross-region replica, no Redis Global Datastore); " +
                "a failover would move traffic to a region without data. Nothing was changed.");
        }
    }

    internal static IReadOnlyList<IOutputProbe> ReadinessProbes(OperationTopology topology, string recovery) =>
    [
        OutputCheck.Present($"endpoint {recovery}", OperationsOutputNames.Endpoint(recovery)),
        OutputCheck.Present("traffic state", OperationsOutputNames.TrafficActiveRegion),
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

    internal static IReadOnlyList<IOutputProbe> VerificationProbes(OperationTopology topology, string recovery) =>
    [
        // Kubernetes tiers are verified on the cluster itself (WriterProbe), not on an output that echoes the config.
        .. topology.DataTiers.Where(t => !KubernetesFailover.Handles(t)).Select(t => OutputCheck.Equal($"{t.Component} writer", OperationsOutputNames.RecoveryRole(t.Component), "primary")),
        OutputCheck.Equal("traffic region", OperationsOutputNames.TrafficActiveRegion, recovery),
        OutputCheck.Equal("traffic share", OperationsOutputNames.TrafficPercent, "100"),
        OutputCheck.Present($"endpoint {recovery}", OperationsOutputNames.Endpoint(recovery)),
    ];

    private static string Promotion(DataTierSpec tier, string recovery) => tier.Kind == PromotionKind.ReadReplica
        ? $"{OpsConfig.Promote(tier.Component)}=true"
        : $"{OpsConfig.WriterRegion(tier.Component)}={recovery}";

    /// <summary>For a Global Datastore: the AWS CLI switch that runs before the stack records the writer.</summary>
    internal static string SwitchFirst(DataTierSpec tier, string region) =>
        tier.Kind == PromotionKind.GlobalDatastore ? $"{GlobalDatastoreSwitch.Describe(tier.Component, region)}; then " : string.Empty;

    private static string Each(IReadOnlyList<DataTierSpec> tiers, Func<DataTierSpec, string> describe) =>
        tiers.Count == 0 ? "no data tiers" : string.Join(" | ", tiers.Select(t => $"{t.Component}: {describe(t)}"));

    /// <summary>A duration as DrKit prints it (1h30m, 45s).</summary>
    public static string Text(TimeSpan span) => Core.Objectives.DurationText.Format(span);
}
