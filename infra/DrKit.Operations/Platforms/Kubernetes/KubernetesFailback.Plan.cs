using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>What a failback dry run prints: the failover's steps in reverse, each kubectl call with its context and region.</summary>
public sealed partial class KubernetesFailback
{
    public static IReadOnlyList<OperationStep> Plan(OperationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var recovery = topology.RequireRecoveryRegion(FailbackProgram.Name);
        RequireKubernetesTiers(topology);
        var primary = topology.PrimaryRegion;
        var timeouts = FailoverSettings.CloudTimeouts;
        var tiers = KubernetesFailover.Tiers(topology).Select(t => (Tier: t, Component: KubernetesFailover.Component(topology, t.Component))).ToList();
        var cnpg = tiers.Where(t => t.Component.Settings is CnpgSettings).Select(t => (t.Tier, Settings: (CnpgSettings)t.Component.Settings, From: KubernetesFailover.Target(t.Component, recovery),
            To: KubernetesFailover.Target(t.Component, primary))).ToList();
        var redis = tiers.Where(t => t.Component.Settings is SentinelRedisSettings).Select(t => $"{t.Tier.Component}: REFUSED: {RedisRefusal(topology, t.Tier.Component, recovery)}");
        var inference = KubernetesFailover.Inference(topology);
        var controls = new[] { primary, recovery }.ToDictionary(r => r, r => $"<routingControlArns[{r}]>", StringComparer.Ordinal);
        var endpoint = new KeyValuePair<string, string>("<cluster endpoint region>", "<routingControlEndpoints[...]>");
        string Read(KubeTarget to, string cluster) =>
            $"{KubernetesFailover.Call(to, CnpgCalls.Get(to, cluster))} (a replica: not isPrimary, readyInstances > 0); lag from {KubernetesFailover.Call(to, CnpgCalls.ReplayLag(to, "<currentPrimary>"))}";
        string Writer(KubeTarget to, string cluster) =>
            $"{KubernetesFailover.Call(to, CnpgCalls.Get(to, cluster))} (currentPrimary isPrimary) and {KubernetesFailover.Call(to, CnpgCalls.InRecovery(to, "<currentPrimary>"))} = 'f'";
        string? Inference(string region, int replicas, string what) => inference is null ? null
            : $"{KubernetesFailover.Call(KubernetesFailover.Target(inference, region), InferenceCapacity.Get(KubernetesFailover.Target(inference, region), InferenceCapacity.Inference(inference.Name, region)))} ({what} >= {replicas})";
        return
        [
            CommonSteps.PrerequisitesStep(awsCli: true, kubectl: true),
            CommonSteps.SelectStep(topology.Stack),
            new(KubeAccess.Step, KubeAccess.Describe(topology, topology.PrimaryRegion), "refuse before any change when the kubectl identity lacks a permission the primary cluster's calls need"),
            new("ReadIds", $"gateway.GetOutputs({topology.Stack}) once: routing control ids (the Pulumi backend)", "name the controls; state is read from the clusters and ARC"),
            Step(FailoverSteps.Readiness, timeouts, Join(cnpg.Select(c => $"{c.Tier.Component}: {Read(c.To, c.Settings.Primary.Name)}")
                .Concat(redis).Append(Inference(primary, topology.DesiredRunning, "status.readyReplicas") ?? string.Empty)),
                "the primary region must hold a caught-up replica of every writer and serve inference; refuse before any change otherwise"),
            Step(FailoverSteps.Fence, timeouts, Join(cnpg.Select(c =>
                $"{c.Tier.Component} (bounded {FailoverProgram.Text(timeouts.FenceAttempt)}, cluster {c.From.Context} in {recovery}): " +
                KubernetesFailover.Record((OpsConfig.Promote(c.Tier.Component), "false"), (OpsConfig.DemotionToken(c.Tier.Component), "")) +
                $"; demote: {KubernetesFailover.Call(c.From, CnpgCalls.SetPrimary(c.From, c.Settings.Replica!.Name, c.Settings.Primary.Name, null))}; " +
                $"poll {KubernetesFailover.Call(c.From, CnpgCalls.DemotionToken(c.From, c.Settings.Replica.Name))}; " +
                KubernetesFailover.Record((OpsConfig.DemotionToken(c.Tier.Component), "<token>")))),
                "the writer in the recovery region stops taking writes and says up to where (its demotion token)"),
            Step(FailoverSteps.Promote, timeouts, Join(cnpg.Select(c =>
                $"{c.Tier.Component}: poll {KubernetesFailover.Call(c.To, CnpgCalls.Psql(c.To, "<currentPrimary>", CnpgCalls.ReplayedUpToSql("<latestCheckpointREDOLocation of the token>")))} until 't' (lag 0); " +
                KubernetesFailover.Record((OpsConfig.Fence(c.Tier.Component), "false")) +
                $"; {KubernetesFailover.Call(c.To, CnpgCalls.SetPrimary(c.To, c.Settings.Primary.Name, c.Settings.Primary.Name, "<demotion token>"))} (never without the token); " +
                $"poll until {Writer(c.To, c.Settings.Primary.Name)}")),
                "the primary cluster takes writes again with nothing lost, and the recovery cluster follows it"),
            Step(FailoverSteps.ScaleCompute, timeouts, Inference(primary, topology.DesiredRunning, "status.readyReplicas") ?? "none (no GPU inference on Kubernetes)",
                "inference must already serve in the primary region before traffic returns"),
            Step(FailoverSteps.ShiftTraffic, timeouts, $"{RoutingControlTraffic.Update(controls, primary, endpoint.Value, endpoint.Key)} (the next cluster endpoint on failure); " +
                StackStateRecord.Describe([new(OpsConfig.TrafficActiveRegion, primary), new(OpsConfig.TrafficPercent, "100")]),
                "all traffic back at once: the topology has one writer, so a split would send part of the writes to a replica"),
            Step(FailoverSteps.Verify, timeouts, Join(cnpg.Select(c => $"{c.Tier.Component}: {Writer(c.To, c.Settings.Primary.Name)}")
                .Concat(controls.Select(c => $"{RoutingControlTraffic.Get(c.Value, endpoint.Value, endpoint.Key)} ({(c.Key == primary ? "On" : "Off")})"))
                .Append(Inference(primary, topology.DesiredRunning, "status.readyReplicas") ?? string.Empty)),
                "confirm from the clusters and ARC that the primary region serves"),
            Step(FailoverSteps.Report, timeouts, "none", "summarise"),
            new(ReleaseRecovery, inference is null ? "none (no GPU inference on Kubernetes)" : Release(inference, recovery),
                "only once traffic is back: the recovery region runs what the plan runs there, its placeholders hold the GPUs again"),
        ];
    }

    private static string Release(Core.Planning.ComponentPlan inference, string recovery)
    {
        var target = KubernetesFailover.Target(inference, recovery);
        var running = ((GpuInferenceSettings)inference.Settings).In(recovery).Running;
        return KubernetesFailover.Record((OpsConfig.RecoveryRunning, OpsConfig.Text(running))) +
               $"; {KubernetesFailover.Call(target, InferenceCapacity.Scale(target, InferenceCapacity.Inference(inference.Name, recovery), running))}";
    }

    private static OperationStep Step(string name, StepTimeouts timeouts, string calls, string why) =>
        new(name, $"[timeout {FailoverProgram.Text(timeouts.For(name))}] {calls}", why);

    private static string Join(IEnumerable<string> parts) => string.Join(" | ", parts.Where(p => p.Length > 0));
}
