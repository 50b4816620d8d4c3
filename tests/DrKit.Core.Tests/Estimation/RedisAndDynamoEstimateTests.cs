using DrKit.Core.Estimation;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Estimation;

public sealed class RedisAndDynamoEstimateTests
{
    [TestCase("pilot-light")]
    [TestCase("warm-standby")]
    public void Redis_GlobalDatastore_LagAndPromotion(string strategy)
    {
        var c = TestStacks.Two("kind: redis", $"strategy: {strategy}");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("ElastiCache Global Datastore"), "replicating strategies use a Global Datastore");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.RedisGlobalLag), "RPO is the Global Datastore lag (1s)");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.RedisGlobalPromotion), "RTO is detection plus the 1m promotion");
            Assert.That(((RedisSettings)c.Settings).GlobalDatastore, Is.True, "the settings ask for a Global Datastore");
        });
    }

    [Test]
    public void Redis_BackupRestore_RestoresFromSnapshots()
    {
        var c = TestStacks.Two("kind: redis", "tier: basic", "strategy: backup-restore", "snapshotInterval: 36h");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("snapshots every 36h"), "the mechanism names the interval");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.FromHours(36)), "writes since the last snapshot are lost");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.CacheProvisioning), "a cluster is created and loaded");
            Assert.That(((RedisSettings)c.Settings).GlobalDatastore, Is.False, "no Global Datastore for backup-restore");
            Assert.That(c.Regions.Single(r => r.Role == "recovery").Values["cluster"], Does.StartWith("none (snapshots stay in"), "no snapshot copy is promised in the recovery region");
        });
    }

    [Test]
    public void Redis_SnapshotIntervalUnderADay_IsPlannedAsDaily_BecauseElastiCacheBacksUpOnceADay()
    {
        var c = TestStacks.Two("kind: redis", "tier: basic", "strategy: backup-restore", "snapshotInterval: 12h");

        Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.FromHours(24)), "automatic backups are daily; the stack schedules no extra snapshots, so 12h is not promised");
        Assert.That(c.Estimate.Caveats, Has.Some.Contain("once a day"), "the plan says why the interval was not honoured");
    }

    [Test]
    public void Redis_BackupRestore_WorstRpo_IsTheSnapshotAgeTheDrillJudgesBy()
    {
        var c = TestStacks.Two("kind: redis", "tier: basic", "strategy: backup-restore");
        var drill = DrKit.Core.Platforms.Aws.DrillObjectives.SnapshotAge(DrKit.Core.Platforms.Aws.DrillObjectives.ElastiCacheBackupInterval);

        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Rpo, Is.EqualTo(TimeSpan.FromHours(25)).And.EqualTo(drill),
                "a daily backup may finish anywhere in its 1 h window: the plan's worst case is the 25 h the drill allows a snapshot's age, one figure for both");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.FromHours(24)), "typically the daily interval");
        });
    }

    [Test]
    public void Redis_DefaultSnapshotInterval_IsDaily()
    {
        var c = TestStacks.Two("kind: redis", "tier: basic", "strategy: backup-restore");
        Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.SnapshotInterval), "daily snapshots are the floor");
    }

    [Test]
    public void Dynamo_GlobalTable_RpoIsReplicationLag()
    {
        var c = TestStacks.Two("kind: feature-store-online", "strategy: warm-standby");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("DynamoDB global table"), "replicating strategies use a global table");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.DynamoGlobalLag), "RPO is the global table lag");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(TimeSpan.Zero), "the replica already serves; only detection remains");
        });
    }

    [Test]
    public void Dynamo_SingleRegionBackupRestore_UsesPointInTimeRecovery()
    {
        var c = TestStacks.Single("kind: feature-store-online", "strategy: backup-restore");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("point-in-time recovery"), "in-region recovery is PITR");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.DynamoPitrLag), "PITR trails by about 5 minutes");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.DynamoRestore), "detection plus a table restore");
        });
    }

    [Test]
    public void Dynamo_TwoRegionBackupRestore_CopiesDailyBackups()
    {
        var c = TestStacks.Two("kind: feature-store-online", "tier: basic", "strategy: backup-restore");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("daily backup copied to the recovery region"), "across regions a backup copy is restored");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.DynamoBackupCopyInterval), "writes since the last copied backup are lost");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.DynamoRestore), "detection plus a restore");
            Assert.That(c.Estimate.Reasoning[1], Does.Contain("restore the table in us-west-2"), "the restore happens in the recovery region");
        });
    }
}
