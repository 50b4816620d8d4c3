using DrKit.Core.Config;
using DrKit.Core.Planning;
using DrKit.Core.Platforms;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Core.Tests.Config;

namespace DrKit.Core.Tests.Platforms.Kubernetes;

public sealed class KubernetesStackTests
{
    private const string Clusters = "  drkit:kubernetes:\n    namespace: ai\n    clusters:\n      us-east-1:\n        context: use1\n      us-west-2:\n        context: usw2\n";

    private static string Yaml(params string[] lines) => TestStacks.Yaml(TestStacks.Component(lines), "us-west-2").Replace("  drkit:components:\n", Clusters + "  drkit:components:\n", StringComparison.Ordinal);

    private static readonly string[] Cnpg =
    [
        "kind: postgres", "platform: kubernetes", "tier: production", "strategy: pilot-light", "archiveTimeout: 60s",
        "objectStores:", "  us-east-1: s3://wal-use1/c", "  us-west-2: s3://wal-usw2/c",
    ];

    [Test]
    public void Cnpg_RpoIsArchiveTimeoutPlusCopyPlusReplay()
    {
        var c = TestStacks.Plan(Yaml(Cnpg)).Components.Single();

        Assert.Multiple(() =>
        {
            Assert.That(Platform.Of(c), Is.EqualTo(Platform.Kubernetes), "platform: kubernetes plans Kubernetes settings");
            Assert.That(c.Estimate.Rpo, Is.EqualTo(TimeSpan.FromSeconds(60) + TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(5)), "60s archive_timeout + 15m object copy + 5s restore poll");
            Assert.That(c.Estimate.RpoGuaranteed, Is.False, "without RTC the copy has no time bound");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(KubernetesAssumptions.CnpgPromotion), "the replica cluster promotion, in the program's Promote step");
            var settings = (CnpgSettings)c.Settings;
            Assert.That(settings.Replica?.Name, Is.EqualTo("c-us-west-2"), "pilot light keeps a replica cluster in the recovery region");
            Assert.That(settings.RetentionPolicy, Is.EqualTo("30d"), "retention is the PITR window");
            Assert.That(settings.Placement.In("us-west-2").Context, Is.EqualTo("usw2"), "each member is placed in its region's cluster");
        });
    }

    [Test]
    public void Cnpg_PlanRoundTripsThroughJson()
    {
        var plan = TestStacks.Plan(Yaml(Cnpg));

        var again = PlanJson.Deserialize(PlanJson.Serialize(plan));

        Assert.That(again.Components.Single().Settings, Is.TypeOf<CnpgSettings>(), "Kubernetes settings keep their type in plan JSON");
    }

    [Test]
    public void Gpu_PilotLightRunsNothingAndPlaceholdersHoldEveryPod()
    {
        var c = TestStacks.Plan(Yaml("kind: gpu-capacity", "platform: kubernetes", "strategy: pilot-light", "image: inference:1", "count: 3", "gpusPerPod: 2")).Components.Single();
        var recovery = ((GpuInferenceSettings)c.Settings).In("us-west-2");

        Assert.Multiple(() =>
        {
            Assert.That(recovery.Running, Is.Zero, "pilot light runs no inference in the recovery cluster");
            Assert.That(recovery.Placeholders, Is.EqualTo(3), "placeholders hold every planned pod's GPUs");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(KubernetesAssumptions.PlaceholderPreemption + KubernetesAssumptions.ImagePull + DrKit.Core.Estimation.Assumptions.ModelLoad),
                "detection + preemption + image pull + model load");
        });
    }

    [Test]
    public void KubernetesComponentWithoutClusters_IsRejectedNamingTheSection()
    {
        var yaml = TestStacks.Yaml(TestStacks.Component(Cnpg), "us-west-2");

        TestStacks.Problems(yaml).At("drkit:kubernetes", "drkit:kubernetes is missing");
    }

    [Test]
    public void UnsupportedKindOnKubernetes_IsRejected()
    {
        TestStacks.Problems(Yaml("kind: model-artifacts", "platform: kubernetes", "strategy: pilot-light")).At("drkit:components.c.platform", "does not run on Kubernetes");
    }

    [Test]
    public void SyncReplicationOnCnpg_IsRejected()
    {
        TestStacks.Problems(Yaml([.. Cnpg, "replication: sync"])).At("drkit:components.c.replication", "replicates asynchronously");
    }

    [Test]
    public void RedisPilotLightWithoutReplicaOf_IsRejected()
    {
        TestStacks.Problems(Yaml("kind: redis", "platform: kubernetes", "strategy: pilot-light")).At("drkit:components.c.replicaOf", "host:port");
    }

    [Test]
    public void RedisPromotion_CountsTheRecoverySentinelsStartingFromNothing()
    {
        var c = TestStacks.Plan(Yaml("kind: redis", "platform: kubernetes", "strategy: pilot-light", "replicaOf: r.use1.example.com:6379")).Components.Single();

        Assert.Multiple(() =>
        {
            var sentinels = TestStacks.Term(c, "RTO", "sentinels");
            Assert.That(sentinels.Typical, Is.EqualTo(KubernetesAssumptions.SentinelStartup), "clients find no master until the recovery Sentinels reach their quorum");
            Assert.That(sentinels.Step, Is.EqualTo(Failover.FailoverSteps.Promote), "the promotion waits for them");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(KubernetesAssumptions.RedisPromotion + KubernetesAssumptions.SentinelStartup), "REPLICAOF NO ONE and the Sentinels' start-up");
        });
    }

    [Test]
    public void FailbackReplicaOf_SameAsReplicaOfOrWithoutIt_IsRejected()
    {
        string[] redis = ["kind: redis", "platform: kubernetes", "strategy: pilot-light"];
        Assert.Multiple(() =>
        {
            TestStacks.Problems(Yaml([.. redis, "replicaOf: r.use1.example.com:6379", "failbackReplicaOf: r.use1.example.com:6379"])).At("drkit:components.c.failbackReplicaOf", "the primary region's own Redis");
            TestStacks.Problems(Yaml("kind: redis", "platform: kubernetes", "strategy: backup-restore", "failbackReplicaOf: r.usw2.example.com:6379")).At("drkit:components.c.failbackReplicaOf", "needs replicaOf");
            TestStacks.Problems(Yaml([.. redis, "replicaOf: r.use1.example.com:6379", "failbackReplicaOf: nope"])).At("drkit:components.c.failbackReplicaOf", "host:port");
        });
    }

    [Test]
    public void BundledStack_ShipsTheFirstDeploymentPhase()
    {
        var plan = Planner.PlanFile(Path.Combine(RepoPaths.Root, "stacks", "Pulumi.k8s-pilot-light.yaml"));
        var cnpg = plan.Components.Single(c => c.Name == "context-store");

        Assert.Multiple(() =>
        {
            Assert.That(((CnpgSettings)cnpg.Settings).ReplicaDeclared, Is.False, "a copy of the bundled stack must not declare its replica before the primary's first backup has replicated");
            Assert.That(cnpg.Estimate.Caveats, Has.Some.Contains("replicaReady is false"), "the plan says nothing follows the primary yet");
        });
    }

    [Test]
    public void BundledStack_PlansEveryComponentOnItsPlatform()
    {
        var plan = Planner.PlanFile(Path.Combine(RepoPaths.Root, "stacks", "Pulumi.k8s-pilot-light.yaml"));

        Assert.That(Platform.Components(plan, Platform.Kubernetes).Select(c => c.Name), Is.EquivalentTo(new[] { "context-store", "session-cache", "rate-limits", "gpu" }),
            "the bundled stack runs its data and GPUs on Kubernetes");
    }
}
