using DrKit.Core.Config;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Tests.Platforms.Aws;

/// <summary>Every AWS limit is refused when the stack is planned, with the file, line, key and what was expected.</summary>
public sealed class AwsLimitTests
{
    private static string Redis(string name, params string[] lines) => RedisWith(name, "pilot-light", lines);

    private static string RedisWith(string name, string strategy, params string[] lines) =>
        TestStacks.Yaml($"{name}:\n" + TestStacks.Indent(string.Join("\n", new[] { "kind: redis", $"strategy: {strategy}" }.Concat(lines)), 2), "ap-southeast-2");

    private static ConfigProblem Single(string yaml, string keyPath)
    {
        var problems = TestStacks.Problems(yaml);
        Assert.That(problems.Select(p => p.KeyPath), Does.Contain(keyPath), string.Join(Environment.NewLine, problems));
        return problems.First(p => p.KeyPath == keyPath);
    }

    [Test]
    public void RedisName_TooLongForItsReplicationGroupIdInARegion_IsRefused()
    {
        var name = new string('a', 18);
        var problem = Single(Redis(name), $"drkit:components.{name}");

        Assert.Multiple(() =>
        {
            Assert.That(problem.Message, Does.Contain("ap-southeast-2").And.Contain("at most 40").And.Contain("at most 17 characters"),
                "40 characters minus the 8-character random suffix and '-ap-southeast-2' leaves 17");
            Assert.That(problem.Location.File, Is.EqualTo(TestStacks.File), "the problem names the file");
            Assert.That(problem.Location.Line, Is.GreaterThan(0), "and the line");
        });
        Assert.That(() => TestStacks.Read(Redis(new string('a', 17))), Throws.Nothing, "17 characters fit in ap-southeast-2");
    }

    [TestCase("cache--store", "'--'")]
    [TestCase("cache-store-", "end with '-'")]
    public void ComponentName_WithDoubleOrTrailingHyphen_IsRefused(string name, string why)
    {
        var yaml = TestStacks.Yaml($"{name}:\n    kind: model-artifacts\n    strategy: backup-restore\n");

        var problem = Single(yaml, $"drkit:components.{name}");

        Assert.That(problem.Message, Does.Contain(why).And.Contain("ElastiCache and RDS"), "the message says which services refuse it");
    }

    [Test]
    public void ReplicasPerShardZero_WithAutomaticFailover_IsRefused()
    {
        var problem = Single(Redis("cache", "replicasPerShard: 0", "automaticFailover: true"), "drkit:components.cache.replicasPerShard");

        Assert.That(problem.Message, Does.Contain("at least 2"), "automatic failover needs a primary and a replica");
        Assert.That(() => TestStacks.Read(RedisWith("cache", "backup-restore", "replicasPerShard: 0", "automaticFailover: false")), Throws.Nothing,
            "without automatic failover one node is allowed");
    }

    [Test]
    public void ClusterMode_WithoutAutomaticFailover_IsRefused()
    {
        var problem = Single(Redis("cache", "shards: 2", "automaticFailover: false", "replicasPerShard: 1"), "drkit:components.cache.automaticFailover");

        Assert.That(problem.Message, Does.Contain("cluster mode"), "ElastiCache requires automatic failover when sharded");
    }

    [TestCase("7.1", "default.redis7.cluster.on")]
    [TestCase("6.2", "default.redis6.x.cluster.on")]
    [TestCase("6.0", "default.redis6.x.cluster.on")]
    [TestCase("5.0.6", "default.redis5.0.cluster.on")]
    public void ClusterParameterGroup_IsTheEnginesRealDefaultName(string version, string expected) =>
        Assert.That(AwsLimits.ClusterParameterGroup(version), Is.EqualTo(expected), "ElastiCache names 6.x's group default.redis6.x.cluster.on, not default.redis6.cluster.on");

    [Test]
    public void ClusterMode_OnAVersionWithoutAClusterParameterGroup_IsRefused()
    {
        var problem = Single(Redis("cache", "shards: 2", "engineVersion: \"2.8\""), "drkit:components.cache.engineVersion");

        Assert.That(problem.Message, Does.Contain("3.2 or later"), "the message says which versions have one");
    }

    [TestCase("cache.t4g.large", "families")]
    [TestCase("cache.r4.large", "families")]
    [TestCase("cache.r7g.medium", "large or above")]
    public void GlobalDatastore_OnANodeTypeItDoesNotRunOn_IsRefused(string nodeType, string why)
    {
        var problem = Single(Redis("cache", $"nodeType: {nodeType}"), "drkit:components.cache.nodeType");

        Assert.That(problem.Message, Does.Contain(why).And.Contain("Global Datastore"), "pilot-light Redis keeps a Global Datastore secondary");
        Assert.That(() => TestStacks.Read(RedisWith("cache", "backup-restore", $"nodeType: {nodeType}")), Throws.Nothing, "without a Global Datastore the node type is free");
    }

    [Test]
    public void WarmAfter_UnderThirtyDays_IsRefused()
    {
        var yaml = TestStacks.Yaml("models:\n    kind: model-artifacts\n    strategy: backup-restore\n    warmAfter: 7d\n");

        var problem = Single(yaml, "drkit:components.models.warmAfter");

        Assert.That(problem.Message, Does.Contain("STANDARD_IA").And.Contain("30d or more").And.Contain("got 7d"), "the message names the S3 rule and the value");
        Assert.That(problem.Location.Line, Is.EqualTo(12), "the line of warmAfter itself");
    }

    [TestCase(true, 7)]
    [TestCase(false, null)]
    public void KeyDeletionWindowDays_ShortestForDrillsOnly(bool ephemeral, int? days) =>
        Assert.That(AwsLimits.KeyDeletionWindowDays(ephemeral), Is.EqualTo(days),
            "a drill's keys take KMS's shortest window (7 days); a real stack's keep the 30-day default that guards its data");

    [TestCase(true, 0)]
    [TestCase(false, 7)]
    public void SecretRecoveryWindowDays_ZeroForDrills_ShortestRecoverableOtherwise(bool ephemeral, int days) =>
        Assert.That(AwsLimits.SecretRecoveryWindowDays(ephemeral), Is.EqualTo(days),
            "a deleted secret's name stays reserved for its window: a drill stack re-created under its name must not wait, a real stack keeps a week to restore");
}
