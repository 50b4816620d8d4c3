using System.Globalization;

namespace DrKit.Drills.Postgres;

/// <summary>
/// The local WAL archive directory and the primary's archiver. "Stopping the destination" renames the
/// directory away, so the archive command really fails and PostgreSQL keeps the segments pending, the
/// way an unreachable bucket behaves.
/// </summary>
public sealed class WalArchive
{
    private readonly PostgresNode _primary;

    internal WalArchive(PostgresNode primary, string directory)
    {
        _primary = primary;
        Directory = directory;
    }

    public string Directory { get; }

    private string OfflineDirectory => Directory + ".offline";

    public bool DestinationAvailable => System.IO.Directory.Exists(Directory);

    public void StopDestination() => System.IO.Directory.Move(Directory, OfflineDirectory);

    public void RestoreDestination() => System.IO.Directory.Move(OfflineDirectory, Directory);

    /// <summary>Segments archived so far (complete files only, not in-progress copies).</summary>
    public int ArchivedSegmentCount =>
        DestinationAvailable ? System.IO.Directory.EnumerateFiles(Directory).Count(f => !f.EndsWith(".part", StringComparison.Ordinal)) : 0;

    /// <summary>Reads pg_stat_archiver and the backlog of segments waiting to be archived.</summary>
    public async Task<ArchiveStatus> GetStatusAsync(TimeSpan timeout, CancellationToken ct)
    {
        const string sql =
            "SELECT archived_count::text || '|' || failed_count::text || '|' || " +
            "COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - last_archived_time)::text, '') || '|' || COALESCE(last_archived_wal, '') " +
            "FROM pg_stat_archiver";
        var text = (string?)await _primary.ScalarAsync(sql, timeout, ct).ConfigureAwait(false) ?? "0|0||";
        var parts = text.Split('|');
        var pending = System.IO.Directory.EnumerateFiles(Path.Combine(_primary.DataDirectory, "pg_wal", "archive_status"), "*.ready").Count();
        TimeSpan? sinceLast = double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;
        return new ArchiveStatus(
            long.Parse(parts[0], CultureInfo.InvariantCulture),
            long.Parse(parts[1], CultureInfo.InvariantCulture),
            pending,
            sinceLast,
            parts[3]);
    }

    /// <summary>Switches to a new segment and waits until the archive holds everything written before the call.</summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var segment = (string?)await _primary.ScalarAsync("SELECT pg_walfile_name(pg_switch_wal())", timeout, cts.Token).ConfigureAwait(false)
            ?? throw new InvalidOperationException("pg_switch_wal returned nothing.");
        while (true)
        {
            var status = await GetStatusAsync(timeout, cts.Token).ConfigureAwait(false);

            // Segment names of one timeline sort in WAL order.
            if (string.CompareOrdinal(status.LastArchivedWal, segment) >= 0)
            {
                return;
            }

            await Task.Delay(50, cts.Token).ConfigureAwait(false);
        }
    }
}

/// <summary>State of WAL archiving on the primary.</summary>
/// <param name="ArchivedCount">Segments archived since start.</param>
/// <param name="FailedCount">Failed archive attempts since start.</param>
/// <param name="PendingSegments">Completed segments not yet archived (.ready files).</param>
/// <param name="SinceLastArchived">Time since the last successful archive; with writes flowing, this is the
/// WAL-archive RPO exposure: a restore from the archive would lose at least this much.</param>
/// <param name="LastArchivedWal">Name of the last archived segment.</param>
public sealed record ArchiveStatus(long ArchivedCount, long FailedCount, int PendingSegments, TimeSpan? SinceLastArchived, string LastArchivedWal);
