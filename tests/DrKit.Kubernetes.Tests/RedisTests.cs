using DrKit.Core.Operations;

namespace DrKit.Kubernetes.Tests;

/// <summary>Redis with Sentinel: role decided at start, upstream in a ConfigMap, Sentinels that keep who they are.</summary>
public sealed class RedisTests
{
    private static OperationsState Moved() => OperationsConfig.FromRaw("test",
        new Dictionary<string, string> { [OperationsKeys.Full(OperationsKeys.WriterRegion("session-cache"))] = "us-west-2" }, Core.Planning.Planner.PlanFile(KubernetesRun.StackFile));

    private static object? Template(KubernetesRun run, string name) => KubernetesRun.At(run.Named(name).Inputs, "spec", "template");

    [Test]
    public async Task WriterMoved_ChangesTheRoleConfigMapNotThePodTemplate()
    {
        var before = await KubernetesRun.OfAsync();
        var after = await KubernetesRun.OfAsync(Moved());
        Assert.Multiple(() =>
        {
            Assert.That(Describe(Template(after, "session-cache-us-west-2-redis")), Is.EqualTo(Describe(Template(before, "session-cache-us-west-2-redis"))),
                "the new writer's pod template is the same, so the up after failover rolls no pod");
            Assert.That(KubernetesRun.At(after.Named("session-cache-us-west-2-role").Inputs, "data", "upstream"), Is.EqualTo(string.Empty), "the new writer's region declares no upstream");
            Assert.That(KubernetesRun.At(before.Named("session-cache-us-west-2-role").Inputs, "data", "upstream"), Is.Not.Empty, "before, it declared the primary region's Redis");
        });
    }

