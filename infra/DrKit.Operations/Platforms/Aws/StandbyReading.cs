using System.Globalization;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// One reading of a self-managed PostgreSQL server (<see cref="PostgresHostScripts.Status"/>, or
/// <see cref="PostgresHostScripts.Lag"/> with what the primary answered), and the lag DrKit decides from it. LSNs are
/// compared as numbers (<c>hi/lo</c> in hex is <c>hi &lt;&lt; 32 | lo</c>).
/// </summary>
/// <param name="InRecovery">pg_is_in_recovery(): true while a standby, false once promoted.</param>
/// <param name="ReplayLsn">pg_last_wal_replay_lsn().</param>
/// <param name="ReceiveLsn">pg_last_wal_receive_lsn(): received and flushed to the standby's disk; promotion keeps it.</param>
/// <param name="ReplayAgeSeconds">Seconds since the last replayed transaction committed on the primary; null before any.</param>
/// <param name="ReceiptAgeSeconds">Seconds since the last message from the primary; null when not streaming. Keepalives
/// refresh it, so it says the stream is alive, never how much WAL is missing.</param>
/// <param name="LatestEndLsn">pg_stat_wal_receiver.latest_end_lsn: the WAL end the sender last reported.</param>
/// <param name="StandbyName">The name the primary knows the standby by (application_name of its primary_conninfo, else cluster_name, else walreceiver).</param>
public sealed record StandbyReading(
    bool InRecovery, ulong? ReplayLsn, ulong? ReceiveLsn, double? ReplayAgeSeconds, double? ReceiptAgeSeconds,
    ulong? LatestEndLsn = null, string StandbyName = "walreceiver")
{
    private const int Fields = 7;

    /// <summary>What the primary answered over the replication connection, read after the standby; null when it did not.</summary>
    public PrimaryWalReading? Primary { get; init; }

    /// <summary>Why the primary was not read (its error), when the reading asked it.</summary>
    public string? PrimaryUnread { get; init; }

    /// <summary>Parses what the status script prints, and the primary's answer when the lag script asked for it.</summary>
    /// <exception cref="FormatException">The output is not what the scripts print.</exception>
    public static StandbyReading Parse(string output)
    {
        var lines = (output ?? string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var at = Array.FindIndex(lines, l => l.Length > 1 && l[0] is 't' or 'f' && l[1] == '|');
        var line = at < 0 ? (output ?? string.Empty).Trim() : lines[at].Trim();
        var f = line.Split('|');
        if (at < 0 || f.Length != Fields)
        {
            throw new FormatException($"expected 'in_recovery|replay_lsn|receive_lsn|replay_age|receipt_age|latest_end_lsn|standby_name', got '{line}'");
        }

        var reading = new StandbyReading(f[0] == "t", Lsn(f[1]), Lsn(f[2]), Seconds(f[3]), Seconds(f[4]), Lsn(f[5]),
            string.IsNullOrWhiteSpace(f[6]) ? "walreceiver" : f[6].Trim());
        var rest = lines[(at + 1)..];
        var marker = Array.FindIndex(rest, l => l.StartsWith("primary", StringComparison.Ordinal));
        if (marker < 0)
        {
            return reading;
        }

        if (rest[marker].StartsWith("primary-unreachable|", StringComparison.Ordinal))
        {
            return reading with { PrimaryUnread = rest[marker]["primary-unreachable|".Length..].Trim() };
        }

        // IDENTIFY_SYSTEM (systemid|timeline|xlogpos|dbname), then each SHOW's value after its tag line; a SHOW the server
        // does not know (in_hot_standby before 14) leaves its tag without a value, and errors went to stderr.
        var answer = rest[(marker + 1)..];
        var identify = answer.Length > 0 ? answer[0].Split('|') : [];
        if (identify.Length < 3)
        {
            return reading with { PrimaryUnread = $"unexpected IDENTIFY_SYSTEM answer '{(answer.Length > 0 ? answer[0] : string.Empty)}'" };
        }

        return reading with
        {
            Primary = new PrimaryWalReading(Lsn(identify[2]) ?? 0, Tagged(answer, PostgresHostScripts.HotStandbyTag) == "on", Tagged(answer, PostgresHostScripts.SyncNamesTag) ?? string.Empty),
        };
    }

    /// <summary>The line after <paramref name="tag"/>, unless it is another tag or missing.</summary>
    private static string? Tagged(string[] answer, string tag)
    {
        var at = Array.FindIndex(answer, l => l.Trim() == tag);
        return at >= 0 && at + 1 < answer.Length && !answer[at + 1].StartsWith('#') ? answer[at + 1].Trim() : null;
    }

    /// <summary>
    /// Bytes of WAL the primary had flushed that the standby had not received, when the primary answered as a primary;
    /// the primary is read after the standby, so this can only overstate what is missing. Null when not known.
    /// </summary>
    public ulong? BytesBehind => Primary is { InHotStandby: false } p && (ReceiveLsn ?? ReplayLsn) is { } have
        ? p.FlushLsn > have ? p.FlushLsn - have : 0
        : null;

    /// <summary>
    /// The replica's lag as DrKit counts it; null when unknown. Promotion replays everything the standby received before
    /// it ends recovery, so what a promotion can lose is what the standby never received: WAL positions decide, never
    /// message age (keepalives keep it near 0 while a standby trails by gigabytes) nor the configured sync mode.
    /// <list type="bullet">
    /// <item>After a confirmed fence (<paramref name="fenceLsn"/>): 0 once the standby has replayed up to the old primary's
    /// shutdown checkpoint, which nothing can follow (zero-loss switchover).</item>
    /// <item>The primary answered: 0 when the standby has received every byte the primary had flushed; otherwise the
    /// time since the last replayed commit, which bounds the window of commits the missing bytes can hold (they all
    /// committed after it).</item>
    /// <item>The primary did not answer (the outage): the same upper bound, from the standby alone; the loss itself cannot
    /// be known without the primary, and an idle primary makes the bound large, which --force may accept.</item>
    /// </list>
    /// </summary>
    public TimeSpan? Lag(ulong? fenceLsn)
    {
        if (!InRecovery)
        {
            return TimeSpan.Zero;
        }

        if (fenceLsn is { } fence)
        {
            return ReplayLsn >= fence ? TimeSpan.Zero : Behind();
        }

        return BytesBehind == 0 ? TimeSpan.Zero : Behind();
    }

    /// <summary>Why the lag is what it is, for readiness details and refusals; <paramref name="configuredSync"/> is the stack file's claim, shown against the server's.</summary>
    public string Describe(ulong? fenceLsn, bool configuredSync = false)
    {
        if (!InRecovery)
        {
            return "pg_is_in_recovery() = false (a writer)";
        }

        var text = $"replay {Text(ReplayLsn)}, receive {Text(ReceiveLsn)} ({Backlog()}), " +
                   (ReceiptAgeSeconds is { } receipt ? $"streaming (last message {Secs(receipt)} ago: liveness only)" : "not streaming");
        if (fenceLsn is { } f)
        {
            return text + $", fence checkpoint {Text(f)}, last replayed transaction {Age()}";
        }

        if (Primary is { InHotStandby: false } p)
        {
            var sync = p.SyncRole(StandbyName);
            return text + $"; the primary answered over the replication connection: flushed {Text(p.FlushLsn)}, {BytesBehind} bytes not received" +
                   (BytesBehind > 0 ? $", so at most the commits since the last replayed transaction {Age()}" : string.Empty) +
                   $"; {sync}" + (configuredSync && sync.StartsWith("asynchronous", StringComparison.Ordinal) ? " although the stack file says replication: sync" : string.Empty);
        }

        var why = Primary is { InHotStandby: true } ? "its upstream is itself a standby (cascading)" : $"the primary did not answer ({PrimaryUnread ?? "not asked"})";
        var reported = LatestEndLsn is { } end && ReceiveLsn is { } got
            ? end > got ? $"; the sender last reported WAL to {Text(end)}, {end - got} bytes never received" : $"; everything the sender last reported ({Text(end)}) was received"
            : string.Empty;
        return text + $"; from the standby alone, {why}: at most the commits since the last replayed transaction {Age()} may be missing (an upper bound; the loss is unknowable without the primary)" + reported;
    }

    /// <summary>Parses an LSN such as <c>16/B374D848</c>; null for an empty field.</summary>
    public static ulong? Lsn(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().Split('/');
        return parts.Length == 2
            && uint.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hi)
            && uint.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var lo)
            ? ((ulong)hi << 32) | lo
            : throw new FormatException($"expected an LSN such as 16/B374D848, got '{text}'");
    }

    public static string Text(ulong? lsn) => lsn is { } l ? $"{l >> 32:X}/{l & 0xFFFFFFFF:X}" : "(none)";

    private string Backlog() => ReceiveLsn is { } r && ReplayLsn is { } p && r > p ? $"{r - p} bytes to replay at promotion, not lost" : "all received replayed";

    private string Age() => ReplayAgeSeconds is { } age ? $"{Secs(age)} ago" : "(unknown)";

    private static string Secs(double s) => s.ToString("0.#", CultureInfo.InvariantCulture) + "s";

    private TimeSpan? Behind() =>
        // Never 0 while behind: a switchover waits until the standby has really caught up.
        ReplayAgeSeconds is { } age ? TimeSpan.FromSeconds(Math.Max(age, 1)) : null;

    private static double? Seconds(string text) =>
        string.IsNullOrWhiteSpace(text) ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
