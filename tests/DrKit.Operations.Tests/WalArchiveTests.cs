using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests;

public sealed class WalArchiveTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static (string Key, DateTimeOffset At) Segment(string name, int minute) => ($"wal_005/{name}.br", T0.AddMinutes(minute));

    [Test]
    public void RecoveryPoint_IsTheEndOfTheConsecutiveSegments_NotTheNewestObject()
    {
        var point = WalArchive.RecoveryPoint(
        [
            Segment("000000010000000000000001", 1),
            Segment("000000010000000000000002", 2),
            // ...03 has not replicated yet: replay stops before it.
            Segment("000000010000000000000004", 4),
            ("basebackups_005/base_000000010000000000000004_backup_stop_sentinel.json", T0.AddMinutes(9)),
        ], "archive");

        Assert.That(point!.Time, Is.EqualTo(T0.AddMinutes(2)), "without RTC replication order is not guaranteed, and replay stops at the first missing segment");
        Assert.That(point.Detail, Does.Contain("000000010000000000000002").And.Contain("missing"), "the detail names the last segment and the gap");
    }

    [Test]
    public void RecoveryPoint_IgnoresBackupsHistoryAndPartialFiles_AndCrossesLogBoundaries()
    {
        var point = WalArchive.RecoveryPoint(
        [
            ("archive/main/16-1/0000000100000000/0000000100000000000000FF-0123456789abcdef0123456789abcdef01234567.gz", T0.AddMinutes(1)),
            ("archive/main/16-1/0000000100000001/000000010000000100000000-89abcdef0123456789abcdef0123456789abcdef.gz", T0.AddMinutes(2)),
            ("archive/main/16-1/0000000100000001/000000010000000100000001.00000028.backup", T0.AddMinutes(3)),
            ("archive/main/16-1/00000002.history", T0.AddMinutes(4)),
            ("wal_005/000000010000000100000002.partial.br", T0.AddMinutes(5)),
            ("archive/main/backup.info", T0.AddMinutes(6)),
        ], "archive");

        Assert.That(point!.Time, Is.EqualTo(T0.AddMinutes(2)), "segment FF of log 0 is followed by segment 0 of log 1; nothing else is WAL");
    }

    [Test]
    public void RecoveryPoint_OfAnArchiveWithoutSegments_IsNone()
    {
        Assert.That(WalArchive.RecoveryPoint([], "archive"), Is.Null, "an empty bucket has nothing to replay");
        Assert.That(WalArchive.RecoveryPoint([("basebackups_005/base/backup_label", T0)], "archive"), Is.Null, "a base backup alone is not a recovery point of the archive");
    }

    [Test]
    public void RecoveryPoint_FollowsTheNewestTimeline()
    {
        var point = WalArchive.RecoveryPoint(
        [
            Segment("000000010000000000000005", 5),
            Segment("000000010000000000000006", 6),
            Segment("000000020000000000000006", 7),
        ], "archive");

        Assert.That(point!.Detail, Does.Contain("timeline 2"), "after a promotion the new timeline is what a restore follows");
    }

    [Test]
    public void Arguments_ListEveryKeyWithItsTime_AndSurviveAnEmptyBucket()
    {
        var tier = new DrKit.Core.Platforms.Aws.TierRestore("context-store", DrKit.Core.Platforms.Aws.RestoreKind.WalArchive, "us-west-2", "context-store.restoreSource", "archive", "context-store.recoveryPoint", false);

        var query = RecoveryPointReader.Arguments(tier, false, "bucket").SkipWhile(a => a != "--query").Skip(1).First();

        Assert.That(query, Does.StartWith("(Contents || `[]`)"), "an empty bucket has no Contents; sorting null is a JMESPath error that read as a failed read");
    }

    [Test]
    public void DrillRead_OfASelfManagedArchive_ListsOnlyItsWalDirectory()
    {
        var topology = Fakes.BundledStacks.Topology("active-active");
        var tier = DrKit.Core.Platforms.Aws.DrillRestore.For(topology.Components, topology.PrimaryRegion, topology.RecoveryRegion!)
            .Single(t => t.Kind == DrKit.Core.Platforms.Aws.RestoreKind.WalArchive);

        var arguments = RecoveryPointReader.Arguments(tier, sourceInRegion: false, "archive-bucket");

        Assert.That(arguments.SkipWhile(a => a != "--prefix").Take(2), Is.EqualTo(new[] { "--prefix", "wal_005/" }),
            "S3 filters by the fixed directory of walKeyPrefix, as the freshness probe does: not base backups, not other tools' copies of WAL, not the whole bucket's pages");
    }
}
