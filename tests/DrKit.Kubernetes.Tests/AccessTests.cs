using DrKit.Core.Platforms.Kubernetes;
using DrKit.Operations.Platforms.Kubernetes;

namespace DrKit.Kubernetes.Tests;

/// <summary>
/// The RBAC the stack declares covers every kubectl call operations make: each call's arguments (from the same
/// builders the adapters use) are turned into the API requests kubectl sends, and each request must be allowed.
/// </summary>
public sealed class AccessTests
{
    /// <summary>The primary region's cluster: it runs inference without placeholders, so DrKit also reads its nodes there.</summary>
    private static readonly KubeTarget Target = new("us-east-1", "ctx", "ns");

    private static DrKit.Core.Planning.DrPlan Bundled() => DrKit.Core.Planning.Planner.PlanFile(KubernetesRun.StackFile);

    private static OperatedObjects Objects => OperatedObjects.Of(Bundled());

    private static IReadOnlyList<AccessRule> Rules(bool clusterScoped, string region) =>
        clusterScoped ? KubernetesAccess.ClusterRules(Objects.NodeRegions.Contains(region)) : KubernetesAccess.NamespaceRules(Objects);

    /// <summary>Every kubectl call of the CNPG, Redis and inference adapters on the bundled stack's objects, named.</summary>
    public static IEnumerable<TestCaseData> Calls()
    {
        var sentinels = RedisCalls.Sentinels("session-cache", Target.Region);
        var redis = RedisCalls.Pod("session-cache", Target.Region);
        var calls = new (string Name, IReadOnlyList<string> Args)[]
        {
            ("cnpg get", CnpgCalls.Get(Target, "context-store-us-east-1")),
            ("cnpg demotion token", CnpgCalls.DemotionToken(Target, "context-store-us-east-1")),
            ("cnpg set primary", CnpgCalls.SetPrimary(Target, "context-store-us-east-1", "context-store-us-east-1", "dG9rZW4=")),
            ("cnpg replay lag", CnpgCalls.ReplayLag(Target, "context-store-us-east-1-1")),
            ("cnpg replayed up to", CnpgCalls.ReplayedUpTo(Target, "context-store-us-east-1-1", "0/3000028")),
            ("cnpg in recovery", CnpgCalls.InRecovery(Target, "context-store-us-east-1-1")),
            ("redis role", RedisCalls.Role(Target, redis)),
            ("redis info", RedisCalls.Info(Target, redis)),
            ("redis promote", RedisCalls.Promote(Target, redis)),
            ("redis demote", RedisCalls.Demote(Target, redis, "h", "6379")),
            ("sentinel scale", RedisCalls.ScaleSentinels(Target, sentinels, 5)),
            ("sentinel master address", RedisCalls.MasterAddress(Target, "session-cache")),
            ("redis on master", RedisCalls.OnMaster(Target, "session-cache", "h", "6379", RedisCalls.PauseWrites)),
            ("inference get", InferenceCapacity.Get(Target, InferenceCapacity.Inference("gpu", Target.Region))),
            ("placeholders get", InferenceCapacity.Get(Target, InferenceCapacity.Placeholders("gpu", "us-west-2"))),
            ("gpu nodes", InferenceCapacity.Nodes(Target, new Dictionary<string, string> { ["nvidia.com/gpu.product"] = "A10G" })),
            ("inference scale", InferenceCapacity.Scale(Target, InferenceCapacity.Inference("gpu", Target.Region), 2)),
            ("permission check", KubeAccess.CanI(Target, new KubePermission("create", "pods", "exec", "exec"))),
        };
        return calls.Select(c => new TestCaseData(c.Args).SetName($"Call_IsAllowedByTheDeclaredRbac({c.Name})"));
    }

    [TestCaseSource(nameof(Calls))]
    public void Call_IsAllowedByTheDeclaredRbac(IReadOnlyList<string> args)
    {
        var requests = Requests(args);
        Assert.That(requests, Is.Not.Empty, $"kubectl {string.Join(' ', args)} makes API requests");
        foreach (var (group, resource, verb, clusterScoped, name) in requests)
        {
            Assert.That(KubernetesAccess.Allows(Rules(clusterScoped, Target.Region), group, resource, verb, name), Is.True,
                $"kubectl {string.Join(' ', args)} needs {verb} on {(group.Length == 0 ? "core" : group)}/{resource} {name} in the {(clusterScoped ? "ClusterRole" : "Role")}");
        }
    }

