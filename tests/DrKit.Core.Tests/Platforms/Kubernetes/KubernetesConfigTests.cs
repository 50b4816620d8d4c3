using DrKit.Core.Platforms.Kubernetes;
using DrKit.Core.Tests.Config;

namespace DrKit.Core.Tests.Platforms.Kubernetes;

/// <summary>The Kubernetes keys that give the manifests an identity, a toleration, operators and a replica gate.</summary>
public sealed class KubernetesConfigTests
{
    private const string Clusters = "  drkit:kubernetes:\n    namespace: ai\n    clusters:\n      us-east-1:\n        context: use1\n      us-west-2:\n        context: usw2\n";

    private static readonly string[] Cnpg =
    [
        "kind: postgres", "platform: kubernetes", "tier: production", "strategy: pilot-light",
        "objectStores:", "  us-east-1: s3://wal-use1/c", "  us-west-2: s3://wal-usw2/c",
    ];

    private static readonly string[] Gpu = ["kind: gpu-capacity", "platform: kubernetes", "strategy: pilot-light", "image: inference:1", "count: 2"];

    private static string Yaml(string section, params string[] lines) =>
        TestStacks.Yaml(TestStacks.Component(lines), "us-west-2").Replace("  drkit:components:\n", section + "  drkit:components:\n", StringComparison.Ordinal);

    private static string Yaml(params string[] lines) => Yaml(Clusters, lines);

    [Test]
    public void RoleArns_ReachTheSettingsPerRegion()
    {
        var c = TestStacks.Plan(Yaml([.. Cnpg, "roleArns:", "  us-east-1: arn:aws:iam::123456789012:role/wal-use1"])).Components.Single();
        Assert.That(((CnpgSettings)c.Settings).RoleArns, Is.EqualTo(new Dictionary<string, string> { ["us-east-1"] = "arn:aws:iam::123456789012:role/wal-use1" }), "the role of each region's CNPG pods");
    }

    [TestCase("  us-east-1: arn:aws:iam::12345:role/x", "is not an IAM role ARN")]
    [TestCase("  eu-west-1: arn:aws:iam::123456789012:role/x", "names region 'eu-west-1'")]
    public void RoleArns_Invalid_AreRejectedNamingTheKey(string entry, string message)
    {
        TestStacks.Problems(Yaml([.. Cnpg, "roleArns:", entry])).At("drkit:components.c.roleArns", message);
    }

    [Test]
    public void RoleArnsWithCredentialsSecret_AreRejected()
    {
        TestStacks.Problems(Yaml([.. Cnpg, "credentialsSecret: keys", "roleArns:", "  us-east-1: arn:aws:iam::123456789012:role/x"])).At("drkit:components.c.roleArns", "keep one");
    }

    [Test]
    public void GpuToleration_DefaultsToTheNvidiaTaint()
    {
        var settings = (GpuInferenceSettings)TestStacks.Plan(Yaml(Gpu)).Components.Single().Settings;
        Assert.Multiple(() =>
        {
            Assert.That(settings.Toleration, Is.EqualTo(new GpuToleration("nvidia.com/gpu", "Exists", null, "NoSchedule")), "the GPU Operator's taint is tolerated by default");
            Assert.That(settings.PriorityClass, Is.EqualTo("ai-c-placeholder"), "the PriorityClass is named after namespace and component");
            Assert.That(settings.PlaceholderPriority, Is.LessThan(KubernetesAssumptions.AutoscalerExpendableCutoff), "placeholders are expendable to the autoscaler");
        });
    }

    [Test]
    public void GpuToleration_NoneAndEqualAreRead()
    {
        var none = (GpuInferenceSettings)TestStacks.Plan(Yaml([.. Gpu, "gpuToleration: none"])).Components.Single().Settings;
        var equal = (GpuInferenceSettings)TestStacks.Plan(Yaml([.. Gpu, "gpuToleration:", "  key: gpu", "  operator: Equal", "  value: a10g", "  effect: NoExecute"])).Components.Single().Settings;
        Assert.Multiple(() =>
        {
            Assert.That(none.Toleration, Is.Null, "none tolerates nothing");
            Assert.That(equal.Toleration, Is.EqualTo(new GpuToleration("gpu", "Equal", "a10g", "NoExecute")), "an Equal toleration with its value");
        });
    }

    [TestCase("  key: nvidia.com/gpu\n  effect: NoRun", "drkit:components.c.gpuToleration.effect", "expected NoSchedule, PreferNoSchedule or NoExecute")]
    [TestCase("  key: nvidia.com/gpu\n  operator: Equal", "drkit:components.c.gpuToleration.value", "needs the taint's value")]
    [TestCase("  key: nvidia.com/gpu\n  value: x", "drkit:components.c.gpuToleration.value", "matches any value")]
    public void GpuToleration_Invalid_IsRejectedNamingTheKey(string body, string key, string message)
    {
        TestStacks.Problems(Yaml([.. Gpu, "gpuToleration:", .. body.Split('\n')])).At(key, message);
    }

