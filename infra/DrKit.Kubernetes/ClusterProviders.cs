using DrKit.Core.Config;
using DrKit.Core.Platforms.Kubernetes;
using Pulumi;

namespace DrKit.Kubernetes;

/// <summary>
/// One explicit Kubernetes provider per region's cluster, named <c>k8s-&lt;region&gt;</c>: nothing DrKit declares uses
/// an ambient kubeconfig context. A provider skips updates to a cluster it cannot reach, so a deployment during a
/// regional outage changes the surviving cluster instead of failing on the lost one.
/// </summary>
public sealed class ClusterProviders
{
    private readonly Dictionary<string, Pulumi.Kubernetes.Provider> _providers = new(StringComparer.Ordinal);

    private ClusterProviders()
    {
    }

    public IReadOnlyDictionary<string, Pulumi.Kubernetes.Provider> ByRegion => _providers;

    public static ClusterProviders Create(IEnumerable<KubernetesCluster> clusters, Resource? parent)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var result = new ClusterProviders();
        Config? config = null;
        foreach (var cluster in clusters.DistinctBy(c => c.Region))
        {
            var args = new Pulumi.Kubernetes.ProviderArgs
            {
                // https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/ : skip, not fail, on an unreachable cluster.
                SkipUpdateUnreachable = true,
                EnableServerSideApply = true,
                // Redis's role ConfigMap changes when the writer moves: update it in place, as pods read it at start,
                // instead of replacing it (a replacement leaves a moment with no ConfigMap to start from).
                // https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/#enableconfigmapmutable_csharp
                EnableConfigMapMutable = true,
            };
            if (cluster.Context is { } context)
            {
                args.Context = context;
            }

            if (cluster.KubeconfigSecret is { } key)
            {
                config ??= new Config(StackSpecReader.Namespace);
                args.KubeConfig = config.RequireSecret(key);
            }

            result._providers[cluster.Region] = new Pulumi.Kubernetes.Provider($"k8s-{cluster.Region}", args, new CustomResourceOptions { Parent = parent });
        }

        return result;
    }

    public Pulumi.Kubernetes.Provider In(string region) =>
        _providers.TryGetValue(region, out var provider) ? provider : throw new InvalidOperationException($"no Kubernetes provider for {region}");

    /// <summary>Options for a child of <paramref name="parent"/> in <paramref name="region"/>'s cluster.</summary>
    public CustomResourceOptions For(string region, Resource parent) => new() { Parent = parent, Provider = In(region) };
}
