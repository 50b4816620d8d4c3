using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DrKit.Drills.Postgres;
using DrKit.Drills.Workload;

namespace DrKit.Drills.Restore;

/// <summary>
/// A moment to restore to, with the writes that must be there. The workload is paused while the server's
/// clock is read, so every write committed before the target was acknowledged and none is in flight: the
/// restored table must match the acknowledged log exactly.
/// </summary>
public sealed record RestorePoint(string TargetTime, DateTimeOffset TargetAt, IReadOnlyList<long> ExpectedSeqs)
{
    public static async Task<RestorePoint> CaptureAsync(WriteWorkload workload, PostgresNode primary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(primary);
        await workload.PauseAsync(ct).ConfigureAwait(false);
        try
        {
            // The server's clock, not ours: recovery_target_time is compared with commit timestamps it wrote.
            var now = (DateTime)(await primary.ScalarAsync("SELECT clock_timestamp()", TimeSpan.FromSeconds(5), ct).ConfigureAwait(false))!;
            var at = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc));
            var seqs = workload.Acks.Snapshot().Select(a => a.Seq).Order().ToList();
            return new RestorePoint(at.ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture), at, seqs);
        }
        finally
        {
            workload.Resume();
        }
    }

    /// <summary>SHA-256 over the comma-joined sorted sequence numbers; the server computes the same over its rows.</summary>
    public string ExpectedChecksum => Checksum(ExpectedSeqs);

    internal static string Checksum(IReadOnlyList<long> sortedSeqs)
    {
        if (sortedSeqs.Count == 0)
        {
            return string.Empty;
        }

        var text = string.Join(',', sortedSeqs.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
