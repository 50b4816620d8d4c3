namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>One RBAC rule: the verbs on a resource (or subresource, <c>pods/exec</c>) of an API group ("" is core).</summary>
/// <param name="Why">The kubectl calls of DrKit's operations that need it.</param>
public sealed record AccessRule(string ApiGroup, string Resource, IReadOnlyList<string> Verbs, string Why)
{
    /// <summary>The objects the rule is limited to (<c>resourceNames</c>); empty: every object of the resource.</summary>
    public IReadOnlyList<string> ResourceNames { get; init; } = [];
}

/// <summary>
/// What DrKit's failover and failback operations may do in each cluster, as RBAC: a namespaced Role for the
/// namespace's objects and a ClusterRole for nodes (cluster-scoped). Each rule follows a kubectl call the operations
/// make: <c>kubectl exec POD</c> reads the pod and then creates <c>pods/exec</c>; <c>kubectl exec TYPE/NAME</c> first
/// reads the workload and lists its pods; <c>kubectl scale</c> reads the workload and gets, then patches (update on
/// older clients), its <c>scale</c> subresource; <c>kubectl patch</c> of a CNPG Cluster needs get and patch.
/// Every rule whose requests name one object is limited to the objects DrKit operates (<c>resourceNames</c>): the CNPG
/// Clusters, the Sentinel StatefulSets, the inference and placeholder Deployments. Pods cannot be: CNPG names its
/// instance pods with ordinals that grow with every re-creation, and <c>list</c> carries no name.
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

    /// <summary>The Sentinels' StatefulSet of a Redis component in a region.</summary>
    public static string SentinelStatefulSet(string component, string region) => $"{KubernetesLimits.RegionalName(component, region)}-sentinel";

    /// <summary>The inference Deployment of a GPU component in a region.</summary>
    public static string InferenceDeployment(string component, string region) => $"{KubernetesLimits.RegionalName(component, region)}-inference";

    /// <summary>The placeholder Deployment of a GPU component in a region.</summary>
    public static string PlaceholderDeployment(string component, string region) => $"{KubernetesLimits.RegionalName(component, region)}-placeholder";

    /// <summary>Rules of the namespaced Role, limited to <paramref name="objects"/> where the requests name one object.</summary>
    public static IReadOnlyList<AccessRule> NamespaceRules(OperatedObjects objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var rules = new List<AccessRule>
        {
            new(string.Empty, "pods", ["get", "list"], "kubectl exec reads the pod; exec TYPE/NAME lists the workload's pods"),
            // Amounts to a shell (and psql as postgres) in every pod of the namespace: CNPG instance pods cannot be named ahead.
            new(string.Empty, "pods/exec", ["create"], "kubectl exec: psql in CNPG instances, redis-cli in Redis and Sentinel pods"),
        };
        // A rule with no resourceNames allows every object, so a kind with nothing to operate gets no rule at all.
        Add(rules, new("apps", "deployments", ["get"], "kubectl get deployment (inference, placeholders); kubectl scale reads it first"), [.. objects.InferenceDeployments, .. objects.PlaceholderDeployments]);
        Add(rules, new("apps", "statefulsets", ["get"], "kubectl exec and scale statefulset/NAME (Sentinels) read it first"), objects.SentinelStatefulSets);
        Add(rules, new("apps", "deployments/scale", ["get", "patch", "update"], "kubectl scale deployment/NAME (inference at failover and failback)"), objects.InferenceDeployments);
        Add(rules, new("apps", "statefulsets/scale", ["get", "patch", "update"], "kubectl scale statefulset/NAME (Sentinels: stopped at fence, started at promotion)"), objects.SentinelStatefulSets);
        Add(rules, new(CnpgGroup, "clusters", ["get", "patch"], "kubectl get and patch clusters.postgresql.cnpg.io (status, demotion token, .spec.replica)"), objects.CnpgClusters);
        return rules;
    }

    /// <summary>Rules of the ClusterRole: nodes are cluster-scoped, so no Role can grant them; DrKit reads them only in a
    /// region where GPU inference runs without placeholders (which otherwise tell it the GPUs inference can take).</summary>
    public static IReadOnlyList<AccessRule> ClusterRules(bool readsNodes) =>
    [
        .. readsNodes ? [new AccessRule(string.Empty, "nodes", ["get", "list"], "kubectl get nodes -l <GPU node selector>: allocatable GPUs where no placeholders run")] : Array.Empty<AccessRule>(),
        // Kubernetes grants this to every authenticated user (system:basic-user); declared so the check never depends on that default.
        new("authorization.k8s.io", "selfsubjectaccessreviews", ["create"], "kubectl auth can-i: the operations' permission check before anything changes"),
    ];

    /// <summary>
    /// Whether <paramref name="rules"/> allow <paramref name="verb"/> on <paramref name="resource"/> of <paramref name="group"/>,
    /// for the object named <paramref name="name"/> (null: a request that names none, e.g. list, which only a rule
    /// without resourceNames allows).
    /// </summary>
    public static bool Allows(IEnumerable<AccessRule> rules, string group, string resource, string verb, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Any(r => r.ApiGroup == group && r.Resource == resource && r.Verbs.Contains(verb, StringComparer.Ordinal)
            && (r.ResourceNames.Count == 0 || (name is not null && r.ResourceNames.Contains(name, StringComparer.Ordinal))));
    }

    private static void Add(List<AccessRule> rules, AccessRule rule, IReadOnlyList<string> names)
    {
        if (names.Count > 0)
        {
            rules.Add(rule with { ResourceNames = names });
        }
    }
}