    [Test]
    public void Operators_ReachThePlacement()
    {
        var section = Clusters + "    operators:\n      - kind: Group\n        name: dr-ops\n      - kind: ServiceAccount\n        name: drkit\n        namespace: ci\n";
        var placement = ((CnpgSettings)TestStacks.Plan(Yaml(section, Cnpg)).Components.Single().Settings).Placement;
        Assert.That(placement.Operators, Is.EqualTo(new[] { new KubernetesSubject("Group", "dr-ops", null), new KubernetesSubject("ServiceAccount", "drkit", "ci") }), "both subjects, in order");
    }

    [TestCase("      - kind: ServiceAccount\n        name: drkit\n", "drkit:kubernetes.operators[0].namespace", "needs the namespace")]
    [TestCase("      - kind: Team\n        name: x\n", "drkit:kubernetes.operators[0].kind", "expected Group, User or ServiceAccount")]
    [TestCase("      - kind: Group\n        name: x\n        namespace: y\n", "drkit:kubernetes.operators[0].namespace", "not namespaced")]
    public void Operators_Invalid_AreRejectedNamingTheKey(string subject, string key, string message)
    {
        TestStacks.Problems(Yaml(Clusters + "    operators:\n" + subject, Cnpg)).At(key, message);
    }

    [Test]
    public void ReplicaReadyFalse_KeepsTheReplicaOutAndSaysSo()
    {
        var c = TestStacks.Plan(Yaml(Clusters + "    replicaReady: false\n", Cnpg)).Components.Single();
        Assert.Multiple(() =>
        {
            Assert.That(((CnpgSettings)c.Settings).ReplicaDeclared, Is.False, "the replica cluster is not declared yet");
            Assert.That(c.Estimate.Caveats, Has.Some.Contains("replicaReady is false"), "the plan says nothing follows the primary yet");
        });
    }

    [Test]
    public void CnpgReplica_CaveatsTheSwitchoverWaitForTheArchiveCopy()
    {
        var c = TestStacks.Plan(Yaml([.. Cnpg, "replicationTimeControl: true"])).Components.Single();
        Assert.That(c.Estimate.Caveats, Has.Some.Contains("up to 15m longer"), "a switchover waits for the token's WAL segment to be copied (S3 RTC bound)");
    }

    [Test]
    public void Bootstrap_InitdbOnlyForTheWriter()
    {
        var settings = (CnpgSettings)TestStacks.Plan(Yaml(Cnpg)).Components.Single().Settings;
        Assert.Multiple(() =>
        {
            Assert.That(settings.BootstrapOf(settings.Primary, settings.Primary), Is.EqualTo(CnpgBootstrap.InitDb), "the writer starts empty");
            Assert.That(settings.BootstrapOf(settings.Replica!, settings.Primary), Is.EqualTo(CnpgBootstrap.Recovery), "the replica recovers");
            Assert.That(settings.BootstrapOf(settings.Primary, settings.Replica!), Is.EqualTo(CnpgBootstrap.Recovery), "a rebuilt old primary recovers from the new writer");
        });
    }

    [Test]
    public void PeerCopyExpiry_IsThePitrWindowPlusABackupIntervalAndADay()
    {
        var c = TestStacks.Plan(Yaml([.. Cnpg, "pitrWindow: 14d", "snapshotInterval: 12h"])).Components.Single();
        Assert.Multiple(() =>
        {
            Assert.That(c.Regions.Single(r => r.Region == "us-west-2").Values["peerCopyExpiry"], Is.EqualTo("c-us-east-1/ after 16d"),
                "14d window + 12h backup interval, rounded up, + 1 day: the primary's copy in the recovery store");
            Assert.That(c.Estimate.Caveats, Has.Some.Contains("both directions"), "the plan says which store configuration DrKit relies on and does not declare");
        });
    }

    [Test]
    public void ComponentName_TooLongForTheSentinelStatefulSetsRevisionLabel_IsRejected()
    {
        // c-us-west-2 + "-sentinel" + "-" + a 10-character revision hash must stay within a 63-character label value.
        var name = new string('a', 34);
        var yaml = Yaml(Cnpg).Replace("    c:\n", $"    {name}:\n", StringComparison.Ordinal);
        Assert.That(yaml, Does.Contain(name), "the component is renamed");
        var problems = TestStacks.Problems(yaml).Where(p => p.KeyPath == $"drkit:components.{name}.platform").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Count.EqualTo(2), "the name is too long in both regions' clusters");
            Assert.That(problems.Select(p => p.Message), Has.All.Contains("shorten the component name"), "each says what to do");
        });
    }
}
