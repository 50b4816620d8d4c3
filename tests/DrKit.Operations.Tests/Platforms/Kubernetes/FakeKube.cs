using System.Text.Json;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Operations.Cloud;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary>
/// kubectl against the two clusters of k8s-pilot-light, answered from state the way CloudNativePG, Redis and the
/// Deployment controller would: the CNPG clusters' <c>spec.replica.primary</c>, the demotion token a demoted primary
/// publishes, WAL replay up to the token and promotion once the recovery cluster names itself; the Sentinel-named
/// Redis master, its write pause and replication offsets; the inference and placeholder Deployments. Calls to the
/// primary cluster's context fail or hang while <see cref="PrimaryDown"/> is set. Every call is recorded.
/// </summary>
internal sealed partial class FakeKube : ICloudCommand
{
    public const string PrimaryContext = "eks-rag-use1";
    public const string RecoveryContext = "eks-rag-usw2";
    public const string PrimaryCluster = "context-store-us-east-1";
    public const string RecoveryCluster = "context-store-us-west-2";
    public const string TokenLsn = "0/9000028";
    public const string RedisMaster = "session-cache-us-east-1-redis-0.session-cache-us-east-1-redis.rag-assistant.svc";

    /// <summary>The token CNPG publishes: base64 JSON of the shutdown checkpoint's pg_controldata.</summary>
    public static readonly string Token = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
    {
        latestCheckpointTimelineID = "1", redoWalFile = "000000010000000000000009", databaseSystemIdentifier = "7611448666720448538",
        latestCheckpointREDOLocation = TokenLsn, timeOfLatestCheckpoint = "2030-01-01 12:00:00 UTC", operatorVersion = "1.30.0",
    }));

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The primary cluster's API server does not answer; <see cref="Outage"/> says how.</summary>
    public bool PrimaryDown { get; set; }

    public OutageMode Outage { get; set; } = OutageMode.Fail;

    /// <summary>When set, the primary cluster's API server answers every change (patch, exec, scale) with this refusal.</summary>
    public string? RefusePrimary { get; set; }

    /// <summary>Permissions (<c>verb resource</c>, <c>verb resource/subresource</c>) the kubectl identity lacks in the
    /// recovery cluster, beyond what the declared Role and ClusterRole do not grant.</summary>
    public HashSet<string> DeniedInRecovery { get; } = new(StringComparer.Ordinal);

    /// <summary>Every permission asked with <c>kubectl auth can-i</c>, as <c>context verb resource</c>.</summary>
    public List<string> PermissionChecks { get; } = [];

    /// <summary>When set, kubectl is not on PATH.</summary>
    public bool Missing { get; set; }

    public List<(string Context, string Line)> Calls { get; } = [];

    public List<TimeSpan> Timeouts { get; } = [];

    public IEnumerable<string> CallsTo(string context) => Calls.Where(c => c.Context == context).Select(c => c.Line);

    public async Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        if (Missing)
        {
            throw new CloudCliMissingException(program, "'kubectl' is not on PATH or could not be started (No such file or directory).");
        }

        if (arguments is ["version", "--client"])
        {
            return Ok("Client Version: v1.33.2\nKustomize Version: v5.6.0");
        }

        Assert.That(arguments.Take(5), Is.EqualTo(new[] { "--context", arguments[1], "--namespace", "rag-assistant", "--request-timeout=20s" }),
            "every kubectl call names its context and namespace and bounds its request");
        var context = arguments[1];
        Calls.Add((context, string.Join(' ', arguments.Skip(5))));
        Timeouts.Add(timeout);
        if ((context == PrimaryContext && PrimaryDown) || (context == RecoveryContext && RecoveryDown))
        {
            if (Outage == OutageMode.Hang)
            {
                await Task.Delay(timeout, Clock, ct).ConfigureAwait(false);
                throw new TimeoutException($"kubectl did not exit within {timeout}; it was stopped.");
            }

            return new CloudCommandResult(1, string.Empty, "Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout");
        }

        var rest = arguments.Skip(5).ToArray();
        if (context == PrimaryContext && RefusePrimary is { } refusal && rest is ["patch", ..] or ["exec", ..] or ["scale", ..])
        {
            // A reachable API server that refuses (RBAC, admission): nothing changes there.
            return new CloudCommandResult(1, string.Empty, refusal);
        }

        return rest switch
        {
            ["auth", "can-i", var verb, var type, .. var flags] => CanI(context, verb, type, flags),
            ["get", Cnpg, var cluster, "-o", "json"] => Ok(ClusterJson(cluster)),
            ["get", Cnpg, var cluster, "-o", "jsonpath={.status.demotionToken}"] => Ok(TokenOf(cluster)),
            ["patch", Cnpg, var cluster, "--type", "merge", "-p", var patch] => Patch(cluster, patch),
            ["exec", var pod, "-c", "postgres", "--", "psql", "-XAtc", var sql] => Ok(Sql(pod, sql)),
            ["exec", var pod, "-c", "redis", "--", "redis-cli", "-h", _, "-p", _, ..] when context == PrimaryContext => OnPrimaryMaster(pod, rest[6..]),
            ["exec", var pod, "-c", "redis", "--", "redis-cli", .. var command] => Redis(context, pod, command),
            ["exec", var pod, "-c", "sentinel", "--", "redis-cli", "-p", "26379", .. var command] when !pod.StartsWith("statefulset/", StringComparison.Ordinal) => SentinelPod(context, pod, command),
            ["exec", _, "-c", "sentinel", "--", "redis-cli", .. var command] => Sentinel(context, command),
            ["get", "deployment", var deployment, "-o", "json"] => Ok(DeploymentJson(deployment)),
            ["get", "nodes", "-l", "nvidia.com/gpu.product=NVIDIA-A10G", "-o", "json"] => Ok(NodesJson),
            ["scale", var deployment, var replicas] => Scale(deployment, int.Parse(replicas.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture)),
            _ => new CloudCommandResult(1, string.Empty, $"unexpected kubectl {string.Join(' ', rest)}"),
        };
    }

    private const string Cnpg = "clusters.postgresql.cnpg.io";

    /// <summary>The objects of the bundled stack the declared rules are limited to.</summary>
    private static readonly OperatedObjects Objects = OperatedObjects.Of(Core.Planning.Planner.PlanFile(BundledStacks.Path("k8s-pilot-light")));

    /// <summary>Two GPU nodes of four GPUs each, as <c>kubectl get nodes -o json</c> lists them (primary cluster).</summary>
    private static readonly string NodesJson = JsonSerializer.Serialize(new
    {
        items = Enumerable.Range(1, 2).Select(n => new { metadata = new { name = $"gpu-{n}" }, status = new { allocatable = new Dictionary<string, string> { ["nvidia.com/gpu"] = "4", ["cpu"] = "48" } } }),
    });

    private static CloudCommandResult Ok(string stdout) => new(0, stdout, string.Empty);

    /// <summary>
    /// <c>kubectl auth can-i VERB TYPE[/NAME] [--subresource=SUB]</c> answered the way the API server answers for an
    /// identity bound to exactly the Role and ClusterRole DrKit declares for k8s-pilot-light (<see cref="KubernetesAccess"/>,
    /// limited to the stack's objects by resourceNames), less <see cref="DeniedInRecovery"/>. As kubectl does, TYPE/NAME
    /// is a resource and an object's name, never a subresource; a question without a name is about every object, which
    /// a rule with resourceNames does not grant.
    /// </summary>
    private CloudCommandResult CanI(string context, string verb, string type, string[] flags)
    {
        var tokens = type.Split('/', 2);
        var resource = tokens[0];
        var sub = flags.Select(f => f.StartsWith("--subresource=", StringComparison.Ordinal) ? f["--subresource=".Length..] : null).FirstOrDefault(f => f is not null);
        Assert.That(flags.All(f => f.StartsWith("--subresource=", StringComparison.Ordinal)), Is.True, $"can-i takes no other flag here: {string.Join(' ', flags)}");
        var (group, plural, clusterScoped) = resource switch
        {
            "pods" => (string.Empty, "pods", false),
            "nodes" => (string.Empty, "nodes", true),
            "deployments" or "deployments.apps" => ("apps", "deployments", false),
            "statefulsets" or "statefulsets.apps" => ("apps", "statefulsets", false),
            Cnpg => (KubernetesAccess.CnpgGroup, "clusters", false),
            _ => throw new AssertionException($"kubectl auth can-i: the fake does not resolve the type '{resource}'"),
        };
        var name = sub is null ? plural : $"{plural}/{sub}";
        PermissionChecks.Add($"{context} {verb} {name}");
        var region = context == PrimaryContext ? "us-east-1" : "us-west-2";
        var rules = clusterScoped ? KubernetesAccess.ClusterRules(Objects.NodeRegions.Contains(region)) : KubernetesAccess.NamespaceRules(Objects);
        var allowed = KubernetesAccess.Allows(rules, group, name, verb, tokens.Length > 1 ? tokens[1] : null)
            && !(context == RecoveryContext && DeniedInRecovery.Contains($"{verb} {name}"));
        return allowed ? Ok("yes\n") : new(1, "no\n", string.Empty);
    }
}
