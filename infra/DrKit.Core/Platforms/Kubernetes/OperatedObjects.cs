using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>The objects of a plan DrKit's operations call by name in every cluster.</summary>
public sealed record OperatedObjects(
    IReadOnlyList<string> CnpgClusters,
    IReadOnlyList<string> SentinelStatefulSets,
    IReadOnlyList<string> InferenceDeployments,
    IReadOnlyList<string> PlaceholderDeployments)
{
    /// <summary>Regions whose cluster runs GPU inference without placeholders: there DrKit counts allocatable GPUs on nodes.</summary>
    public IReadOnlyList<string> NodeRegions { get; init; } = [];

    public static OperatedObjects Of(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var settings = plan.Components.Select(c => (c.Name, c.Settings)).ToList();
        var gpu = settings.Where(s => s.Settings is GpuInferenceSettings).Select(s => (s.Name, Settings: (GpuInferenceSettings)s.Settings)).ToList();
        return new OperatedObjects(
            [.. settings.Where(s => s.Settings is CnpgSettings).SelectMany(s => ((CnpgSettings)s.Settings).Members.Select(m => m.Name))],
            // Only a Redis that replicates across clusters is fenced and promoted; a backup-restore one is Velero's.
            [.. settings.Where(s => s.Settings is SentinelRedisSettings { ReplicaOf: not null }).SelectMany(s => ((SentinelRedisSettings)s.Settings).Regions.Select(r => KubernetesAccess.SentinelStatefulSet(s.Name, r)))],
            [.. gpu.SelectMany(g => g.Settings.Allocations.Select(a => KubernetesAccess.InferenceDeployment(g.Name, a.Region)))],
            [.. gpu.SelectMany(g => g.Settings.Allocations.Where(a => a.Placeholders > 0).Select(a => KubernetesAccess.PlaceholderDeployment(g.Name, a.Region)))])
        {
            NodeRegions = [.. gpu.SelectMany(g => g.Settings.Allocations.Where(a => a.Placeholders == 0).Select(a => a.Region)).Distinct()],
        };
    }
}
