using DrKit.Core.Config;
using DrKit.Core.Model;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>
/// Reads the <c>drkit:kubernetes</c> section and the options of components with <c>platform: kubernetes</c>,
/// reporting problems through the stack reader's <see cref="Fields"/> so errors name file, line and key.
/// </summary>
internal static partial class KubernetesReader
{
    public const string SectionKey = "kubernetes";

    /// <summary>The kinds that can run on Kubernetes, and the keys each takes there.</summary>
    public static readonly IReadOnlyDictionary<ComponentKind, string[]> KindKeys = new Dictionary<ComponentKind, string[]>
    {
        [ComponentKind.Postgres] = ["replication", "archiveTimeout", "pitrWindow", "snapshotInterval", "instances", "recoveryInstances", "allocatedStorage", "engineVersion", "objectStores", "credentialsSecret", "roleArns", "walEncryption", "replicationTimeControl"],
        [ComponentKind.Redis] = ["replicas", "replicaOf", "failbackReplicaOf", "snapshotInterval", "expectedLag", "allocatedStorage", "engineVersion"],
        [ComponentKind.GpuCapacity] = ["image", "count", "gpusPerPod", "reserved", "standbyRunning", "port", "readinessPath", "imagePullTime", "modelLoadTime", "nodeProvisioningTime", "nodeSelector", "gpuToleration"],
    };

    public static KubernetesSpec? ReadSection(Fields top, List<ConfigProblem> problems, IReadOnlyList<string> regions)
    {
        var map = top.Map(SectionKey);
        if (map is null)
        {
            return null;
        }

        var f = new Fields(map, SectionKey, problems, ["namespace", "clusters", "operators", "replicaReady"]);
        var ns = f.String("namespace") ?? "drkit";
        if (!KubernetesLimits.IsLabel(ns))
        {
            f.Problem("namespace", $"expected a Kubernetes namespace (lower-case letters, digits and '-', at most {KubernetesLimits.LabelMax} characters), got '{ns}'");
        }

        var clusters = new Dictionary<string, KubernetesCluster>(StringComparer.Ordinal);
        if (f.Map("clusters", required: true) is { } clusterMap)
        {
            foreach (var (region, node) in clusterMap.Entries)
            {
                var path = $"{SectionKey}.clusters.{region}";
                if (!regions.Contains(region))
                {
                    problems.Add(new(node.Location, path, $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})"));
                    continue;
                }

                if (node is not ConfigMap m)
                {
                    problems.Add(new(node.Location, path, $"expected a map with context and/or kubeconfigSecret, got {node.Describe()}"));
                    continue;
                }

                var c = new Fields(m, path, problems, ["context", "kubeconfigSecret"]);
                var context = c.String("context");
                var secret = c.String("kubeconfigSecret");
                if (context is null && secret is null)
                {
                    problems.Add(new(m.Location, path, "expected context (a kubeconfig context) or kubeconfigSecret (a secret drkit config key holding a kubeconfig)"));
                }

                clusters[region] = new KubernetesCluster(region, context, secret);
            }
        }

        return new KubernetesSpec(ns, clusters)
        {
            Operators = ReadOperators(f, problems),
            ReplicaReady = f.Bool("replicaReady") ?? true,
        };
    }

    /// <summary>
    /// <c>operators</c>: the RBAC subjects (kind Group, User or ServiceAccount, name, and namespace for a service
    /// account) that run DrKit's kubectl calls; each cluster binds them to the operations Role.
    /// </summary>
    private static List<KubernetesSubject> ReadOperators(Fields f, List<ConfigProblem> problems)
    {
        var result = new List<KubernetesSubject>();
        var node = f.Node("operators");
        if (node is null)
        {
            return result;
        }

        var items = node switch
        {
            ConfigSequence seq => seq.Items,
            ConfigMap one => [one],
            _ => null,
        };
        if (items is null)
        {
            f.Problem("operators", $"expected a list of subjects (kind: Group|User|ServiceAccount, name, namespace for a ServiceAccount), got {node.Describe()}");
            return result;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = f.Join($"operators[{i}]");
            if (items[i] is not ConfigMap m)
            {
                problems.Add(new(items[i].Location, path, $"expected a subject map (kind, name, namespace), got {items[i].Describe()}"));
                continue;
            }

            var s = new Fields(m, path, problems, ["kind", "name", "namespace"]);
            var kind = s.String("kind", required: true);
            if (kind is not null && kind is not (KubernetesSubject.Group or KubernetesSubject.User or KubernetesSubject.ServiceAccount))
            {
                s.Problem("kind", $"expected Group, User or ServiceAccount, got '{kind}'");
                kind = null;
            }

            var name = s.String("name", required: true);
            var ns = s.String("namespace");
            if (kind == KubernetesSubject.ServiceAccount && ns is null)
            {
                s.Problem("namespace", "a ServiceAccount subject needs the namespace it lives in");
            }
            else if (kind is not null && kind != KubernetesSubject.ServiceAccount && ns is not null)
            {
                s.Problem("namespace", $"a {kind} is not namespaced; remove namespace");
            }

            if (kind is not null && name is not null)
            {
                result.Add(new KubernetesSubject(kind, name, ns));
            }
        }

        return result;
    }

    /// <summary>Every stack region needs a cluster once any component runs on Kubernetes.</summary>
    public static void CheckClusters(Fields top, KubernetesSpec? spec, IReadOnlyList<string> regions)
    {
        if (spec is null)
        {
            top.Problem(SectionKey, "components run on Kubernetes (platform: kubernetes) but drkit:kubernetes is missing; expected clusters per region");
            return;
        }

        foreach (var region in regions.Where(r => spec.For(r) is null))
        {
            top.Problem(SectionKey, $"has no cluster for region {region}; expected clusters.{region} with context or kubeconfigSecret");
        }
    }

    public static KubernetesOptions Read(Fields f, string name, ComponentKind kind, Strategy strategy, IReadOnlyList<string> regions)
    {
        foreach (var region in regions)
        {
            if (KubernetesLimits.CheckRegionalName(name, region) is { } problem)
            {
                f.Problem("platform", problem);
            }
        }

        return kind switch
        {
            ComponentKind.Postgres => ReadCnpg(f, strategy, regions),
            ComponentKind.Redis => ReadRedis(f, strategy),
            ComponentKind.GpuCapacity => ReadGpu(f, strategy),
            _ => throw new InvalidOperationException($"{kind} does not run on Kubernetes"),
        };
    }
}
