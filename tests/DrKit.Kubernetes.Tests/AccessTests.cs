using DrKit.Core.Platforms.Kubernetes;
using DrKit.Operations.Platforms.Kubernetes;

namespace DrKit.Kubernetes.Tests;

/// <summary>
/// The RBAC the stack declares covers every kubectl call operations make: each call's arguments (from the same
/// builders the adapters use) are turned into the API requests kubectl sends, and each request must be allowed.
/// </summary>
public sealed class AccessTests
{
    private static readonly KubeTarget Target = new("us-west-2", "ctx", "ns");

    /// <summary>Every kubectl call of the CNPG, Redis and inference adapters, named.</summary>
    public static IEnumerable<TestCaseData> Calls()
    {
        var sentinels = RedisCalls.Sentinels("c", Target.Region);
        var calls = new (string Name, IReadOnlyList<string> Args)[]
        {
            ("cnpg get", CnpgCalls.Get(Target, "c-us-west-2")),
            ("cnpg demotion token", CnpgCalls.DemotionToken(Target, "c-us-east-1")),
            ("cnpg set primary", CnpgCalls.SetPrimary(Target, "c-us-west-2", "c-us-west-2", "dG9rZW4=")),
            ("cnpg replay lag", CnpgCalls.ReplayLag(Target, "c-us-west-2-1")),
            ("cnpg replayed up to", CnpgCalls.ReplayedUpTo(Target, "c-us-west-2-1", "0/3000028")),
            ("cnpg in recovery", CnpgCalls.InRecovery(Target, "c-us-west-2-1")),
            ("redis role", RedisCalls.Role(Target, RedisCalls.Pod("c", Target.Region))),
            ("redis info", RedisCalls.Info(Target, RedisCalls.Pod("c", Target.Region))),
            ("redis promote", RedisCalls.Promote(Target, RedisCalls.Pod("c", Target.Region))),
            ("redis demote", RedisCalls.Demote(Target, RedisCalls.Pod("c", Target.Region), "h", "6379")),
            ("sentinel scale", RedisCalls.ScaleSentinels(Target, sentinels, 5)),
            ("sentinel master address", RedisCalls.MasterAddress(Target, "c")),
            ("redis on master", RedisCalls.OnMaster(Target, "c", "h", "6379", RedisCalls.PauseWrites)),
            ("inference get", InferenceCapacity.Get(Target, InferenceCapacity.Inference("gpu", Target.Region))),
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
        foreach (var (group, resource, verb, clusterScoped) in requests)
        {
            var rules = clusterScoped ? KubernetesAccess.ClusterRules : KubernetesAccess.NamespaceRules;
            Assert.That(KubernetesAccess.Allows(rules, group, resource, verb), Is.True,
                $"kubectl {string.Join(' ', args)} needs {verb} on {(group.Length == 0 ? "core" : group)}/{resource} in the {(clusterScoped ? "ClusterRole" : "Role")}");
        }
    }

    /// <summary>The preflight's questions for a failover (recovery us-west-2) and a failback (us-east-1) of the bundled stack.</summary>
    public static IEnumerable<TestCaseData> Questions()
    {
        var topology = DrKit.Operations.Programs.OperationTopology.From(DrKit.Core.Planning.Planner.PlanFile(KubernetesRun.StackFile));
        return new[] { "us-west-2", "us-east-1" }
            .SelectMany(region => KubeAccess.Required(topology, region).SelectMany(r => r.Permissions.Select(p => (region, r.Target, p))))
            .Select(q => new TestCaseData(KubeAccess.CanI(q.Target, q.p)).SetName($"CanI_AsksWhatTheDeclaredRbacAllows({q.region} {q.p.Verb} {q.p.Name})"));
    }

    /// <summary>
    /// Each <c>kubectl auth can-i</c> question of the preflight, read the way kubectl reads it (TYPE/NAME is a resource
    /// and an object's name; a subresource comes only from <c>--subresource</c>), must be answered "yes" by exactly the
    /// declared Role and ClusterRole: else a least-privilege operator is refused before every failover.
    /// </summary>
    [TestCaseSource(nameof(Questions))]
    public void CanI_AsksWhatTheDeclaredRbacAllows(IReadOnlyList<string> args)
    {
        var (group, resource, verb, clusterScoped) = Question(args);
        var rules = clusterScoped ? KubernetesAccess.ClusterRules : KubernetesAccess.NamespaceRules;
        Assert.That(KubernetesAccess.Allows(rules, group, resource, verb), Is.True,
            $"kubectl {string.Join(' ', args)} asks about {verb} on {(group.Length == 0 ? "core" : group)}/{resource}, which the declared {(clusterScoped ? "ClusterRole" : "Role")} must grant");
    }

    [Test]
    public void CanI_CoversEveryRequestOfTheCallsItGuards()
    {
        var topology = DrKit.Operations.Programs.OperationTopology.From(DrKit.Core.Planning.Planner.PlanFile(KubernetesRun.StackFile));
        var asked = KubeAccess.Required(topology, "us-west-2").SelectMany(r => r.Permissions).Select(p => Question(KubeAccess.CanI(Target, p))).ToHashSet();
        var sentinels = RedisCalls.Sentinels("c", Target.Region);
        var guarded = new[]
        {
            RedisCalls.ScaleSentinels(Target, sentinels, 5),
            RedisCalls.Promote(Target, RedisCalls.Pod("c", Target.Region)),
            InferenceCapacity.Scale(Target, InferenceCapacity.Inference("gpu", Target.Region), 2),
            CnpgCalls.SetPrimary(Target, "c-us-west-2", "c-us-west-2", null),
        };
        foreach (var call in guarded)
        {
            Assert.That(asked, Is.SupersetOf(Requests(call)), $"the preflight asks for every request of kubectl {string.Join(' ', call)}");
        }
    }

    [TestCase("create", "pods/exec", null, "", "pods")]
    [TestCase("create", "pods", "exec", "", "pods/exec")]
    [TestCase("patch", "statefulsets", "scale", "apps", "statefulsets/scale")]
    public void Question_ReadsTypeSlashNameAsANameNotASubresource(string verb, string type, string? sub, string group, string resource)
    {
        string[] args = sub is null ? ["auth", "can-i", verb, type] : ["auth", "can-i", verb, type, $"--subresource={sub}"];
        Assert.That(Question(args), Is.EqualTo((group, resource, verb, false)), "kubectl's cani.go splits TYPE/NAME into a resource and a name");
    }

    [Test]
    public void Requests_OfAnExecOnAWorkloadIncludeReadingItAndListingItsPods()
    {
        var requests = Requests(["--context", "c", "--namespace", "n", "exec", "statefulset/s", "--", "true"]);
        Assert.That(requests, Is.SupersetOf(new[] { ("apps", "statefulsets", "get", false), (string.Empty, "pods", "list", false), (string.Empty, "pods/exec", "create", false) }),
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
                Assert.That(((System.Collections.IEnumerable)KubernetesRun.At(role.Inputs, "rules")!).Cast<object>().Count(), Is.EqualTo(KubernetesAccess.NamespaceRules.Count), "every decided rule is declared");
                Assert.That(KubernetesRun.At(role.Inputs, "rules", "1", "resources", "0"), Is.EqualTo("pods/exec"), "exec is a subresource rule");
                Assert.That(KubernetesRun.At(role.Inputs, "rules", "1", "verbs", "0"), Is.EqualTo("create"), "exec is a create");
                Assert.That(KubernetesRun.At(binding.Inputs, "subjects", "0", "name"), Is.EqualTo("rag-assistant-dr-operators"), "bound to the configured operators");
                Assert.That(KubernetesRun.At(binding.Inputs, "subjects", "0", "kind"), Is.EqualTo("Group"), "a group subject");
                Assert.That(KubernetesRun.At(binding.Inputs, "roleRef", "name"), Is.EqualTo("drkit-operations"), "the binding names the Role");
                Assert.That(KubernetesRun.At(nodes.Inputs, "metadata", "name"), Is.EqualTo("rag-assistant-drkit-operations"), "the ClusterRole's name carries the namespace");
                Assert.That(KubernetesRun.At(nodes.Inputs, "rules", "0", "resources", "0"), Is.EqualTo("nodes"), "nodes are cluster-scoped");
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
    private static List<(string Group, string Resource, string Verb, bool ClusterScoped)> Requests(IReadOnlyList<string> args)
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

        var requests = new List<(string, string, string, bool)>();
        switch (rest[0])
        {
            case "get":
                var (group, resource, cluster) = Resolve(rest[1]);
                var named = rest.Count > 2 && !rest[2].StartsWith('-');
                requests.Add((group, resource, named ? "get" : "list", cluster));
                break;
            case "patch":
                var patched = Resolve(rest[1]);
                requests.Add((patched.Group, patched.Resource, "patch", patched.Cluster));
                break;
            case "exec":
                if (rest[1].Split('/') is [var type, _])
                {
                    var workload = Resolve(type);
                    requests.Add((workload.Group, workload.Resource, "get", false));
                    requests.Add((string.Empty, "pods", "list", false));
                }

                requests.Add((string.Empty, "pods", "get", false));
                requests.Add((string.Empty, "pods/exec", "create", false));
                break;
            case "auth" when rest[1] == "can-i":
                // A SelfSubjectAccessReview: cluster-scoped, whatever the namespace asked about.
                requests.Add(("authorization.k8s.io", "selfsubjectaccessreviews", "create", true));
                break;
            case "scale":
                var scaled = Resolve(rest[1].Split('/')[0]);
                requests.Add((scaled.Group, scaled.Resource, "get", false));
                requests.Add((scaled.Group, scaled.Resource + "/scale", "get", false));
                requests.Add((scaled.Group, scaled.Resource + "/scale", "patch", false));
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
    private static (string Group, string Resource, string Verb, bool ClusterScoped) Question(IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf("can-i");
        Assert.That(at, Is.GreaterThanOrEqualTo(0), "a can-i question");
        var verb = args[at + 1];
        var (group, resource, cluster) = Resolve(args[at + 2].Split('/', 2)[0]);
        var sub = args.Skip(at + 3).FirstOrDefault(a => a.StartsWith("--subresource=", StringComparison.Ordinal))?["--subresource=".Length..];
        return (group, sub is null ? resource : $"{resource}/{sub}", verb, cluster);
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
