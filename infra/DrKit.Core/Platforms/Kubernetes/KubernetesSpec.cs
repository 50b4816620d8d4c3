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

/// <summary>Who runs DrKit's operations in a cluster: an RBAC subject the operations Role is bound to.
/// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects</summary>
/// <param name="Kind"><c>Group</c>, <c>User</c> or <c>ServiceAccount</c>.</param>
/// <param name="Namespace">The service account's namespace; null for users and groups.</param>
public sealed record KubernetesSubject(string Kind, string Name, string? Namespace)
{
    public const string Group = "Group";
    public const string User = "User";
    public const string ServiceAccount = "ServiceAccount";

    /// <summary>The RBAC API group of users and groups; a service account has none.</summary>
    public string? ApiGroup => Kind == ServiceAccount ? null : "rbac.authorization.k8s.io";
}

/// <summary>The stack's <c>drkit:kubernetes</c> section: the namespace DrKit uses and one cluster per region.</summary>
public sealed record KubernetesSpec(string Namespace, IReadOnlyDictionary<string, KubernetesCluster> Clusters)
{
    /// <summary>Subjects bound to the Role operations need in every cluster; empty: the Roles are declared unbound.</summary>
    public IReadOnlyList<KubernetesSubject> Operators { get; init; } = [];

    /// <summary>False for a first deployment: CloudNativePG replica clusters are left out until the primary's first
    /// base backup has reached the recovery region's object store.</summary>
    public bool ReplicaReady { get; init; } = true;

    public KubernetesCluster? For(string region) => Clusters.GetValueOrDefault(region);
}