    [Test]
    public async Task WriterMoved_ThePrimaryRegionsRoleNamesTheWayBack()
    {
        var before = await KubernetesRun.OfAsync();
        var after = await KubernetesRun.OfAsync(Moved());
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(after.Named("session-cache-us-east-1-role").Inputs, "data", "upstream"), Is.EqualTo("session-cache.usw2.assistant.example.com 6379"),
                "a failback scales the us-east-1 Redis up, and pod 0 must follow the writer in us-west-2, not its own address");
            Assert.That(KubernetesRun.At(before.Named("session-cache-us-east-1-role").Inputs, "data", "upstream"), Is.EqualTo(string.Empty), "the writer's region declares no upstream");
        });
    }

    [Test]
    public async Task RedisAndSentinels_SpreadOverNodesAndKeepTheQuorumThroughDrains()
    {
        var run = await KubernetesRun.OfAsync();
        var sentinels = run.Named("session-cache-us-east-1-sentinel");
        var budget = run.Named("session-cache-us-east-1-sentinel-pdb");
        var redisBudget = run.Named("session-cache-us-east-1-redis-pdb");
        var anti = KubernetesRun.At(sentinels.Inputs, "spec", "template", "spec", "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution", "0", "podAffinityTerm");
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(anti, "topologyKey"), Is.EqualTo("kubernetes.io/hostname"), "one node's loss takes one Sentinel, never 3 of 5");
            Assert.That(KubernetesRun.At(anti, "labelSelector", "matchLabels", "app.kubernetes.io/name"), Is.EqualTo("session-cache-us-east-1-sentinel"), "apart from each other");
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-east-1-redis").Inputs, "spec", "template", "spec", "topologySpreadConstraints", "0", "topologyKey"), Is.EqualTo("topology.kubernetes.io/zone"),
                "Redis pods spread across zones");
            Assert.That(budget.Type, Is.EqualTo("kubernetes:policy/v1:PodDisruptionBudget"), "drains go through a disruption budget");
            Assert.That(KubernetesRun.At(budget.Inputs, "spec", "maxUnavailable"), Is.EqualTo(2), "a drain keeps the Sentinels' quorum (5 - 3)");
            Assert.That(KubernetesRun.At(budget.Inputs, "spec", "minAvailable"), Is.Null,
                "no fixed minAvailable, which a region with its Sentinels at 0 would report violated for as long as they are stopped");
            Assert.That(KubernetesRun.At(budget.Inputs, "spec", "unhealthyPodEvictionPolicy"), Is.EqualTo("AlwaysAllow"), "an unready Sentinel never blocks a drain");
            Assert.That(KubernetesRun.At(run.Named("session-cache-us-west-2-sentinel-pdb").Inputs, "spec", "maxUnavailable"), Is.EqualTo(2),
                "the recovery region, whose Sentinels are at 0 before a failover, gets a budget that is met");
            Assert.That(KubernetesRun.At(budget.Inputs, "spec", "selector", "matchLabels", "app.kubernetes.io/name"), Is.EqualTo("session-cache-us-east-1-sentinel"), "over the Sentinels");
            Assert.That(KubernetesRun.At(redisBudget.Inputs, "spec", "maxUnavailable"), Is.EqualTo(1), "one Redis pod at a time");
            Assert.That(KubernetesRun.RegionOf(budget), Is.EqualTo("us-east-1"), "declared with the region's provider");
        });
    }

    [Test]
    public async Task RedisPods_AskTheSentinelsAndReadTheMountedRole()
    {
        var run = await KubernetesRun.OfAsync();
        var template = Template(run, "session-cache-us-west-2-redis");
        var script = (string)KubernetesRun.At(template, "spec", "containers", "0", "command", "2")!;
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("-h session-cache-us-west-2-sentinel.rag-assistant.svc -p 26379 --raw SENTINEL get-master-addr-by-name session-cache-us-west-2"), "the role comes from the region's Sentinels first");
            Assert.That(script, Does.Contain("cat /etc/drkit-redis/upstream"), "and falls back to the declared upstream");
            Assert.That(script, Does.Contain("--replica-announce-ip \"$SELF\""), "each pod announces its stable DNS name");
            Assert.That(KubernetesRun.At(template, "spec", "volumes", "0", "configMap", "name"), Is.EqualTo("session-cache-us-west-2-redis-role"), "the role ConfigMap is mounted");
            Assert.That(KubernetesRun.At(template, "spec", "containers", "0", "volumeMounts", "1", "mountPath"), Is.EqualTo("/etc/drkit-redis"), "where the script reads it");
        });
    }

    [Test]
    public async Task Sentinels_AreAStatefulSetWithVolumeHeadlessServiceAndReadiness()
    {
        var run = await KubernetesRun.OfAsync();
        var sentinel = run.Named("session-cache-us-east-1-sentinel");
        var service = run.Named("session-cache-us-east-1-sentinel-service");
        var script = (string)KubernetesRun.At(sentinel.Inputs, "spec", "template", "spec", "containers", "0", "command", "2")!;
        Assert.Multiple(() =>
        {
            Assert.That(sentinel.Type, Is.EqualTo("kubernetes:apps/v1:StatefulSet"), "Sentinels keep a stable identity per ordinal");
            Assert.That(KubernetesRun.At(sentinel.Inputs, "spec", "serviceName"), Is.EqualTo("session-cache-us-east-1-sentinel"), "governed by the headless Service");
            Assert.That(KubernetesRun.At(sentinel.Inputs, "spec", "volumeClaimTemplates", "0", "spec", "resources", "requests", "storage"), Is.EqualTo("1Gi"), "their config lives on a volume");
            Assert.That(script, Does.Contain("if [ ! -s /data/sentinel.conf ]"), "a restart keeps the config Sentinel rewrote");
            Assert.That(script, Does.Contain("sentinel myid $(printf %s \"$(hostname)\" | sha1sum | cut -c1-40)"), "myid is derived from the pod name");
            Assert.That(KubernetesRun.At(sentinel.Inputs, "spec", "template", "spec", "containers", "0", "readinessProbe", "exec", "command", "3"), Is.EqualTo("PING"), "a Sentinel is ready once it answers");
            Assert.That(KubernetesRun.At(service.Inputs, "spec", "clusterIP"), Is.EqualTo("None"), "headless: stable names per Sentinel");
        });
    }

    [Test]
    public async Task Endpoints_AreTheSentinelServiceAndMasterName()
    {
        var run = await KubernetesRun.OfAsync();
        var outputs = await OutputsOf();
        Assert.Multiple(() =>
        {
            Assert.That(outputs["session-cache.primaryEndpoint"], Is.EqualTo("session-cache-us-east-1-sentinel.rag-assistant.svc:26379"), "clients ask the Sentinels, not a fixed pod");
            Assert.That(outputs["session-cache.recoveryEndpoint"], Is.EqualTo("session-cache-us-west-2-sentinel.rag-assistant.svc:26379"), "the recovery region's Sentinels");
            Assert.That(outputs["session-cache.sentinelMaster.us-east-1"], Is.EqualTo("session-cache-us-east-1"), "with the master name they monitor");
            Assert.That(run.Resources.Any(r => r.Type == "kubernetes:apps/v1:Deployment" && r.Name!.Contains("sentinel", StringComparison.Ordinal)), Is.False, "no Sentinel Deployment is left");
        });
    }

    private static async Task<IDictionary<string, string>> OutputsOf()
    {
        var plan = Core.Planning.Planner.PlanFile(KubernetesRun.StackFile);
        var operations = StackOperations.Decide(plan, OperationsState.None);
        var texts = new Dictionary<string, Pulumi.Output<string>>(StringComparer.Ordinal);
        await Pulumi.Deployment.TestAsync(new RecordingMocks(), new Pulumi.Testing.TestOptions { ProjectName = "drkit", StackName = KubernetesRun.Stack, IsPreview = false }, () =>
        {
            var flat = new KubernetesResources(operations, null).FlatOutputs(operations);
            foreach (var (key, value) in flat)
            {
                if (value is Pulumi.Output<string> text)
                {
                    texts[key] = text;
                }
            }

            return flat;
        });
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text) in texts)
        {
            result[key] = await Pulumi.Utilities.OutputUtilities.GetValueAsync(text);
        }

        return result;
    }

    private static string Describe(object? node) => node switch
    {
        System.Collections.IDictionary map => "{" + string.Join(",", map.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal).Select(k => $"{k}:{Describe(map[k])}")) + "}",
        string text => text,
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Describe)) + "]",
        _ => node?.ToString() ?? "null",
    };
}
