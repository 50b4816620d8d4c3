using System.Globalization;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// What a failover dry run prints for the Kubernetes parts of a stack, step by step: the exact kubectl calls the
/// adapters make (built by the same argument builders), each with its cluster's context and region, and the config
/// each step records. Calls to the primary cluster appear in the Fence step only.
/// </summary>
internal static class KubernetesFailoverPlan
{
    public static IEnumerable<string> Readiness(OperationTopology topology, string recovery) =>
        KubernetesFailover.Tiers(topology).Select(t => Readiness(topology, t, recovery));

    /// <summary>The recovery-cluster reads of one Kubernetes tier's readiness (also what <c>readiness --live</c> reads).</summary>
    public static string Readiness(OperationTopology topology, DataTierSpec t, string recovery)
    {
        var c = KubernetesFailover.Component(topology, t.Component);
        var target = KubernetesFailover.Target(c, recovery);
        var rpo = $"lag <= {t.RpoTarget.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        return c.Settings is CnpgSettings cnpg
            ? $"{t.Component}: {KubernetesFailover.Call(target, CnpgCalls.Get(target, cnpg.Replica!.Name))} (status.currentPrimary, isPrimary, readyInstances); " +
              $"{rpo} from {KubernetesFailover.Call(target, CnpgCalls.ReplayLag(target, "<currentPrimary>"))} (an upper bound while the primary is idle)"
            : $"{t.Component}: {KubernetesFailover.Call(target, RedisCalls.Info(target, RedisCalls.Pod(t.Component, recovery)))} " +
              $"(role; {rpo} from master_last_io_seconds_ago while master_link_status is up, else master_link_down_since_seconds)";
    }

    /// <summary>The recovery capacity read; null when the stack runs no GPU inference on Kubernetes.</summary>
    public static string? CapacityRead(OperationTopology topology, string recovery)
    {
        if (KubernetesFailover.Inference(topology) is not { } c)
        {
            return null;
        }

        var target = KubernetesFailover.Target(c, recovery);
        var settings = (GpuInferenceSettings)c.Settings;
        var inference = KubernetesFailover.Call(target, InferenceCapacity.Get(target, InferenceCapacity.Inference(c.Name, recovery)));
        return settings.In(recovery).Placeholders > 0
            ? $"{inference} (status.readyReplicas); {KubernetesFailover.Call(target, InferenceCapacity.Get(target, InferenceCapacity.Placeholders(c.Name, recovery)))} (ready placeholders hold the GPUs inference takes)"
            : $"{inference} (status.readyReplicas); {KubernetesFailover.Call(target, InferenceCapacity.Nodes(target, settings.NodeSelector))} (allocatable {KubernetesAssumptions.GpuResource} / {settings.GpusPerPod} per pod)";
    }

    /// <summary>The capacity read that verifies inference serves; null when the stack runs no GPU inference on Kubernetes.</summary>
    public static string? CapacityVerify(OperationTopology topology, string recovery)
    {
        if (KubernetesFailover.Inference(topology) is not { } c)
        {
            return null;
        }

        var target = KubernetesFailover.Target(c, recovery);
        return $"{KubernetesFailover.Call(target, InferenceCapacity.Get(target, InferenceCapacity.Inference(c.Name, recovery)))} (status.readyReplicas >= {topology.DesiredRunning})";
    }

    public static IEnumerable<string> Fence(OperationTopology topology, StepTimeouts timeouts) =>
        KubernetesFailover.Tiers(topology).Select(t =>
        {
            var c = KubernetesFailover.Component(topology, t.Component);
            var primary = KubernetesFailover.Target(c, topology.PrimaryRegion);
            var bound = $"{t.Component} (best effort, bounded {FailoverProgram.Text(timeouts.FenceAttempt)}, cluster {primary.Context} in {primary.Region}): ";
            if (c.Settings is CnpgSettings cnpg)
            {
                return bound + KubernetesFailover.Record((OpsConfig.Fence(t.Component), "true"), (OpsConfig.DemotionToken(t.Component), "")) +
                       $"; demote: {KubernetesFailover.Call(primary, CnpgCalls.SetPrimary(primary, cnpg.Primary.Name, cnpg.Replica!.Name, null))}; " +
                       $"poll {KubernetesFailover.Call(primary, CnpgCalls.DemotionToken(primary, cnpg.Primary.Name))} until the token appears; none after " +
                       $"{FailoverProgram.Text(KubernetesAssumptions.CnpgDemotionBound)}: {KubernetesFailover.Call(primary, CnpgCalls.InRecovery(primary, "<currentPrimary>"))} " +
                       "('f': REFUSED, still the writer; 't': NOT CONFIRMED, demoted without a token); " +
                       KubernetesFailover.Record((OpsConfig.DemotionToken(t.Component), "<token>")) + $". {Outcomes}";
            }

            var paused = $"{KubernetesFailover.Call(primary, RedisCalls.OnMaster(primary, t.Component, "<host>", "<port>", RedisCalls.PauseWrites))}";
            return bound + KubernetesFailover.Record((OpsConfig.Fence(t.Component), "true")) +
                   $"; {KubernetesFailover.Call(primary, RedisCalls.MasterAddress(primary, t.Component))} (<host> <port>); " +
                   $"stop its Sentinels: {KubernetesFailover.Call(primary, RedisCalls.ScaleSentinels(primary, RedisCalls.Sentinels(t.Component, primary.Region), 0))}; " +
                   $"pause writes: {paused} (from the next Redis pod if that one is not running); " +
                   $"{KubernetesFailover.Call(primary, RedisCalls.OnMaster(primary, t.Component, "<host>", "<port>", RedisCalls.ReplicationInfo))} (master_repl_offset, master_replid). {Outcomes}";
        });

