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
        [ComponentKind.Postgres] = ["replication", "archiveTimeout", "pitrWindow", "snapshotInterval", "instances", "recoveryInstances", "allocatedStorage", "engineVersion", "objectStores", "credentialsSecret", "walEncryption", "replicationTimeControl"],
        [ComponentKind.Redis] = ["replicas", "replicaOf", "snapshotInterval", "expectedLag", "allocatedStorage", "engineVersion"],
        [ComponentKind.GpuCapacity] = ["image", "count", "gpusPerPod", "reserved", "standbyRunning", "port", "readinessPath", "imagePullTime", "modelLoadTime", "nodeProvisioningTime", "nodeSelector"],
    };

    public static KubernetesSpec? ReadSection(Fields top, List<ConfigProblem> problems, IReadOnlyList<string> regions)
    {
        var map = top.Map(SectionKey);
        if (map is null)
        {
            return null;
        }

        var f = new Fields(map, SectionKey, problems, ["namespace", "clusters"]);
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

        return new KubernetesSpec(ns, clusters);
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
