namespace DrKit.Drills.Restore;

/// <summary>Outcome of a point-in-time restore from the base backup plus the WAL archive.</summary>
/// <param name="TargetTime">recovery_target_time, in the server's text form.</param>
/// <param name="TargetAt">The same instant as a timestamp, for the timeline.</param>
/// <param name="ExpectedRows">Writes acknowledged by the target time.</param>
/// <param name="RestoredRows">Rows in the restored instance.</param>
/// <param name="ExpectedChecksum">SHA-256 of the acknowledged sequence numbers, comma-joined in order.</param>
/// <param name="RestoredChecksum">The same checksum computed by the restored server.</param>
/// <param name="Duration">Copying the backup, replaying the archive and verifying.</param>
/// <param name="SegmentsInArchive">WAL segments available to the restore.</param>
public sealed record RestoreResult(
    string TargetTime,
    DateTimeOffset TargetAt,
    long ExpectedRows,
    long RestoredRows,
    string ExpectedChecksum,
    string RestoredChecksum,
    TimeSpan Duration,
    int SegmentsInArchive)
{
    public bool Verified => ExpectedRows == RestoredRows && string.Equals(ExpectedChecksum, RestoredChecksum, StringComparison.Ordinal);
}
