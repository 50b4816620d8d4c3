using System.Globalization;

namespace DrKit.Failover;

/// <summary>A PostgreSQL WAL position (LSN), written <c>XXXXXXXX/XXXXXXXX</c> (high and low 32 bits in hex).</summary>
public readonly record struct WalPosition(ulong Value) : IComparable<WalPosition>
{
    public static bool operator <(WalPosition left, WalPosition right) => left.Value < right.Value;

    public static bool operator >(WalPosition left, WalPosition right) => left.Value > right.Value;

    public static bool operator <=(WalPosition left, WalPosition right) => left.Value <= right.Value;

    public static bool operator >=(WalPosition left, WalPosition right) => left.Value >= right.Value;

    /// <exception cref="FormatException">Not an LSN as PostgreSQL prints it.</exception>
    public static WalPosition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !uint.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            throw new FormatException($"'{text}' is not a PostgreSQL WAL position (expected e.g. 16/B374D848).");
        }

        return new WalPosition(((ulong)high << 32) | low);
    }

    public int CompareTo(WalPosition other) => Value.CompareTo(other.Value);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value >> 32:X}/{Value & 0xFFFFFFFF:X}");
}

/// <summary>
/// What a streaming replica's <c>pg_stat_wal_receiver</c> and replay position say, read in the recovery region only.
/// </summary>
/// <param name="SenderEnd"><c>latest_end_lsn</c>: the end of WAL the primary's sender reported in its last message.</param>
/// <param name="LastMessageSentAt"><c>last_msg_send_time</c>: when the sender sent the last message the replica received.</param>
/// <param name="Replayed"><c>pg_last_wal_replay_lsn()</c>: how far the replica has applied.</param>
public sealed record WalReceiverSample(WalPosition? SenderEnd, DateTimeOffset? LastMessageSentAt, WalPosition? Replayed);

/// <summary>
/// The switchover rule on WAL positions. The hard fence ended every session and admits none, so after it is confirmed
/// the primary takes no client writes and its end of WAL is final. A message its sender sent after that moment carries
/// that end (data messages carry the sender's flushed end, keepalives its sent position once nothing is left to send),
/// so a replica that has replayed up to it holds every write: promoting it loses nothing. A message sent before the
/// fence proves nothing, however small the gap looks, since writes may have followed it.
/// https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-WAL-RECEIVER-VIEW
/// </summary>
public static class WalCatchUp
{
    public static CatchUpStatus Decide(DateTimeOffset fencedAt, WalReceiverSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.SenderEnd is not { } end || sample.LastMessageSentAt is not { } sentAt || sample.Replayed is not { } replayed)
        {
            return new CatchUpStatus(false,
                "the replica reports no WAL receiver position (not streaming, or the user lacks pg_read_all_stats)");
        }

        if (sentAt <= fencedAt)
        {
            return new CatchUpStatus(false,
                $"the primary's last message to the replica was sent at {Stamp(sentAt)}, not after the fence ({Stamp(fencedAt)}): its final end of WAL is not known yet");
        }

        return replayed >= end
            ? new CatchUpStatus(true, $"replica replayed {replayed}, at or past the fenced primary's end of WAL {end} (sent {Stamp(sentAt)})")
            : new CatchUpStatus(false, $"replica replayed {replayed}, fenced primary's end of WAL {end}: {end.Value - replayed.Value} bytes to go");
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
