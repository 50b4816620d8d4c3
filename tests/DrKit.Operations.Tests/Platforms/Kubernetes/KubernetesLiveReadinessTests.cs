using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Readiness;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary><c>readiness --live</c> reads the Kubernetes data tiers from the recovery cluster and the CNPG writer's base
/// backup from the peer's store, never through the ElastiCache calls.</summary>
[NonParallelizable]
public sealed class KubernetesLiveReadinessTests
{
    private static DrPlan PhaseTwo()
    {
        var shipped = File.ReadAllText(BundledStacks.Path("k8s-pilot-light"));
        Assert.That(shipped, Does.Contain("replicaReady: false"), "the bundled stack ships its first deployment phase");
        var dir = Directory.CreateTempSubdirectory("drkit-k8s-");
        try
        {
            var path = Path.Combine(dir.FullName, "Pulumi.k8s-pilot-light.yaml");
            File.WriteAllText(path, shipped.Replace("replicaReady: false", "replicaReady: true", StringComparison.Ordinal));
            return Planner.PlanFile(path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Task<LiveReadings> ReadAsync(KubernetesFailoverHarness h, DrPlan plan) =>
        new LiveReadinessReader(h.World.Gateway.Object, h.Aws.Lag(h.Clock), h.Clock)
        {
            Roles = h.Aws.Switch(h.Clock),
            Kubernetes = new Kubectl(new KubernetesFailoverHarness.Dispatch(h.Kube, h.Aws)),
        }.ReadAsync(plan, CancellationToken.None);

    private static KubernetesFailoverHarness Harness()
    {
        var h = new KubernetesFailoverHarness();
        h.Aws.BucketRegions["rag-wal-use1"] = "us-east-1";
        h.Aws.BucketRegions["rag-wal-usw2"] = "us-west-2";
        h.Aws.StoredObjects["rag-wal-usw2"] = [];
        return h;
    }

    [Test]
    public async Task ReadAsync_ShippedStack_ReadsRedisInTheRecoveryClusterAndFindsNoBaseBackupYet()
    {
        var h = Harness();

        var readings = await ReadAsync(h, Planner.PlanFile(BundledStacks.Path("k8s-pilot-light")));

        Assert.Multiple(() =>
        {
            Assert.That(h.Aws.Calls.Where(c => c[0] == "elasticache"), Is.Empty, "no Kubernetes tier is read as an ElastiCache Global Datastore");
            Assert.That(h.Kube.CallsTo(FakeKube.PrimaryContext), Is.Empty, "readiness reads the recovery cluster only");
            Assert.That(h.Kube.CallsTo(FakeKube.RecoveryContext), Does.Contain("exec session-cache-us-west-2-redis-0 -c redis -- redis-cli INFO replication"),
                "Redis is read from the recovery pod 0's replication");
            var redis = readings.Lag.Single(l => l.Component == "session-cache");
            Assert.That(redis.Lag, Is.EqualTo(TimeSpan.FromSeconds(1)), $"master_last_io_seconds_ago while the link is up: {redis.Source}");
            var cnpg = readings.Lag.Single(l => l.Component == "context-store");
            Assert.That(cnpg.Lag, Is.Null, "phase 1 has no replica to read");
            Assert.That(cnpg.Source, Does.Contain("not declared (replicaReady: false)"), "and the reading says why");
            var backup = readings.Backups.Single(b => b.Component == "context-store");
            Assert.That((backup.Region, backup.Age), Is.EqualTo(("us-west-2", (TimeSpan?)null)), "no base backup of the writer has reached the recovery store");
            Assert.That(backup.Source, Does.Contain("s3://rag-wal-usw2/context-store/context-store-us-east-1/base/"), "listed under the writer's server name in the recovery store");
        });
    }

    [Test]
    public async Task ReadAsync_PhaseTwo_ReadsTheReplicaClusterAndTheNewestBaseBackup()
    {
        var h = Harness();
        h.Aws.StoredObjects["rag-wal-usw2"].Add(("context-store/context-store-us-east-1/base/20300101T100000/backup.info", h.Clock.GetUtcNow().AddHours(-2)));
        h.Aws.StoredObjects["rag-wal-usw2"].Add(("context-store/context-store-us-east-1/base/20300101T100000/data.tar", h.Clock.GetUtcNow().AddHours(-2)));
        h.Aws.StoredObjects["rag-wal-usw2"].Add(("context-store/context-store-us-west-2/base/20300101T110000/backup.info", h.Clock.GetUtcNow().AddMinutes(-5)));

        var readings = await ReadAsync(h, PhaseTwo());

        Assert.Multiple(() =>
        {
            Assert.That(h.Kube.CallsTo(FakeKube.RecoveryContext), Does.Contain($"get clusters.postgresql.cnpg.io {FakeKube.RecoveryCluster} -o json"), "the replica cluster's real status");
            var cnpg = readings.Lag.Single(l => l.Component == "context-store");
            Assert.That(cnpg.Lag, Is.EqualTo(TimeSpan.FromSeconds(2.5)), $"the designated primary's replay lag: {cnpg.Source}");
            var backup = readings.Backups.Single(b => b.Component == "context-store");
            Assert.That(backup.Age, Is.EqualTo(TimeSpan.FromHours(2)), "the newest backup.info of the writer's prefix, not the replica's own");
            Assert.That(h.Aws.Calls.Where(c => c[0] == "elasticache"), Is.Empty, "never the ElastiCache calls");
        });
    }

    [Test]
    public async Task ReadAsync_ReplicaClusterNotArchiving_IsAnUnknownLagWithTheCondition()
    {
        var h = Harness();
        h.Kube.RecoveryArchivingFailure = "unexpected failure invoking barman-cloud-wal-archive: exit status 4";

        var readings = await ReadAsync(h, PhaseTwo());

        var cnpg = readings.Lag.Single(l => l.Component == "context-store");
        Assert.Multiple(() =>
        {
            Assert.That(cnpg.Lag, Is.Null, "a replica cluster whose archiving fails cannot be vouched for");
            Assert.That(cnpg.Source, Does.Contain("ContinuousArchiving is False").And.Contain("exit status 4"), "the condition and CNPG's message are reported");
        });
    }

    [Test]
    public void Describe_KubernetesTiers_NameKubectlInTheRecoveryClusterNotElastiCache()
    {
        var lines = LiveReadinessReader.Describe(PhaseTwo());

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.None.Contains("elasticache"), string.Join("\n", lines));
            Assert.That(lines, Has.Some.Contains("kubectl --context eks-rag-usw2").And.Contains("get clusters.postgresql.cnpg.io context-store-us-west-2 -o json").And.Contains("ContinuousArchiving"));
            Assert.That(lines, Has.Some.Contains("list-objects-v2 --bucket rag-wal-usw2 --prefix context-store/context-store-us-east-1/base/ --region us-west-2"));
        });
    }
}
