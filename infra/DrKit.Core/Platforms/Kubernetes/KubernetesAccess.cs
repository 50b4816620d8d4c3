namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>One RBAC rule: the verbs on a resource (or subresource, <c>pods/exec</c>) of an API group ("" is core).</summary>
/// <param name="Why">The kubectl calls of DrKit's operations that need it.</param>
public sealed record AccessRule(string ApiGroup, string Resource, IReadOnlyList<string> Verbs, string Why);

/// <summary>
/// What DrKit's failover and failback operations may do in each cluster, as RBAC: a namespaced Role for the
/// namespace's objects and a ClusterRole for nodes (cluster-scoped). Each rule follows a kubectl call the operations
/// make: <c>kubectl exec POD</c> reads the pod and then creates <c>pods/exec</c>; <c>kubectl exec TYPE/NAME</c> first
/// reads the workload and lists its pods; <c>kubectl scale</c> reads the workload and gets, then patches (update on
/// older clients), its <c>scale</c> subresource; <c>kubectl patch</c> of a CNPG Cluster needs get and patch.
/// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
/// https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb
/// </summary>
public static class KubernetesAccess
{
    /// <summary>Name of the Role (in DrKit's namespace) and of its RoleBinding.</summary>
    public const string RoleName = "drkit-operations";

    /// <summary>The CNPG API group of <c>clusters.postgresql.cnpg.io</c>.</summary>
    public const string CnpgGroup = "postgresql.cnpg.io";

    /// <summary>Name of the cluster-scoped ClusterRole and ClusterRoleBinding: namespaced by name, since two stacks
    /// (two namespaces) may share a cluster.</summary>
    public static string ClusterRoleName(string ns) => $"{ns}-{RoleName}";

    /// <summary>Rules of the namespaced Role.</summary>
    public static IReadOnlyList<AccessRule> NamespaceRules { get; } =
    [
        new(string.Empty, "pods", ["get", "list"], "kubectl exec reads the pod; exec TYPE/NAME lists the workload's pods"),
        new(string.Empty, "pods/exec", ["create"], "kubectl exec: psql in CNPG instances, redis-cli in Redis and Sentinel pods"),
        new("apps", "deployments", ["get", "list"], "kubectl get deployment (inference, placeholders); scale and exec deployment/NAME read it first"),
        new("apps", "statefulsets", ["get", "list"], "kubectl exec and scale statefulset/NAME (Redis, Sentinels) read it first"),
        new("apps", "deployments/scale", ["get", "patch", "update"], "kubectl scale deployment/NAME (inference at failover)"),
        new("apps", "statefulsets/scale", ["get", "patch", "update"], "kubectl scale statefulset/NAME (Sentinels at promotion, the old Redis at fence)"),
        new(CnpgGroup, "clusters", ["get", "patch"], "kubectl get and patch clusters.postgresql.cnpg.io (status, demotion token, .spec.replica)"),
    ];

    /// <summary>Rules of the ClusterRole: nodes are cluster-scoped, so no Role can grant them.</summary>
    public static IReadOnlyList<AccessRule> ClusterRules { get; } =
    [
        new(string.Empty, "nodes", ["get", "list"], "kubectl get nodes -l <GPU node selector>: allocatable GPUs in the recovery cluster"),
        // Kubernetes grants this to every authenticated user (system:basic-user); declared so the check never depends on that default.
        new("authorization.k8s.io", "selfsubjectaccessreviews", ["create"], "kubectl auth can-i: the operations' permission check before anything changes"),
    ];

    /// <summary>Whether <paramref name="rules"/> allow <paramref name="verb"/> on <paramref name="resource"/> of <paramref name="group"/>.</summary>
    public static bool Allows(IEnumerable<AccessRule> rules, string group, string resource, string verb)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Any(r => r.ApiGroup == group && r.Resource == resource && r.Verbs.Contains(verb, StringComparer.Ordinal));
    }
}
