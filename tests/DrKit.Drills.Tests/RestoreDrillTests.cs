using DrKit.Drills.Restore;

namespace DrKit.Drills.Tests;

public sealed class RestoreDrillTests
{
    [Test]
    public async Task Point_in_time_restore_matches_the_acknowledged_writes_at_the_target()
    {
        var result = await DrillTestSupport.RunAsync(DrillTestSupport.ShortSpec("restore") with { Redis = false, Restore = true, WarmUp = TimeSpan.FromSeconds(2) });

        Assert.That(result.Restore, Is.Not.Null, result.Summary + "\n" + result.Error);
        var restore = result.Restore!;
        Assert.Multiple(() =>
        {
            Assert.That(restore.ExpectedRows, Is.GreaterThan(50), "the restore point lies after some acknowledged writes");
            Assert.That(restore.RestoredRows, Is.EqualTo(restore.ExpectedRows), "exactly the writes acknowledged by the target time come back");
            Assert.That(restore.RestoredChecksum, Is.EqualTo(restore.ExpectedChecksum), "and they are the same sequence numbers");
            Assert.That(restore.Verified, Is.True);
            Assert.That(result.Tiers.Single().AckedBeforeFailure, Is.GreaterThan(restore.ExpectedRows),
                "writes continued after the target, so stopping at the target is what made the counts equal");
        });
    }

    [Test]
    public void Checksum_is_sha256_of_the_comma_joined_sequence()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RestorePoint.Checksum([1, 2, 3]),
                Is.EqualTo("8a6ae15122001229edb8866f56e342af12ae8187203c3e3b33931743e7c0c48d"), "lower-case hex SHA-256 of \"1,2,3\", the text PostgreSQL's string_agg builds");
            Assert.That(RestorePoint.Checksum([1, 2, 3]), Is.Not.EqualTo(RestorePoint.Checksum([1, 2, 4])), "a different write set changes it");
            Assert.That(RestorePoint.Checksum([]), Is.Empty, "matches PostgreSQL's COALESCE of an empty aggregate");
        });
    }
}
