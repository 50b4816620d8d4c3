using System.Globalization;

namespace DrKit.Operations.Cloud;

/// <summary>
/// The point a WAL archive can be replayed to, from its object listing. Only WAL segment files count (their name
/// starts with the 24 hex digits timeline, log and segment, as WAL-G's <c>wal_005/</c> and pgBackRest's
/// <c>archive/&lt;stanza&gt;/</c> both store them); base backups, sentinels, <c>.history</c>, <c>.partial</c>
/// and <c>.backup</c> files do not. Replay stops at the first missing segment, and without S3 Replication Time
/// Control objects may arrive out of order (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html),
/// so the point is the end of the run of consecutive segments on the newest timeline, scanned from its oldest
/// segment (lifecycle rules expire the archive from that end). DrKit cannot tell which base backup the operator
/// restores, so a gap anywhere in that run stops the point there: conservative, never optimistic.
/// The time is the segment's <c>LastModified</c>, which replication keeps from the source
/// (when its upload finished: no earlier than the segment's last commit).
/// </summary>
public static class WalArchive
{
    /// <summary>Segments per log id with the default 16 MB segment size (0x100000000 / 16 MB).</summary>
    public const long SegmentsPerLog = 0x100;

    /// <summary>The replay end of <paramref name="objects"/>; null when the archive holds no WAL segment.</summary>
    public static RecoveryPoint? RecoveryPoint(IEnumerable<(string Key, DateTimeOffset At)> objects, string bucket)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var segments = objects
            .Select(o => (Segment: Parse(o.Key), o.Key, o.At))
            .Where(o => o.Segment is not null)
            .Select(o => (Timeline: o.Segment!.Value.Timeline, Number: o.Segment.Value.Number, o.Key, o.At))
            .ToList();
        if (segments.Count == 0)
        {
            return null;
        }

        var timeline = segments.Max(s => s.Timeline);
        var run = segments.Where(s => s.Timeline == timeline).GroupBy(s => s.Number).Select(g => g.OrderByDescending(s => s.At).First()).OrderBy(s => s.Number).ToList();
        var end = 0;
        while (end + 1 < run.Count && run[end + 1].Number == run[end].Number + 1)
        {
            end++;
        }

        var last = run[end];
        var gap = end + 1 < run.Count
            ? string.Create(CultureInfo.InvariantCulture, $"; replay stops there: the next segment is missing ({run.Count - end - 1} newer segments lie beyond the gap)")
            : string.Empty;
        return new RecoveryPoint(last.At, null, $"last consecutive WAL segment {last.Key} on timeline {timeline} in {bucket}{gap}");
    }

    /// <summary>Timeline and absolute segment number of a WAL segment key; null for anything else.</summary>
    public static (long Timeline, long Number)? Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = key[(key.LastIndexOf('/') + 1)..];
        if (name.Length < 24 || !name[..24].All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var rest = name[24..];
        // A compressed segment (".gz", ".br", ".lz4", ".zst") or pgBackRest's "-<sha1>" suffix; ".partial", ".backup" and ".history" are not segments.
        if (rest.Length > 0 && rest[0] != '-' && rest is not (".gz" or ".br" or ".lz4" or ".lzma" or ".zst"))
        {
            return null;
        }

        if (rest.StartsWith('-') && (rest.Contains(".partial", StringComparison.Ordinal) || rest.Contains(".backup", StringComparison.Ordinal)))
        {
            return null;
        }

        var timeline = long.Parse(name[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var log = long.Parse(name[8..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var seg = long.Parse(name[16..24], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (timeline, log * SegmentsPerLog + seg);
    }
}
