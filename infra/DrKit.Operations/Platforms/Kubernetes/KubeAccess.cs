using DrKit.Core.Platforms.Kubernetes;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// One RBAC permission a kubectl call of the operations needs: a verb on a resource (a plural type, with its group
/// where it is not core or apps, e.g. <c>clusters.postgresql.cnpg.io</c>) or on one of its subresources.
/// </summary>
/// <param name="Subresource">A subresource such as <c>exec</c> of pods or <c>scale</c> of a workload; null for the resource itself.</param>
/// <param name="Object">The one object the call names, which the declared rules limit by <c>resourceNames</c>; null: any.</param>
public sealed record KubePermission(string Verb, string Resource, string Why, string? Subresource = null, string? Object = null)
{
    /// <summary>How RBAC rules name it: <c>pods/exec</c>, <c>statefulsets/scale</c>, or the resource alone.</summary>
    public string Name => Subresource is null ? Resource : $"{Resource}/{Subresource}";

    /// <summary>What a report names: the rule's resource, and the object where one is named.</summary>
    public string Describe => Object is null ? Name : $"{Name} {Object}";
}

/// <summary>
/// The permissions a failover's kubectl calls need in the recovery cluster, checked with <c>kubectl auth can-i</c>
/// before anything changes: with fewer, a call is refused half way through (an exec of a lag or writer read, a scale)
/// and the run stops after the fence. <c>kubectl exec</c> reads the pod before it creates <c>pods/exec</c>, and
/// <c>kubectl scale</c> patches the workload's <c>scale</c> subresource
/// (https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access). The primary cluster's
/// permissions cannot be checked without calling the region that may be lost: a refused fence stops the run instead.
/// </summary>
public static class KubeAccess
{
    public const string Step = "KubernetesAccess";

    /// <summary>
    /// Each cluster of <paramref name="recovery"/> (the region a failover promotes in; the primary region for a
    /// failback) that the operation calls beyond its fence, with what it must allow there.
    /// </summary>
    public static IReadOnlyList<(KubeTarget Target, IReadOnlyList<KubePermission> Permissions)> Required(OperationTopology topology, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var needs = new List<(KubeTarget Target, KubePermission Permission)>();
        foreach (var tier in KubernetesFailover.Tiers(topology))
        {
            var c = KubernetesFailover.Component(topology, tier.Component);
            var target = KubernetesFailover.Target(c, recovery);
            needs.AddRange(Exec.Select(p => (target, p)));
            if (c.Settings is CnpgSettings cnpg)
            {
                var cluster = cnpg.Members.Single(m => m.Region == recovery).Name;
                needs.Add((target, new("get", CnpgCalls.Resource, "read the replica cluster's status", Object: cluster)));
                needs.Add((target, new("patch", CnpgCalls.Resource, "promote the replica cluster", Object: cluster)));
            }
            else
            {
                var sentinels = RedisCalls.Sentinels(tier.Component, recovery);
                needs.AddRange(Scale(ScaledResource(sentinels), sentinels.Split('/')[1], "start the recovery region's Sentinels").Select(p => (target, p)));
            }
        }

        if (KubernetesFailover.Inference(topology) is { } inference)
        {
            var target = KubernetesFailover.Target(inference, recovery);
            var deployment = InferenceCapacity.Inference(inference.Name, recovery);
            needs.AddRange(Scale("deployments", deployment, "scale inference").Select(p => (target, p)));
            if (((GpuInferenceSettings)inference.Settings).In(recovery).Placeholders == 0)
            {
                needs.Add((target, new("list", "nodes", "count allocatable GPUs")));
            }
            else
            {
                needs.Add((target, new("get", "deployments", "read ready placeholders", Object: InferenceCapacity.Placeholders(inference.Name, recovery))));
            }
        }

        return [.. needs.GroupBy(n => n.Target).Select(g => (g.Key, (IReadOnlyList<KubePermission>)[.. g.Select(n => n.Permission).DistinctBy(p => (p.Verb, p.Resource, p.Subresource, p.Object))]))];
    }