    private const string Outcomes =
        "No answer before any other: fence NOT CONFIRMED, the RPO decides. Any other answer that is not a success (a refusal, a webhook that cannot be called, " +
        "a 500, a failure inside a pod, a demotion accepted while PostgreSQL still writes after the demotion bound): REFUSED, the run stops, nothing is promoted";

    public static IEnumerable<string> Promote(OperationTopology topology, string recovery) =>
        KubernetesFailover.Tiers(topology).Select(t =>
        {
            var c = KubernetesFailover.Component(topology, t.Component);
            var target = KubernetesFailover.Target(c, recovery);
            if (c.Settings is CnpgSettings cnpg)
            {
                var name = cnpg.Replica!.Name;
                return $"{t.Component}: if the fence was confirmed, poll {KubernetesFailover.Call(target, CnpgCalls.Psql(target, "<currentPrimary>", CnpgCalls.ReplayedUpToSql("<latestCheckpointREDOLocation of the token>")))} " +
                       "until 't' (switchover, no loss); " +
                       KubernetesFailover.Record((OpsConfig.Promote(t.Component), "true")) +
                       $"; {KubernetesFailover.Call(target, CnpgCalls.SetPrimary(target, name, name, "<demotion token>"))} " +
                       "(primary and promotionToken in one patch; without a token, the patch without it: a failover after which the old primary must be rebuilt); " +
                       $"poll {KubernetesFailover.Call(target, CnpgCalls.Get(target, name))} until status.instancesReportedState[currentPrimary].isPrimary and " +
                       $"{KubernetesFailover.Call(target, CnpgCalls.InRecovery(target, "<currentPrimary>"))} is 'f'; " +
                       KubernetesFailover.Record((OpsConfig.DemotionToken(t.Component), ""));
            }

            var redis = (SentinelRedisSettings)c.Settings;
            var pod = RedisCalls.Pod(t.Component, recovery);
            return $"{t.Component}: if the fence was confirmed, poll {KubernetesFailover.Call(target, RedisCalls.Info(target, pod))} until slave_repl_offset reaches " +
                   "the paused master's offset (switchover, no loss); " + KubernetesFailover.Record((OpsConfig.WriterRegion(t.Component), recovery)) +
                   $"; {KubernetesFailover.Call(target, RedisCalls.Promote(target, pod))}; " +
                   $"{KubernetesFailover.Call(target, RedisCalls.ScaleSentinels(target, RedisCalls.Sentinels(t.Component, recovery), redis.Sentinels))}; " +
                   $"on each Sentinel pod: {string.Join(", ", RedisCalls.Watch(RedisCalls.MasterName(t.Component, recovery), RedisCalls.PodHost(target, t.Component), redis.SentinelQuorum).Select(w => KubernetesFailover.Call(target, RedisCalls.OnSentinel(target, RedisCalls.SentinelPod(t.Component, recovery, 0), w))))} (forget an earlier epoch's state); " +
                   $"poll {KubernetesFailover.Call(target, RedisCalls.OnSentinel(target, RedisCalls.SentinelPod(t.Component, recovery, 0), RedisCalls.CkQuorum(RedisCalls.MasterName(t.Component, recovery))))} until OK and every Sentinel's get-master-addr-by-name names pod 0";
        });

    /// <summary>The ScaleCompute calls; null when the stack runs no GPU inference on Kubernetes.</summary>
    public static string? Scale(OperationTopology topology, string recovery)
    {
        if (KubernetesFailover.Inference(topology) is not { } c)
        {
            return null;
        }

        var target = KubernetesFailover.Target(c, recovery);
        var deployment = InferenceCapacity.Inference(c.Name, recovery);
        return KubernetesFailover.Record((OpsConfig.RecoveryRunning, OpsConfig.Text(topology.DesiredRunning))) +
               $"; {KubernetesFailover.Call(target, InferenceCapacity.Scale(target, deployment, topology.DesiredRunning))} (placeholders are preempted); " +
               $"poll {KubernetesFailover.Call(target, InferenceCapacity.Get(target, deployment))} until status.readyReplicas >= {topology.DesiredRunning} (ready = model loaded)";
    }

    public static IEnumerable<string> Verify(OperationTopology topology, string recovery) =>
        KubernetesFailover.Tiers(topology).Select(t =>
        {
            var c = KubernetesFailover.Component(topology, t.Component);
            var target = KubernetesFailover.Target(c, recovery);
            return c.Settings is CnpgSettings cnpg
                ? $"{t.Component}: {KubernetesFailover.Call(target, CnpgCalls.Get(target, cnpg.Replica!.Name))} (currentPrimary isPrimary) and " +
                  $"{KubernetesFailover.Call(target, CnpgCalls.InRecovery(target, "<currentPrimary>"))} = 'f'"
                : $"{t.Component}: {KubernetesFailover.Call(target, RedisCalls.Role(target, RedisCalls.Pod(t.Component, recovery)))} = master, " +
                  $"{KubernetesFailover.Call(target, RedisCalls.OnSentinel(target, RedisCalls.SentinelPod(t.Component, recovery, 0), RedisCalls.CkQuorum(RedisCalls.MasterName(t.Component, recovery))))} = OK " +
                  "and every Sentinel names pod 0 (what Sentinel-aware clients read)";
        });
}
