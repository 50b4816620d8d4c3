namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// What the old primary answered the standby host over the replication connection the standby itself streams on
/// (<see cref="PostgresHostScripts.Lag"/>): no AWS call names the primary's region, so reading it is as static as the
/// stream. IDENTIFY_SYSTEM's <c>xlogpos</c> is the primary's current WAL flush location, and SHOW works on a physical
/// replication connection (https://www.postgresql.org/docs/16/protocol-replication.html).
/// </summary>
/// <param name="FlushLsn">The primary's WAL flush location when it answered, read after the standby's own position.</param>
/// <param name="InHotStandby">The upstream answered <c>in_hot_standby = on</c>: a cascading upstream, not the primary.</param>
/// <param name="SynchronousStandbyNames">The primary's <c>synchronous_standby_names</c>, as the server has it.</param>
public sealed record PrimaryWalReading(ulong FlushLsn, bool InHotStandby, string SynchronousStandbyNames)
{
    /// <summary>
    /// Whether commits on the primary wait for <paramref name="standbyName"/>, from the server's setting, never from the
    /// stack file. Being named is not a guarantee: <c>synchronous_commit</c> can be lowered per session or transaction,
    /// and with <c>ANY n (...)</c> or more names than <c>FIRST n</c> another standby may be the one that confirmed a
    /// commit (https://www.postgresql.org/docs/16/runtime-config-replication.html#GUC-SYNCHRONOUS-STANDBY-NAMES). So this
    /// is for the operator to read; the lag is always the byte comparison.
    /// </summary>
    public string SyncRole(string standbyName)
    {
        var names = SynchronousStandbyNames.Trim();
        if (names.Length == 0)
        {
            return "asynchronous (synchronous_standby_names is empty on the primary)";
        }

        return Names(names).Any(n => n == "*" || string.Equals(n, standbyName, StringComparison.OrdinalIgnoreCase))
            ? $"named in the primary's synchronous_standby_names '{names}' as {standbyName} (commits may wait for it; not a guarantee per commit)"
            : $"asynchronous: the primary's synchronous_standby_names '{names}' does not name {standbyName}";
    }

    /// <summary>The standby names of a <c>[FIRST|ANY] n (a, b)</c> or <c>a, b</c> list, quotes removed.</summary>
    public static IReadOnlyList<string> Names(string setting)
    {
        var list = setting;
        var open = list.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = list.LastIndexOf(')');
            list = list[(open + 1)..(close > open ? close : list.Length)];
        }

        return [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.Trim('"'))];
    }
}
