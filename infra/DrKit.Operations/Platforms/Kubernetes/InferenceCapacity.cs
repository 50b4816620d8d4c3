using System.Globalization;
using System.Text.Json;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// GPU inference in the recovery cluster: reads ready inference pods and what inference can take there from the cluster,
/// and scales inference with kubectl. Where the plan holds recovery GPUs with placeholder pods, what inference can take
/// is the ready placeholders, which give way by preemption; otherwise it is the GPUs the nodes matching the inference
/// node selector can allocate (an upper bound: other workloads may hold some). The count is recorded on the stack so
/// its next deployment keeps it. Every call goes to the recovery cluster.
/// </summary>
public sealed class InferenceCapacity(Kubectl kubectl, StackTarget stack, string component, KubeTarget recovery, Core.Platforms.Kubernetes.GpuInferenceSettings settings)
    : IRecoveryCapacity
{
    public static string Inference(string component, string region) => KubernetesAccess.InferenceDeployment(component, region);

    public static string Placeholders(string component, string region) => KubernetesAccess.PlaceholderDeployment(component, region);

    public static IReadOnlyList<string> Get(KubeTarget target, string deployment) => Kubectl.Args(target, "get", "deployment", deployment, "-o", "json");

    public static IReadOnlyList<string> Nodes(KubeTarget target, IReadOnlyDictionary<string, string> selector) =>
        Kubectl.Args(target, ["get", "nodes", .. selector.Count == 0 ? Array.Empty<string>() : ["-l", string.Join(',', selector.Select(s => $"{s.Key}={s.Value}"))], "-o", "json"]);

    public static IReadOnlyList<string> Scale(KubeTarget target, string deployment, int replicas) =>
        Kubectl.Args(target, "scale", $"deployment/{deployment}", $"--replicas={replicas.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Whether a scale is recorded as the recovery region's count; false where the Deployment scaled is the primary
    /// region's (failback), whose count the plan declares.</summary>
    public bool RecordsRecoveryCount { get; init; } = true;

    private bool HasPlaceholders => settings.In(recovery.Region).Placeholders > 0;

    public async Task<CapacityStatus> GetAsync(CancellationToken ct)
    {
        var running = ReadyReplicas(await kubectl.RunAsync(Get(recovery, Inference(component, recovery.Region)), ct).ConfigureAwait(false));
        if (HasPlaceholders)
        {
            var held = ReadyReplicas(await kubectl.RunAsync(Get(recovery, Placeholders(component, recovery.Region)), ct).ConfigureAwait(false));
            return new CapacityStatus(running + held, running);
        }

        var gpus = AllocatableGpus(await kubectl.RunAsync(Nodes(recovery, settings.NodeSelector), ct).ConfigureAwait(false));
        return new CapacityStatus(Math.Max(running, gpus / Math.Max(1, settings.GpusPerPod)), running);
    }

    public async Task ScaleAsync(int desiredRunning, CancellationToken ct)
    {
        if (RecordsRecoveryCount)
        {
            await stack.Gateway.SetConfigAsync(stack.Stack, new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
            {
                [OpsConfig.RecoveryRunning] = ConfigSetting.Plain(OpsConfig.Text(desiredRunning)),
            }, ct).ConfigureAwait(false);
        }

        await kubectl.RunAsync(Scale(recovery, Inference(component, recovery.Region), desiredRunning), ct).ConfigureAwait(false);
    }

    /// <summary><c>.status.readyReplicas</c> of a Deployment: pods whose readiness probe passed (the model is loaded).</summary>
    public static int ReadyReplicas(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("status", out var status) && status.TryGetProperty("readyReplicas", out var ready) && ready.TryGetInt32(out var n) ? n : 0;
    }

    /// <summary>Sum of the GPUs in <c>.status.allocatable</c> over the nodes of a <c>kubectl get nodes -o json</c> list.</summary>
    public static int AllocatableGpus(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Sum(n => n.TryGetProperty("status", out var s) && s.TryGetProperty("allocatable", out var a)
                && a.TryGetProperty(Core.Platforms.Kubernetes.KubernetesAssumptions.GpuResource, out var g) && int.TryParse(g.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0)
            : 0;
    }
}
