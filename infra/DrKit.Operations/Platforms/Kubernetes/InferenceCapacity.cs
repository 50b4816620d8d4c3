using System.Text.Json;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// GPU inference in the recovery cluster: reads ready inference pods and ready placeholder pods (the GPUs they
/// hold are what inference can take) from the Deployments' status, and scales inference with kubectl; the
/// placeholders give way by preemption. The count is recorded on the stack so its next deployment keeps it.
/// </summary>
public sealed class InferenceCapacity(Kubectl kubectl, StackTarget stack, string component, KubeTarget recovery) : IRecoveryCapacity
{
    public static string Inference(string component, string region) => $"{component}-{region}-inference";

    public static string Placeholders(string component, string region) => $"{component}-{region}-placeholder";

    public static IReadOnlyList<string> Get(KubeTarget target, string deployment) => Kubectl.Args(target, "get", "deployment", deployment, "-o", "json");

    public static IReadOnlyList<string> Scale(KubeTarget target, string deployment, int replicas) =>
        Kubectl.Args(target, "scale", $"deployment/{deployment}", $"--replicas={replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    public async Task<CapacityStatus> GetAsync(CancellationToken ct)
    {
        var running = ReadyReplicas(await kubectl.RunAsync(Get(recovery, Inference(component, recovery.Region)), ct).ConfigureAwait(false));
        var held = ReadyReplicas(await kubectl.RunAsync(Get(recovery, Placeholders(component, recovery.Region)), ct).ConfigureAwait(false));
        return new CapacityStatus(running + held, running);
    }

    public async Task ScaleAsync(int desiredRunning, CancellationToken ct)
    {
        await stack.Gateway.SetConfigAsync(stack.Stack, new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
        {
            [OpsConfig.RecoveryRunning] = ConfigSetting.Plain(OpsConfig.Text(desiredRunning)),
        }, ct).ConfigureAwait(false);
        await kubectl.RunAsync(Scale(recovery, Inference(component, recovery.Region), desiredRunning), ct).ConfigureAwait(false);
    }

    /// <summary><c>.status.readyReplicas</c> of a Deployment: pods whose readiness probe passed (the model is loaded).</summary>
    public static int ReadyReplicas(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("status", out var status) && status.TryGetProperty("readyReplicas", out var ready) && ready.TryGetInt32(out var n) ? n : 0;
    }
}
