using DrKit.Core.Estimation;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Estimation;

public sealed class PostgresEstimateTests
{
    private static string F(TimeSpan t) => DurationText.Format(t);

    [Test]
    public void WalArchive_AcrossRegions_RtcBoundsObjectsButNotTheWalChain()
    {
        var c = TestStacks.Two("kind: postgres", "engine: self-managed", "strategy: backup-restore", "archiveTimeout: 60s", "allocatedStorage: 200");
        var rpo = TimeSpan.FromSeconds(60) + Assumptions.S3RtcWindow;
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(rpo), "the last segment waits up to archive_timeout, then the RTC copy typically within 15m");
            Assert.That(c.Estimate.RpoGuaranteed, Is.False, "RTC covers 99.99% of objects: one late segment stops recovery at the gap, so the WAL chain has no worst case");
            Assert.That(c.Estimate.RpoUnbounded, Does.Contain("one late WAL segment"), "the plan says why");
            Assert.That(c.Mechanism, Does.StartWith("WAL archive (archive_timeout 1m)"), "the mechanism names the archive timeout");
            Assert.That(c.Estimate.Reasoning[0], Does.StartWith($"RPO = {F(rpo)}-unbounded: archive_timeout 1m (a WAL segment is shipped at least this often; configured: archiveTimeout)"),
                "the reasoning shows the range and each term's basis");
        });
    }

    [Test]
    public void WalArchive_SingleRegion_RpoIsArchiveTimeoutAlone()
    {
        var c = TestStacks.Single("kind: postgres", "engine: self-managed", "strategy: backup-restore", "archiveTimeout: 30s");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Rpo, Is.EqualTo(TimeSpan.FromSeconds(30)), "in-region the archive needs no copy");
            Assert.That(c.Estimate.Reasoning[0], Is.EqualTo("RPO = 30s: archive_timeout 30s (a WAL segment is shipped at least this often; configured: archiveTimeout)"), "one term, shown with its reason and basis");
        });
    }

    [Test]
    public void Rds_PointInTimeRpo_IsTheFiveMinuteLogUpload_NotArchiveTimeout()
    {
        var c = TestStacks.Single("kind: postgres", "strategy: backup-restore", "archiveTimeout: 60s");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Rpo, Is.EqualTo(Assumptions.RdsLogUpload), "RDS uploads transaction logs every 5 minutes; archive_timeout 60s does not shorten it");
            Assert.That(TestStacks.Term(c, "RPO", "log upload").Source, Does.Contain("USER_PIT.html"), "the figure cites the RDS documentation");
        });
    }

    [Test]
    public void WalArchive_WithoutRtc_RpoIsNotGuaranteedAndAtRisk()
    {
        var c = TestStacks.Two("kind: postgres", "engine: self-managed", "strategy: backup-restore", "replicationTimeControl: false");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.WalArchiveTimeout + Assumptions.S3TypicalReplication), "the typical copy time is still added");
            Assert.That(c.Estimate.RpoGuaranteed, Is.False, "without RTC the copy has no time bound");
            Assert.That(c.Verdict, Is.EqualTo(Verdict.AtRisk), "an unguaranteed RPO is at risk even within target");
        });
    }

    [Test]
    public void Rds_BackupRestore_IsItsReplicatedAutomatedBackups_WhoseCopyHasNoTimeBound()
    {
        var c = TestStacks.Two("kind: postgres", "strategy: backup-restore", "archiveTimeout: 60s");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Does.StartWith("RDS automated backups replicated (archive_timeout 1m)"), "RDS's PITR is its automated backups, not a DrKit WAL archive");
            Assert.That(c.Estimate.Reasoning[0], Does.Contain("RDS uploads transaction logs every 5 minutes").And.Contain("RDS automated backup replication to us-west-2").And.Contain("publishes no time bound"),
                "the reasoning names what RDS does");
            Assert.That(c.Estimate.RpoGuaranteed, Is.False, "RDS publishes no bound for cross-region backup replication, and RTC does not apply to it");
            Assert.That(c.Regions.Single(r => r.Region == "us-west-2").Values["wal"], Does.Contain("no DrKit archive bucket"), "the plan shows no archive bucket on RDS");
        });
    }

    [TestCase(100)]
    [TestCase(200)]
    [TestCase(450)]
    public void Snapshots_RestoreTimeFollowsStorageSize(int gb)
    {
        var c = TestStacks.Two("kind: postgres", "strategy: backup-restore", $"allocatedStorage: {gb}", "rto: 24h");
        var restore = TimeSpan.FromHours(gb / Assumptions.RestoreGbPerHour);
        Assert.Multiple(() =>
        {
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.DatabaseProvisioning + restore), "typical RTO = provision + storage / throughput (detection and decision apart)");
            Assert.That(TestStacks.Term(c, "RTO", "restore").Worst, Is.EqualTo(restore * 2), "half the throughput at worst");
            Assert.That(TestStacks.Term(c, "RTO", "restore").Basis, Is.EqualTo(TermBasis.Assumed), "the restore rate is DrKit's assumption and says so");
            Assert.That(TestStacks.Term(c, "RTO", "provision").Why, Is.EqualTo("create the instance in us-west-2"), "the instance is created in the recovery region");
            Assert.That(c.Estimate.RtoGuaranteed, Is.False, "without writeRate the WAL to replay after the snapshot is unknown");
        });
    }

    [Test]
    public void Snapshots_WriteRateBoundsTheReplayAfterTheSnapshot()
    {
        var c = TestStacks.Two("kind: postgres", "strategy: backup-restore", "allocatedStorage: 100", "writeRate: 2", "rto: 24h");
        var replay = TestStacks.Term(c, "RTO", "replay");
        Assert.Multiple(() =>
        {
            Assert.That(replay.Typical, Is.EqualTo(TimeSpan.FromHours(24.0 / Assumptions.RestoreGbPerHour)), "half a daily interval of 2 GB/h = 24 GB at 100 GB/h");
            Assert.That(replay.Worst, Is.EqualTo(TimeSpan.FromHours(48 * 2 / Assumptions.RestoreGbPerHour)), "a whole interval (48 GB) at half the rate");
            Assert.That(c.Estimate.RtoGuaranteed, Is.True, "with writeRate the replay is bounded");
        });
    }

    [Test]
    public void AsyncReplica_RpoIsExpectedLag()
    {
        var byDefault = TestStacks.Two("kind: postgres", "strategy: warm-standby", "replication: async");
        var tuned = TestStacks.Two("kind: postgres", "strategy: warm-standby", "replication: async", "expectedLag: 20s");
        Assert.Multiple(() =>
        {
            Assert.That(byDefault.Estimate.TypicalRpo, Is.EqualTo(Assumptions.AsyncReplicaLag), "async RPO is the replication lag, 5s by default");
            Assert.That(tuned.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.FromSeconds(20)), "a stack can state its measured lag");
            Assert.That(tuned.Estimate.Reasoning[0], Does.StartWith("RPO = 20s-unbounded: lag 20s-unbounded (async replication loses what the replica has not received; configured: expectedLag"), "the reasoning names the lag as a typical value");
            Assert.That(tuned.Estimate.RpoGuaranteed, Is.False, "asynchronous lag has no bound: the seeds' 5s is a target, not a guarantee");
            Assert.That(byDefault.Mechanism, Is.EqualTo("RDS cross-region read replica (async) + RDS automated backups replicated"), "on RDS the mechanism names the replica and RDS's own backups, not a WAL archive");
        });
    }

    [Test]
    public void SyncReplica_RpoIsZeroWithWriteLatencyCaveat()
    {
        var c = TestStacks.Two("kind: postgres", "strategy: warm-standby", "engine: self-managed", "replication: sync");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.Zero), "a synchronous standby has every acknowledged commit");
            Assert.That(c.Estimate.Caveats, Has.One.Contains($"about {F(Assumptions.CrossRegionRoundTrip)} more per write"),
                "the caveat prices the cross-region round trip every commit waits for");
            Assert.That(c.Estimate.Caveats, Has.One.Contains("every commit in us-east-1 stalls"), "losing the standby's region stalls synchronous commits");
            Assert.That(c.Settings, Is.TypeOf<PostgresSettings>().With.Property(nameof(PostgresSettings.Parameters)).ContainKey("synchronous_standby_names"),
                "sync replication sets synchronous_standby_names");
        });
    }

    [Test]
    public void AsyncReplica_HasNoWriteLatencyCaveat()
    {
        var c = TestStacks.Two("kind: postgres", "strategy: warm-standby");
        Assert.That(c.Estimate.Caveats, Is.Empty, "async commits do not wait for the replica");
    }

    [Test]
    public void Promotion_RdsTakesMinutes_SelfManagedSeconds()
    {
        var rds = TestStacks.Two("kind: postgres", "strategy: warm-standby", "engine: rds");
        var self = TestStacks.Two("kind: postgres", "strategy: warm-standby", "engine: self-managed");
        Assert.Multiple(() =>
        {
            Assert.That(TestStacks.Term(rds, "RTO", "promote").Typical, Is.EqualTo(Assumptions.RdsReplicaPromotion), "RDS: a few minutes");
            Assert.That(TestStacks.Term(self, "RTO", "promote").Typical, Is.EqualTo(Assumptions.SelfManagedPromotion), "self-managed: pg_promote");
            Assert.That(TestStacks.Term(rds, "RTO", "backlog").Typical, Is.EqualTo(Assumptions.AsyncReplicaLag), "the replica first applies what it received");
            Assert.That(TestStacks.Term(rds, "RTO", "promote").Why, Does.Contain("promote the RDS cross-region read replica"), "the RDS term says what is promoted");
            Assert.That(TestStacks.Term(self, "RTO", "promote").Why, Does.Contain("pg_promote on the streaming standby"), "the self-managed term says how");
        });
    }

    [Test]
    public void PilotLight_ResizesOnlyWhenTheReplicaClassDiffers()
    {
        var small = TestStacks.Two("kind: postgres", "strategy: pilot-light", "instanceClass: db.r6g.large");
        var large = TestStacks.Two("kind: postgres", "strategy: pilot-light", "instanceClass: db.r6g.4xlarge");
        Assert.Multiple(() =>
        {
            Assert.That(small.Estimate.Terms.Where(t => t.Name.EndsWith("resize", StringComparison.Ordinal)), Is.Empty, "a db.r6g.large replica is already the production class: nothing to resize");
            Assert.That(TestStacks.Term(large, "RTO", "resize").Typical, Is.EqualTo(Assumptions.PilotLightResize), "a db.r6g.large replica of a db.r6g.4xlarge writer is resized before traffic");
            Assert.That(TestStacks.Term(large, "RTO", "resize").Step, Is.EqualTo(DrKit.Failover.FailoverSteps.Promote), "the resize runs inside Promote, as the promoter does it");
        });
    }

    [Test]
    public void Promotion_GrowsWithTheReplicasSize()
    {
        var small = TestStacks.Two("kind: postgres", "strategy: warm-standby", "allocatedStorage: 100");
        var big = TestStacks.Two("kind: postgres", "strategy: warm-standby", "allocatedStorage: 2000");
        Assert.That(TestStacks.Term(big, "RTO", "size").Worst, Is.GreaterThan(TestStacks.Term(small, "RTO", "size").Worst!.Value),
            "AWS: promotion takes longer depending on the size of the replica");
    }

    [Test]
    public void Settings_CarryTheWalParametersAndRetention()
    {
        var c = TestStacks.Two("kind: postgres", "strategy: pilot-light", "archiveTimeout: 45s", "pitrWindow: 40d", "engineVersion: \"15.4\"");
        var s = (PostgresSettings)c.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(s.Parameters["archive_timeout"], Is.EqualTo("45"), "archive_timeout is written in seconds");
            Assert.That(s.Parameters["wal_keep_size"], Is.EqualTo(Assumptions.WalKeepSizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture)), "wal_keep_size from the seed");
            Assert.That(s.BackupRetentionDays, Is.EqualTo(35), "RDS keeps automated backups at most 35 days");
            Assert.That(s.ParameterGroupFamily, Is.EqualTo("postgres15"), "the family is the major version");
            Assert.That(s.CrossRegionReplica, Is.True, "pilot light keeps a replica");
            Assert.That(s.WalArchive.ReplicationTimeControl, Is.True, "a 15m RPO target needs RTC on the WAL bucket");
        });
    }
}