    /// <summary>
    /// The question as kubectl takes it: <c>auth can-i VERB TYPE[/NAME] [--subresource=SUB]</c>. A subresource goes in its
    /// own flag, because kubectl reads <c>TYPE/NAME</c> as a resource and the name of one object: <c>can-i create pods/exec</c>
    /// asks whether a pod named "exec" may be created, which the declared Role rightly answers "no"
    /// (https://kubernetes.io/docs/reference/kubectl/generated/kubectl_auth/kubectl_auth_can-i/). The object's name is
    /// asked wherever the call names one, because the declared rules are limited to DrKit's objects (resourceNames): asked
    /// without a name, "may I patch every Cluster" is rightly answered "no".
    /// </summary>
    public static IReadOnlyList<string> CanI(KubeTarget target, KubePermission permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        var type = permission.Object is { } name ? $"{permission.Resource}/{name}" : permission.Resource;
        return permission.Subresource is { } sub
            ? Kubectl.Args(target, "auth", "can-i", permission.Verb, type, $"--subresource={sub}")
            : Kubectl.Args(target, "auth", "can-i", permission.Verb, type);
    }

    /// <summary>
    /// Asks the recovery clusters; throws <see cref="OperationRefusedException"/> naming every missing permission, or a
    /// cluster that did not answer, before anything is changed. Returns what was checked.
    /// </summary>
    public static async Task<string> CheckAsync(Kubectl kubectl, IReadOnlyList<(KubeTarget Target, IReadOnlyList<KubePermission> Permissions)> required, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        ArgumentNullException.ThrowIfNull(required);
        var missing = new List<string>();
        foreach (var (target, permissions) in required)
        {
            foreach (var permission in permissions)
            {
                // can-i prints "yes" (exit 0) or "no" (exit 1); anything else is no answer.
                var answer = await kubectl.TryAnswerAsync(CanI(target, permission), ct).ConfigureAwait(false);
                if (answer is null)
                {
                    throw new OperationRefusedException(
                        $"The cluster {target.Context} ({target.Region}) did not answer '{Kubectl.CommandLine(CanI(target, permission))}'; the operation runs its calls there. Nothing was changed.");
                }

                if (answer != "yes")
                {
                    missing.Add($"{permission.Verb} {permission.Describe} in namespace {target.Namespace} of {target.Context} ({permission.Why})");
                }
            }
        }

        return missing.Count == 0
            ? $"allowed in {string.Join(", ", required.Select(r => r.Target.Context))}: {required.Sum(r => r.Permissions.Count)} permissions"
            : throw new OperationRefusedException(
                $"The kubectl identity lacks {missing.Count} permission(s) the operation needs: {string.Join("; ", missing)}. " +
                "Grant them (docs/operations.md lists the Role) and run again. Nothing was changed.");
    }

    /// <summary>What a dry run prints for the check.</summary>
    public static string Describe(OperationTopology topology, string recovery) =>
        string.Join("; ", Required(topology, recovery).SelectMany(r => r.Permissions.Select(p => KubernetesFailover.Call(r.Target, CanI(r.Target, p)))));

    private static readonly KubePermission[] Exec =
    [
        new("get", "pods", "kubectl exec reads the pod first"),
        new("create", "pods", "read lag, role and writer inside the data pods", "exec"),
    ];

    /// <summary><c>kubectl scale TYPE/NAME</c> reads the workload, then gets and patches its <c>scale</c> subresource.</summary>
    private static IEnumerable<KubePermission> Scale(string resource, string name, string why) =>
        [new("get", resource, why, Object: name), new("get", resource, why, "scale", name), new("patch", resource, why, "scale", name)];

    /// <summary>The resource of a <c>kind/name</c> workload reference, e.g. <c>deployment/x</c> -> <c>deployments</c>.</summary>
    private static string ScaledResource(string workload) => workload.Split('/')[0] + "s";
}