    [TestCase("postgresql.cnpg.io", "clusters", "patch", "another-stack-db", "another stack's CNPG cluster in the same namespace")]
    [TestCase("postgresql.cnpg.io", "clusters", "patch", null, "every CNPG cluster at once")]
    [TestCase("apps", "statefulsets/scale", "patch", "session-cache-us-east-1-redis", "the Redis StatefulSet itself, which operations never scale")]
    [TestCase("apps", "deployments/scale", "patch", "gpu-us-west-2-placeholder", "the placeholders, which operations never scale")]
    [TestCase("apps", "deployments", "list", null, "listing workloads, which no call does")]
    public void Rules_AreLimitedToTheObjectsDrKitOperates(string group, string resource, string verb, string? name, string what)
    {
        Assert.That(KubernetesAccess.Allows(KubernetesAccess.NamespaceRules(Objects), group, resource, verb, name), Is.False,
            $"the Role must not allow {verb} on {what} (resourceNames)");
    }

    [Test]
    public void Rules_NameEveryObjectOperationsCall()
    {
        var rules = KubernetesAccess.NamespaceRules(Objects);
        Assert.Multiple(() =>
        {
            Assert.That(rules.Single(r => r.Resource == "clusters").ResourceNames, Is.EquivalentTo(new[] { "context-store-us-east-1", "context-store-us-west-2" }), "both members of the topology");
            Assert.That(rules.Single(r => r.Resource == "statefulsets/scale").ResourceNames, Is.EquivalentTo(new[] { "session-cache-us-east-1-sentinel", "session-cache-us-west-2-sentinel" }), "the Sentinels of both regions");
            Assert.That(rules.Single(r => r.Resource == "deployments/scale").ResourceNames, Is.EquivalentTo(new[] { "gpu-us-east-1-inference", "gpu-us-west-2-inference" }), "inference only");
            Assert.That(rules.Single(r => r.Resource == "pods/exec").ResourceNames, Is.Empty, "CNPG instance pods cannot be named ahead");
            Assert.That(Objects.NodeRegions, Is.EqualTo(new[] { "us-east-1" }), "nodes are read only where inference runs without placeholders");
        });
    }

    /// <summary>The preflight's questions for a failover (recovery us-west-2) and a failback (us-east-1) of the bundled stack.</summary>
    public static IEnumerable<TestCaseData> Questions()
    {
        var topology = DrKit.Operations.Programs.OperationTopology.From(Bundled());
        return new[] { "us-west-2", "us-east-1" }
            .SelectMany(region => KubeAccess.Required(topology, region).SelectMany(r => r.Permissions.Select(p => (region, r.Target, p))))
            .Select(q => new TestCaseData(KubeAccess.CanI(q.Target, q.p), q.region).SetName($"CanI_AsksWhatTheDeclaredRbacAllows({q.region} {q.p.Verb} {q.p.Describe})"));
    }

    /// <summary>
    /// Each <c>kubectl auth can-i</c> question of the preflight, read the way kubectl reads it (TYPE/NAME is a resource
    /// and an object's name; a subresource comes only from <c>--subresource</c>), must be answered "yes" by exactly the
    /// declared Role and ClusterRole: else a least-privilege operator is refused before every failover.
    /// </summary>
    [TestCaseSource(nameof(Questions))]
    public void CanI_AsksWhatTheDeclaredRbacAllows(IReadOnlyList<string> args, string region)
    {
        var (group, resource, verb, clusterScoped, name) = Question(args);
        Assert.That(KubernetesAccess.Allows(Rules(clusterScoped, region), group, resource, verb, name), Is.True,
            $"kubectl {string.Join(' ', args)} asks about {verb} on {(group.Length == 0 ? "core" : group)}/{resource} {name}, which the declared {(clusterScoped ? "ClusterRole" : "Role")} of {region} must grant");
    }

    [Test]
    public void CanI_CoversEveryRequestOfTheCallsItGuards()
    {
        var topology = DrKit.Operations.Programs.OperationTopology.From(Bundled());
        var recovery = new KubeTarget("us-west-2", "ctx", "ns");
        var asked = KubeAccess.Required(topology, "us-west-2").SelectMany(r => r.Permissions).Select(p => Question(KubeAccess.CanI(recovery, p))).ToHashSet();
        var guarded = new[]
        {
            RedisCalls.ScaleSentinels(recovery, RedisCalls.Sentinels("session-cache", "us-west-2"), 5),
            RedisCalls.Promote(recovery, RedisCalls.Pod("session-cache", "us-west-2")),
            InferenceCapacity.Scale(recovery, InferenceCapacity.Inference("gpu", "us-west-2"), 2),
            CnpgCalls.SetPrimary(recovery, "context-store-us-west-2", "context-store-us-west-2", null),
        };
        foreach (var call in guarded)
        {
            // A pod's name is not known ahead (exec asks about pods in general); every named workload is asked by name.
            var requests = Requests(call).Select(r => r.Resource.StartsWith("pods", StringComparison.Ordinal) ? r with { Name = null } : r);
            Assert.That(asked, Is.SupersetOf(requests), $"the preflight asks for every request of kubectl {string.Join(' ', call)}");
        }
    }

