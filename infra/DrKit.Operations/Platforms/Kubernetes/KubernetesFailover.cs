using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// The Kubernetes side of the failover program: which data tiers and capacity it drives with kubectl, the adapters
/// behind the engine's ports, and the exact calls a dry run lists, every one with the cluster's <c>--context</c>.
/// </summary>
public static class KubernetesFailover
{
    public static bool Handles(DataTierSpec tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return tier.Kind is PromotionKind.CnpgReplicaCluster or PromotionKind.SentinelRedis;
    }

    /// <summary>The cluster of <paramref name="region"/> for a Kubernetes component; operations need its context.</summary>
    public static KubeTarget Target(ComponentPlan component, string region)
    {
        ArgumentNullException.ThrowIfNull(component);
        var settings = (KubernetesSettings)component.Settings;
        var cluster = settings.Placement.In(region);
        return new KubeTarget(region, cluster.Context ?? throw new OperationRefusedException(
            $"{component.Name}: the cluster of {region} is given only as kubeconfigSecret {cluster.KubeconfigSecret}; operations run kubectl and need " +
            $"drkit:kubernetes.clusters.{region}.context as well. Nothing was changed."), settings.Placement.Namespace);
    }

    private static ComponentPlan Component(OperationTopology topology, string name) => topology.Components.First(c => c.Name == name);

    public static string DescribeLag(OperationTopology topology, DataTierSpec tier, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var c = Component(topology, tier.Component);
        var target = Target(c, recovery);
        return c.Settings is CnpgSettings cnpg
            ? $"`{Kubectl.CommandLine(CnpgCalls.Get(target, cnpg.Replica!.Name))}` then `{Kubectl.CommandLine(CnpgCalls.ReplayLag(target, "$CURRENT_PRIMARY"))}` ($CURRENT_PRIMARY: status.currentPrimary)"
            : $"`{Kubectl.CommandLine(RedisCalls.Role(target, RedisCalls.Pod(tier.Component, recovery)))}` (Redis reports no lag: unknown unless forced)";
    }

    public static string DescribeFence(OperationTopology topology, DataTierSpec tier, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var c = Component(topology, tier.Component);
        if (c.Settings is not CnpgSettings cnpg)
        {
            return $"SetConfig {Contract.OpsConfig.Fence(tier.Component)}=true (no call to {topology.PrimaryRegion})";
        }

        var primary = Target(c, topology.PrimaryRegion);
        return $"SetConfig {Contract.OpsConfig.Fence(tier.Component)}=true; `{Kubectl.CommandLine(CnpgCalls.SetPrimary(primary, cnpg.Primary.Name, cnpg.Replica!.Name, null))}` " +
               $"(best effort: no answer counts as fenced); poll `{Kubectl.CommandLine(CnpgCalls.DemotionToken(primary, cnpg.Primary.Name))}` for the demotion token";
    }

    public static string DescribePromote(OperationTopology topology, DataTierSpec tier, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var c = Component(topology, tier.Component);
        var target = Target(c, recovery);
        if (c.Settings is CnpgSettings cnpg)
        {
            var name = cnpg.Replica!.Name;
            return $"SetConfig {Contract.OpsConfig.Promote(tier.Component)}=true; `{Kubectl.CommandLine(CnpgCalls.SetPrimary(target, name, name, "$DEMOTION_TOKEN"))}` " +
                   $"($DEMOTION_TOKEN: read in Fence; without promotionToken when {topology.PrimaryRegion} did not answer: a failover that needs the old primary rebuilt); " +
                   $"poll `{Kubectl.CommandLine(CnpgCalls.Get(target, name))}` until status.instancesReportedState[currentPrimary].isPrimary";
        }

        var redis = (SentinelRedisSettings)c.Settings;
        var pod = RedisCalls.Pod(tier.Component, recovery);
        return $"SetConfig {Contract.OpsConfig.WriterRegion(tier.Component)}={recovery}; `{Kubectl.CommandLine(RedisCalls.Promote(target, pod))}`; " +
               $"`{Kubectl.CommandLine(RedisCalls.ScaleSentinels(target, RedisCalls.Sentinels(tier.Component, recovery), redis.Sentinels))}`; expect `{Kubectl.CommandLine(RedisCalls.Role(target, pod))}` = master";
    }

    /// <summary>The cluster reads that verify each Kubernetes tier's writer; empty without Kubernetes tiers.</summary>
    public static string DescribeVerify(OperationTopology topology, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var reads = topology.DataTiers.Where(Handles).Select(t =>
        {
            var c = Component(topology, t.Component);
            var target = Target(c, recovery);
            return c.Settings is CnpgSettings cnpg
                ? $"{t.Component} writer: `{Kubectl.CommandLine(CnpgCalls.Get(target, cnpg.Replica!.Name))}` reports isPrimary"
                : $"{t.Component} writer: `{Kubectl.CommandLine(RedisCalls.Role(target, RedisCalls.Pod(t.Component, recovery)))}` = master";
        }).ToList();
        return reads.Count == 0 ? string.Empty : "; " + string.Join("; ", reads);
    }

    /// <summary>The GPU inference component whose recovery Deployment operations scale; null when the stack has none.</summary>
    public static ComponentPlan? Inference(OperationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Components.FirstOrDefault(c => c.Settings is GpuInferenceSettings);
    }

    public static string? DescribeScale(OperationTopology topology, string recovery)
    {
        if (Inference(topology) is not { } c)
        {
            return null;
        }

        var target = Target(c, recovery);
        return $"SetConfig {Contract.OpsConfig.RecoveryRunning}={topology.DesiredRunning}; `{Kubectl.CommandLine(InferenceCapacity.Scale(target, InferenceCapacity.Inference(c.Name, recovery), topology.DesiredRunning))}` " +
               $"(placeholders are preempted); poll `{Kubectl.CommandLine(InferenceCapacity.Get(target, InferenceCapacity.Inference(c.Name, recovery)))}` until status.readyReplicas >= {topology.DesiredRunning}";
    }

    public static IDataPromoter Promoter(OperationTopology topology, DataTierSpec tier, string recovery, Kubectl kubectl, StackTarget stack, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var c = Component(topology, tier.Component);
        return c.Settings switch
        {
            CnpgSettings cnpg => new CnpgPromoter(kubectl, stack, c.Name, Target(c, topology.PrimaryRegion), cnpg.Primary.Name, Target(c, recovery), cnpg.Replica!.Name, time),
            SentinelRedisSettings redis => new RedisPromoter(kubectl, stack, c.Name, Target(c, recovery), redis.Sentinels),
            _ => throw new InvalidOperationException($"{c.Name} is not a Kubernetes data tier"),
        };
    }

    public static IRecoveryCapacity? Capacity(OperationTopology topology, string recovery, Kubectl kubectl, StackTarget stack) =>
        Inference(topology) is { } c ? new InferenceCapacity(kubectl, stack, c.Name, Target(c, recovery)) : null;
}
