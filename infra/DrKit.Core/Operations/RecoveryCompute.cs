using DrKit.Core.Planning;

namespace DrKit.Core.Operations;

/// <summary>
/// Serving capacity in the recovery region. Operations scale one number, as their topology does: the first
/// GPU component's nodes, or the endpoint's serving replicas when the stack reserves no GPUs.
/// </summary>
/// <param name="GpuComponent">The GPU component whose recovery-region running count operations set; null without one.</param>
/// <param name="Available">Instances that could run: reserved GPUs, or what is told to run when nothing is reserved.</param>
/// <param name="Running">Instances told to run: <c>drkit-ops:recovery.running</c>, else the plan's count.</param>
public sealed record RecoveryCompute(string? Region, string? GpuComponent, int Available, int Running)
{
    /// <summary>
    /// Machine image of the GPU serving groups: the AWS Deep Learning Base AMI, resolved from its public Systems Manager
    /// parameter at launch (launch templates accept <c>resolve:ssm:</c>), so it follows AWS's patched image in every region.
    /// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template.html#use-an-ssm-parameter-instead-of-an-ami-id
    /// </summary>
    public const string ServingImage = "resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id";

    public static RecoveryCompute Decide(DrPlan plan, OperationsState ops)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ops);
        if (plan.RecoveryRegions.Count == 0)
        {
            return new RecoveryCompute(null, null, 0, 0);
        }

        var region = plan.RecoveryRegions[0];
        var gpu = plan.Components.FirstOrDefault(c => c.Settings is GpuSettings);
        if (gpu is not null)
        {
            var allocation = ((GpuSettings)gpu.Settings).Allocations.FirstOrDefault(a => a.Region == region);
            var running = ops.RecoveryRunning ?? allocation?.Running ?? 0;
            return new RecoveryCompute(region, gpu.Name, Math.Max(allocation?.Reserved ?? 0, running), running);
        }

        var azure = plan.Components.FirstOrDefault(c => c.Settings is Platforms.Azure.AzureGpuSettings);
        if (azure is not null)
        {
            // The recovery scale set's VMs: the capacity reservation holds what could run.
            var allocation = ((Platforms.Azure.AzureGpuSettings)azure.Settings).Allocations.FirstOrDefault(a => a.Region == region);
            var vms = ops.RecoveryRunning ?? allocation?.Running ?? 0;
            return new RecoveryCompute(region, azure.Name, Math.Max(allocation?.Reserved ?? 0, vms), vms);
        }

        var inference = plan.Components.FirstOrDefault(c => c.Settings is Platforms.Kubernetes.GpuInferenceSettings);
        if (inference is not null)
        {
            // Placeholders hold GPUs that inference pods take by preemption: they count as available.
            var allocation = ((Platforms.Kubernetes.GpuInferenceSettings)inference.Settings).Allocations.FirstOrDefault(a => a.Region == region);
            var pods = ops.RecoveryRunning ?? allocation?.Running ?? 0;
            return new RecoveryCompute(region, inference.Name, Math.Max((allocation?.Running ?? 0) + (allocation?.Placeholders ?? 0), pods), pods);
        }

        var endpoint = plan.Components.Select(c => c.Settings).OfType<EndpointSettings>().FirstOrDefault();
        var serving = ops.RecoveryRunning ?? endpoint?.RecoveryRunning ?? 0;
        return new RecoveryCompute(region, null, serving, serving);
    }

    /// <summary>Region -> instances the GPU component <paramref name="component"/> should run, with the recovery region's count from operations.</summary>
    public IReadOnlyDictionary<string, int> DesiredRunning(string component, GpuSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var desired = settings.Allocations.ToDictionary(a => a.Region, a => a.Running, StringComparer.Ordinal);
        if (component == GpuComponent && Region is not null)
        {
            desired[Region] = Running;
        }

        return desired;
    }
}