    [TestCase("create", "pods/exec", null, "", "pods")]
    [TestCase("create", "pods", "exec", "", "pods/exec")]
    [TestCase("patch", "statefulsets", "scale", "apps", "statefulsets/scale")]
    public void Question_ReadsTypeSlashNameAsANameNotASubresource(string verb, string type, string? sub, string group, string resource)
    {
        string[] args = sub is null ? ["auth", "can-i", verb, type] : ["auth", "can-i", verb, type, $"--subresource={sub}"];
        var asked = Question(args);
        Assert.That((asked.Group, asked.Resource, asked.Verb, asked.ClusterScoped), Is.EqualTo((group, resource, verb, false)), "kubectl's cani.go splits TYPE/NAME into a resource and a name");
    }

    [Test]
    public void Requests_OfAnExecOnAWorkloadIncludeReadingItAndListingItsPods()
    {
        var requests = Requests(["--context", "c", "--namespace", "n", "exec", "statefulset/s", "--", "true"]);
        Assert.That(requests, Is.SupersetOf(new (string, string, string, bool, string?)[] { ("apps", "statefulsets", "get", false, "s"), (string.Empty, "pods", "list", false, null), (string.Empty, "pods/exec", "create", false, null) }),
            "the model of kubectl this test relies on resolves TYPE/NAME through the workload and its pods");
    }

    [Test]
    public async Task Stack_DeclaresTheRolesBoundToTheOperatorsInEveryCluster()
    {
        var run = await KubernetesRun.OfAsync();
        foreach (var region in new[] { "us-east-1", "us-west-2" })
        {
            var role = run.Named($"operations-access-{region}-role");
            var binding = run.Named($"operations-access-{region}-role-binding");
            var nodes = run.Named($"operations-access-{region}-cluster-role");
            var nodeBinding = run.Named($"operations-access-{region}-cluster-role-binding");
            Assert.Multiple(() =>
            {
                Assert.That(KubernetesRun.At(role.Inputs, "metadata", "namespace"), Is.EqualTo("rag-assistant"), "the Role lives in DrKit's namespace");
                Assert.That(((System.Collections.IEnumerable)KubernetesRun.At(role.Inputs, "rules")!).Cast<object>().Count(), Is.EqualTo(KubernetesAccess.NamespaceRules(Objects).Count), "every decided rule is declared");
                Assert.That(KubernetesRun.At(role.Inputs, "rules", "6", "resourceNames", "1"), Is.EqualTo("context-store-us-west-2"), "the CNPG rule is limited to the topology's clusters");
                Assert.That(KubernetesRun.At(role.Inputs, "rules", "1", "resources", "0"), Is.EqualTo("pods/exec"), "exec is a subresource rule");
                Assert.That(KubernetesRun.At(role.Inputs, "rules", "1", "verbs", "0"), Is.EqualTo("create"), "exec is a create");
                Assert.That(KubernetesRun.At(binding.Inputs, "subjects", "0", "name"), Is.EqualTo("rag-assistant-dr-operators"), "bound to the configured operators");
                Assert.That(KubernetesRun.At(binding.Inputs, "subjects", "0", "kind"), Is.EqualTo("Group"), "a group subject");
                Assert.That(KubernetesRun.At(binding.Inputs, "roleRef", "name"), Is.EqualTo("drkit-operations"), "the binding names the Role");
                Assert.That(KubernetesRun.At(nodes.Inputs, "metadata", "name"), Is.EqualTo("rag-assistant-drkit-operations"), "the ClusterRole's name carries the namespace");
                Assert.That(KubernetesRun.At(nodes.Inputs, "rules", "0", "resources", "0"), Is.EqualTo(region == "us-east-1" ? "nodes" : "selfsubjectaccessreviews"),
                    "nodes are cluster-scoped, and granted only where inference runs without placeholders");
                Assert.That(KubernetesRun.At(nodeBinding.Inputs, "roleRef", "kind"), Is.EqualTo("ClusterRole"), "bound cluster-wide");
                Assert.That(KubernetesRun.RegionOf(role), Is.EqualTo(region), "declared with the region's provider");
            });
        }
    }

