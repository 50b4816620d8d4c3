using DrKit.Core.Estimation;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Estimation;

public sealed class PostgresEstimateTests
{
    private static string F(TimeSpan t) => DurationText.Format(t);

    [Test]
    public void WalArchive_AcrossRegions_RpoIsArchiveTimeoutPlusRtcCopy()
    {
        var c = TestStacks.Two("kind: postgres", "engine: self-managed", "strategy: backup-restore", "archiveTimeout: 60s", "allocatedStorage: 200");
        var rpo = TimeSpan.FromSeconds(60) + Assumptions.S3RtcWindow;
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Rpo, Is.EqualTo(rpo), "the last segment waits up to archive_timeout, then the RTC copy up to 15m");
            Assert.That(c.Estimate.RpoGuaranteed, Is.True, "RTC bounds the copy, so the RPO holds");
            Assert.That(c.Mechanism, Does.StartWith("WAL archive (archive_timeout 1m)"), "the mechanism names the archive timeout");
            Assert.That(c.Estimate.Reasoning[0], Is.EqualTo($"RPO = {F(rpo)}: archive_timeout 1m (a WAL segment is shipped at least this often); copy {F(Assumptions.S3RtcWindow)} (S3 replication with RTC: 99.99% of objects within {F(Assumptions.S3RtcWindow)})"),
                "the reasoning shows both terms and their sum");
        });
    }

    [Test]
    public void WalArchive_SingleRegion_RpoIsArchiveTimeoutAlone()
    {
        var c = TestStacks.Single("kind: postgres", "engine: self-managed", "strategy: backup-restore", "archiveTimeout: 30s");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Rpo, Is.EqualTo(TimeSpan.FromSeconds(30)), "in-region the archive needs no copy");
            Assert.That(c.Estimate.Reasoning[0], Is.EqualTo("RPO = archive_timeout 30s (a WAL segment is shipped at least this often)"), "one term, shown with its reason");
        });
    }

    [Test]
    public void WalArchive_DefaultArchiveTimeout_IsTheSeedFigure()
    {
        var c = TestStacks.Single("kind: postgres", "strategy: backup-restore");
        Assert.That(c.Estimate.Rpo, Is.EqualTo(Assumptions.WalArchiveTimeout), "archive_timeout defaults to the seed's 60s");
    }

    [Test]
    public void WalArchive_WithoutRtc_RpoIsNotGuaranteedAndAtRisk()
    {
        var c = TestStacks.Two("kind: postgres", "engine: self-managed", "strategy: backup-restore", "replicationTimeControl: false");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Rpo, Is.EqualTo(Assumptions.WalArchiveTimeout + Assumptions.S3TypicalReplication), "the typical copy time is still added");
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
            Assert.That(c.Estimate.Reasoning[0], Does.Contain("RDS archives WAL for point-in-time recovery").And.Contain("RDS automated backup replication to us-west-2, no published time bound"),
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
            Assert.That(c.Estimate.Rto, Is.EqualTo(TestStacks.Detection + Assumptions.DatabaseProvisioning + restore), "RTO = detection + provision + storage / throughput");
            Assert.That(c.Estimate.Reasoning[1], Does.Contain($"restore {F(restore)} ({gb} GB at {Assumptions.RestoreGbPerHour} GB/h, WAL replay included)"), "the restore term shows the size and throughput");
            Assert.That(c.Estimate.Reasoning[1], Does.Contain($"provision {F(Assumptions.DatabaseProvisioning)} (create the instance in us-west-2)"), "the instance is created in the recovery region");
        });
    }

    [Test]
    public void AsyncReplica_RpoIsExpectedLag()
    {
        var byDefault = TestStacks.Two("kind: postgres", "strategy: warm-standby", "replication: async");
        var tuned = TestStacks.Two("kind: postgres", "strategy: warm-standby", "replication: async", "expectedLag: 20s");
        Assert.Multiple(() =>
        {
            Assert.That(byDefault.Estimate.Rpo, Is.EqualTo(Assumptions.AsyncReplicaLag), "async RPO is the replication lag, 5s by default");
            Assert.That(tuned.Estimate.Rpo, Is.EqualTo(TimeSpan.FromSeconds(20)), "a stack can state its measured lag");
            Assert.That(tuned.Estimate.Reasoning[0], Is.EqualTo("RPO = lag 20s (async replication loses what the replica has not received)"), "the reasoning names the lag");
            Assert.That(byDefault.Mechanism, Is.EqualTo("RDS cross-region read replica (async) + RDS automated backups replicated"), "on RDS the mechanism names the replica and RDS's own backups, not a WAL archive");
        });
    }

    [Test]
    public void SyncReplica_RpoIsZeroWithWriteLatencyCaveat()
    {
        var c = TestStacks.Two("kind: postgres", "strategy: warm-standby", "engine: self-managed", "replication: sync");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Rpo, Is.EqualTo(TimeSpan.Zero), "a synchronous standby has every acknowledged commit");
            Assert.That(c.Estimate.Caveats, Has.One.Contains($"about {F(Assumptions.CrossRegionRoundTrip)} more per write").And.One.Contains("us-west-2"),
                "the caveat prices the cross-region round trip every commit waits for");
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
            Assert.That(rds.Estimate.Rto, Is.EqualTo(TestStacks.Detection + Assumptions.RdsReplicaPromotion), "RDS: detection + replica promotion");
            Assert.That(self.Estimate.Rto, Is.EqualTo(TestStacks.Detection + Assumptions.SelfManagedPromotion), "self-managed: detection + pg_promote");
            Assert.That(rds.Estimate.Reasoning[1], Does.Contain("promote the RDS cross-region read replica"), "the RDS term says what is promoted");
            Assert.That(self.Estimate.Reasoning[1], Does.Contain("pg_promote on the streaming standby"), "the self-managed term says how");
        });
    }

    [Test]
    public void PilotLight_AddsTheResizeTerm()
    {
        var c = TestStacks.Two("kind: postgres", "strategy: pilot-light");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.Rto, Is.EqualTo(TestStacks.Detection + Assumptions.RdsReplicaPromotion + Assumptions.PilotLightResize), "pilot light promotes, then resizes the small replica");
            Assert.That(c.Estimate.Reasoning[1], Is.EqualTo(
                $"RTO = {F(TestStacks.Detection + Assumptions.RdsReplicaPromotion + Assumptions.PilotLightResize)}: detection 30s (health check every 10s x 3 failures); promote {F(Assumptions.RdsReplicaPromotion)} (promote the RDS cross-region read replica); resize {F(Assumptions.PilotLightResize)} (scale the pilot-light replica to production size)"),
                "the RTO reasoning lists every term and the sum");
        });
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
