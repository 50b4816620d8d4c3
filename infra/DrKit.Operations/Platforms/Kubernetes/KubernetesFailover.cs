using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// The Kubernetes side of the failover program: which data tiers and capacity it drives with kubectl, the adapters
/// behind the engine's ports, and the exact calls a dry run lists, each with the cluster's <c>--context</c> and region.
/// Static stability: every call goes to the recovery cluster, except the fence of the primary cluster, which the
/// engine bounds per tier (<see cref="StepTimeouts.FenceAttempt"/>) and whose silence it reports as not confirmed.
/// </summary>
public static class KubernetesFailover
{
    public static bool Handles(DataTierSpec tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return tier.Kind is PromotionKind.CnpgReplicaCluster or PromotionKind.SentinelRedis;
    }

    /// <summary>Whether a failover of <paramref name="topology"/> runs kubectl: a Kubernetes data tier or GPU inference.</summary>
    public static bool Runs(OperationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.DataTiers.Any(Handles) || Inference(topology) is not null;
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

    /// <summary>A kubectl call as a dry run prints it: the exact command line and the region of its cluster.</summary>
    public static string Call(KubeTarget target, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"`{Kubectl.CommandLine(arguments)}` [{target.Region}]";
    }

    /// <summary>The GPU inference component whose recovery Deployment operations scale; null when the stack has none.</summary>
    public static ComponentPlan? Inference(OperationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Components.FirstOrDefault(c => c.Settings is GpuInferenceSettings);
    }

    internal static ComponentPlan Component(OperationTopology topology, string name) => topology.Components.First(c => c.Name == name);

    internal static IEnumerable<DataTierSpec> Tiers(OperationTopology topology) => topology.DataTiers.Where(Handles);

    /// <summary>The adapter that fences and promotes one Kubernetes data tier.</summary>
    public static IDataPromoter Promoter(OperationTopology topology, DataTierSpec tier, string recovery, Kubectl kubectl, StackTarget stack, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(tier);
        var c = Component(topology, tier.Component);
        return c.Settings switch
        {
            CnpgSettings cnpg => new CnpgPromoter(kubectl, stack, c.Name, Target(c, topology.PrimaryRegion), cnpg.Primary.Name, Target(c, recovery), cnpg.Replica!.Name, time),
            SentinelRedisSettings redis => new RedisPromoter(kubectl, stack, c.Name, Target(c, topology.PrimaryRegion), Target(c, recovery), redis, time),
            _ => throw new InvalidOperationException($"{c.Name} is not a Kubernetes data tier"),
        };
    }

    /// <summary>The recovery cluster's inference capacity; null when the stack runs no GPU inference on Kubernetes.</summary>
    public static IRecoveryCapacity? Capacity(OperationTopology topology, string recovery, Kubectl kubectl, StackTarget stack) =>
        Inference(topology) is { } c ? new InferenceCapacity(kubectl, stack, c.Name, Target(c, recovery), (GpuInferenceSettings)c.Settings) : null;

    /// <summary>For a Kubernetes tier, a verification that reads the writer from the data system itself; null for others.</summary>
    public static IHealthProbe? WriterCheck(IDataPromoter promoter, TimeProvider time) =>
        promoter is IWriterCheck writer ? new WriterProbe(promoter.Name, writer, time) : null;

    /// <summary>Where a Kubernetes tier's lag came from in its last read; null for other tiers.</summary>
    public static Cloud.LagReading? LastLag(IDataPromoter promoter) => promoter switch
    {
        CnpgPromoter c => c.LastLag,
        RedisPromoter r => r.LastLag,
        _ => null,
    };

    /// <summary>The prerequisite check of a run that calls kubectl: the client is on PATH (no cluster is called).</summary>
    public static async Task<string> EnsureKubectlAsync(Kubectl kubectl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        return (await kubectl.RunAsync(Kubectl.VersionArguments, ct).ConfigureAwait(false)).Trim();
    }

    /// <summary>
    /// Cloud drills restore AWS-managed tiers only; a stack with data on Kubernetes is refused rather than drilled
    /// without its data. A CNPG drill would bootstrap a throwaway cluster from the replicated object store.
    /// </summary>
    public static void RefuseCloudDrill(OperationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        if (topology.Components.FirstOrDefault(c => c.Settings is KubernetesSettings && Core.Operations.OperationsKeys.IsDataComponent(c.Kind)) is { } c)
        {
            throw new OperationRefusedException(
                $"Stack {topology.Stack}: {c.Name} runs on Kubernetes, and cloud drills restore AWS-managed tiers only (DrKit does not yet bootstrap a " +
                "throwaway CloudNativePG cluster from the replicated object store, nor restore Velero backups). Rehearse with 'drkit failover --dry-run' " +
                "and a failover and failback of a staging stack. Nothing was changed.");
        }
    }

    internal static string Record(params (string Key, string Value)[] values) =>
        Aws.StackStateRecord.Describe(values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value)));

    internal static string FenceKey(string component) => OpsConfig.Fence(component);
}