    /// <summary>
    /// The API requests kubectl makes for a call: (group, resource, verb, cluster-scoped). exec reads the pod and
    /// creates pods/exec, resolving TYPE/NAME through the workload and a list of its pods; scale reads the workload
    /// and gets and patches its scale subresource; get with a name is a get, without one a list; patch is a patch.
    /// https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb
    /// </summary>
    private static List<(string Group, string Resource, string Verb, bool ClusterScoped, string? Name)> Requests(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--context" or "--namespace")
            {
                i++;
            }
            else if (!args[i].StartsWith("--request-timeout", StringComparison.Ordinal))
            {
                rest.Add(args[i]);
            }
        }

        var requests = new List<(string Group, string Resource, string Verb, bool ClusterScoped, string? Name)>();
        switch (rest[0])
        {
            case "get":
                var (group, resource, cluster) = Resolve(rest[1]);
                var named = rest.Count > 2 && !rest[2].StartsWith('-');
                requests.Add((group, resource, named ? "get" : "list", cluster, named ? rest[2] : null));
                break;
            case "patch":
                var patched = Resolve(rest[1]);
                requests.Add((patched.Group, patched.Resource, "patch", patched.Cluster, rest[2]));
                break;
            case "exec":
                string? pod = rest[1];
                if (rest[1].Split('/') is [var type, var name])
                {
                    var workload = Resolve(type);
                    requests.Add((workload.Group, workload.Resource, "get", false, name));
                    requests.Add((string.Empty, "pods", "list", false, null));
                    pod = null;
                }

                requests.Add((string.Empty, "pods", "get", false, pod));
                requests.Add((string.Empty, "pods/exec", "create", false, pod));
                break;
            case "auth" when rest[1] == "can-i":
                // A SelfSubjectAccessReview: cluster-scoped, whatever the namespace asked about.
                requests.Add(("authorization.k8s.io", "selfsubjectaccessreviews", "create", true, null));
                break;
            case "scale":
                var scaled = Resolve(rest[1].Split('/')[0]);
                var scaledName = rest[1].Split('/')[1];
                requests.Add((scaled.Group, scaled.Resource, "get", false, scaledName));
                requests.Add((scaled.Group, scaled.Resource + "/scale", "get", false, scaledName));
                requests.Add((scaled.Group, scaled.Resource + "/scale", "patch", false, scaledName));
                break;
            default:
                Assert.Fail($"the RBAC model here does not know kubectl {rest[0]}; add it with the requests it makes");
                break;
        }

        return requests;
    }

    /// <summary>
    /// The SelfSubjectAccessReview <c>kubectl auth can-i VERB TYPE[/NAME] [--subresource=SUB]</c> sends, as
    /// (group, resource[/subresource], verb, cluster-scoped): kubectl splits TYPE/NAME on the first "/" into a type and
    /// an object name (cani.go), so only <c>--subresource</c> names a subresource.
    /// https://kubernetes.io/docs/reference/kubectl/generated/kubectl_auth/kubectl_auth_can-i/
    /// </summary>
    private static (string Group, string Resource, string Verb, bool ClusterScoped, string? Name) Question(IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf("can-i");
        Assert.That(at, Is.GreaterThanOrEqualTo(0), "a can-i question");
        var verb = args[at + 1];
        var tokens = args[at + 2].Split('/', 2);
        var (group, resource, cluster) = Resolve(tokens[0]);
        var sub = args.Skip(at + 3).FirstOrDefault(a => a.StartsWith("--subresource=", StringComparison.Ordinal))?["--subresource=".Length..];
        return (group, sub is null ? resource : $"{resource}/{sub}", verb, cluster, tokens.Length > 1 ? tokens[1] : null);
    }

    private static (string Group, string Resource, bool Cluster) Resolve(string type) => type switch
    {
        "deployment" or "deployments" or "deploy" => ("apps", "deployments", false),
        "statefulset" or "statefulsets" or "sts" => ("apps", "statefulsets", false),
        "pod" or "pods" => (string.Empty, "pods", false),
        "node" or "nodes" => (string.Empty, "nodes", true),
        CnpgCalls.Resource => (KubernetesAccess.CnpgGroup, "clusters", false),
        _ => throw new AssertionException($"the RBAC model here does not know resource type '{type}'"),
    };
}
