namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>How DrKit reaches the Kubernetes cluster of one region: a kubeconfig context, and/or the name of a
/// secret stack config key (<c>drkit:&lt;name&gt;</c>) holding a whole kubeconfig.</summary>
/// <param name="Context">Context name in the kubeconfig; operations run <c>kubectl --context</c> with it.</param>
/// <param name="KubeconfigSecret">Secret config key whose value is the kubeconfig the Pulumi provider uses.</param>
public sealed record KubernetesCluster(string Region, string? Context, string? KubeconfigSecret)
{
    /// <summary>What identifies the cluster, for comparing two regions' clusters and for messages.</summary>
    public string Identity => Context ?? $"kubeconfig:{KubeconfigSecret}";
}

/// <summary>The stack's <c>drkit:kubernetes</c> section: the namespace DrKit uses and one cluster per region.</summary>
public sealed record KubernetesSpec(string Namespace, IReadOnlyDictionary<string, KubernetesCluster> Clusters)
{
    public KubernetesCluster? For(string region) => Clusters.GetValueOrDefault(region);
}
