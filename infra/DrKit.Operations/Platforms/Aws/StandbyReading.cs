using System.Globalization;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// One reading of a self-managed PostgreSQL server (<see cref="PostgresHostScripts.Status"/>), and the lag DrKit decides
/// from it. LSNs are compared as numbers (<c>hi/lo</c> in hex is <c>hi &lt;&lt; 32 | lo</c>).
/// </summary>
/// <param name="InRecovery">pg_is_in_recovery(): true while a standby, false once promoted.</param>
/// <param name="ReplayAgeSeconds">Seconds since the last replayed transaction committed on the primary; null before any.</param>
/// <param name="ReceiptAgeSeconds">Seconds since the last message from the primary; null when not streaming.</param>
public sealed record StandbyReading(bool InRecovery, ulong? ReplayLsn, ulong? ReceiveLsn, double? ReplayAgeSeconds, double? ReceiptAgeSeconds)
{
    /// <summary>Parses the one line the status script prints.</summary>
    /// <exception cref="FormatException">The line is not what the script prints.</exception>
    public static StandbyReading Parse(string output)
    {
        var line = (output ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
        var f = line.Split('|');
        if (f.Length != 5 || f[0] is not ("t" or "f"))
        {
            throw new FormatException($"expected 'in_recovery|replay_lsn|receive_lsn|replay_age|receipt_age', got '{line}'");
        }

        return new StandbyReading(f[0] == "t", Lsn(f[1]), Lsn(f[2]), Seconds(f[3]), Seconds(f[4]));
    }

    /// <summary>
    /// The replica's lag as DrKit counts it; null when unknown. Promotion replays everything the standby received before
    /// it ends recovery, so what a promotion can lose is what the standby never received. After a confirmed fence
    /// (<paramref name="fenceLsn"/>): 0 once the standby has replayed up to the old primary's shutdown checkpoint, which
    /// nothing can follow (zero-loss switchover). While streaming: 0 for a synchronous standby (every commit waited for
    /// its flush there), otherwise the time since the last message from the primary. Not streaming: the age of the last
    /// replayed transaction, at least the window of writes the standby may lack.
    /// </summary>
    public TimeSpan? Lag(ulong? fenceLsn, bool synchronous)
    {
        if (!InRecovery)
        {
            return TimeSpan.Zero;
        }

        if (fenceLsn is { } fence)
        {
            return ReplayLsn >= fence ? TimeSpan.Zero : Behind();
        }

        return ReceiptAgeSeconds is { } receipt
            ? synchronous ? TimeSpan.Zero : TimeSpan.FromSeconds(receipt)
            : Behind();
    }

    /// <summary>Why the lag is what it is, for readiness details and refusals.</summary>
    public string Describe(ulong? fenceLsn) => !InRecovery
        ? "pg_is_in_recovery() = false (a writer)"
        : $"replay {Text(ReplayLsn)}, receive {Text(ReceiveLsn)}, {(ReceiptAgeSeconds is null ? "not streaming" : "streaming")}" +
          (fenceLsn is { } f ? $", fence checkpoint {Text(f)}" : string.Empty) +
          $", last replayed transaction {(ReplayAgeSeconds is { } age ? $"{age.ToString("0.#", CultureInfo.InvariantCulture)}s ago" : "unknown")}";

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

    private TimeSpan? Behind() =>
        // Never 0 while behind: a switchover waits until the standby has really caught up.
        ReplayAgeSeconds is { } age ? TimeSpan.FromSeconds(Math.Max(age, 1)) : null;

    private static double? Seconds(string text) =>
        string.IsNullOrWhiteSpace(text) ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
