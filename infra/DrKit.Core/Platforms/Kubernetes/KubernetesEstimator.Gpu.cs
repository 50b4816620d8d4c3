using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Kubernetes;

internal static partial class KubernetesEstimator
{
    private static Draft Gpu(ComponentSpec c, GpuInferenceOptions o, EstimateContext ctx)
    {
        var placement = Placement(ctx);
        var running = EstimateContext.RunningInRecovery(c.Strategy, o.Replicas, o.StandbyRunning);
        var reserved = o.Reserved && c.Strategy != Strategy.BackupRestore;
        var rto = ctx.ComputeRto(c);
        var step = ctx.ComputeStep(c);
        if (running < o.Replicas)
        {
            if (reserved)
            {
                rto.Add("preempt", Figure.Sourced(KubernetesAssumptions.PlaceholderPreemption, "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/", TimeSpan.FromMinutes(1)),
                    "inference pods preempt the placeholders holding the GPU nodes", step);
            }
            else
            {
                rto.Add("nodes", Figure.Unbounded(o.NodeProvisioning, TermBasis.Assumed, "DrKit assumption (nodeProvisioning)", "no placeholder holds GPU nodes: the cloud may have none to give"),
                    "the autoscaler adds GPU nodes", step);
            }

            rto.Add("pull", Figure.Assumed(o.ImagePull, o.ImagePull * 3), $"pull {o.Image}", step)
               .Add("load", Figure.Assumed(o.ModelLoadTime, o.ModelLoadTime * 3), "load model weights; the pod turns ready only then", step);
        }

        var caveats = reserved
            ? new List<string> { $"placeholders run at priority {Text(KubernetesAssumptions.PlaceholderPriority)}, below the Cluster Autoscaler's expendable cutoff: they hold the GPU nodes the node group keeps at its minimum, and neither add nor keep nodes themselves" }
            : [$"no placeholders hold GPUs in {ctx.Recovery}: GPU nodes may not be available there at failover"];
        var mechanism = c.Strategy switch
        {
            Strategy.ActiveActive => "inference Deployment serving in every cluster",
            Strategy.WarmStandby => $"inference Deployment, {running} of {o.Replicas} running in {ctx.Recovery}" + (reserved ? ", placeholders hold the rest" : string.Empty),
            Strategy.PilotLight => reserved ? $"inference scaled to 0 in {ctx.Recovery}, placeholder pods hold {o.Replicas * o.GpusPerPod} GPUs" : $"inference scaled to 0 in {ctx.Recovery}",
            _ => "inference Deployment created at failover",
        };
        var allocations = new List<GpuInferenceAllocation> { new(ctx.Primary, o.Replicas, 0) };
        allocations.AddRange(ctx.Stack.RecoveryRegions.Select(r => new GpuInferenceAllocation(r, running, reserved ? o.Replicas - running : 0)));
        // Let the startup probe wait twice the model load before Kubernetes restarts a loading pod.
        var threshold = (int)Math.Max(30, Math.Ceiling(2 * o.ModelLoadTime.TotalSeconds / GpuInferenceSettings.StartupProbePeriodSeconds));
        var settings = new GpuInferenceSettings(o.Image, o.Replicas, o.GpusPerPod, o.Port, o.ReadinessPath, threshold, KubernetesAssumptions.PlaceholderPriority, o.NodeSelector, allocations)
        {
            Placement = placement,
            PriorityClass = $"{placement.Namespace}-{c.Name}-placeholder",
            Toleration = o.Toleration,
        };
        var regions = allocations.Select(a => Region.Of(a.Region, a.Region == ctx.Primary ? "primary" : "recovery",
            ("cluster", Cluster(placement, a.Region)), ("running", Text(a.Running)), ("placeholders", Text(a.Placeholders)), ("gpusPerPod", Text(o.GpusPerPod)))).ToList();
        return new Draft(mechanism, Estimates.Of(null, rto, caveats), settings, regions);
    }
}
