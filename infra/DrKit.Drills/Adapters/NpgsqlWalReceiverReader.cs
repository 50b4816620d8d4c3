using DrKit.Failover;
using Npgsql;

namespace DrKit.Drills.Adapters;

/// <summary>
/// Reads a streaming replica's <c>pg_stat_wal_receiver</c> (<c>latest_end_lsn</c>, <c>last_msg_send_time</c>) and
/// <c>pg_last_wal_replay_lsn()</c> in one query. The view's columns other than pid are visible only to superusers and
/// members of <c>pg_read_all_stats</c> (https://www.postgresql.org/docs/current/monitoring-stats.html); without them,
/// or when the replica is not streaming, the sample holds nulls and the switchover keeps waiting.
/// </summary>
public sealed class NpgsqlWalReceiverReader : IWalReceiverReader
{
    private const string Query =
        "SELECT r.latest_end_lsn::text, r.last_msg_send_time, pg_last_wal_replay_lsn()::text " +
        "FROM (SELECT 1) one LEFT JOIN pg_stat_wal_receiver r ON true";

    /// <summary>Bound on connecting and on the query: the replica is in the recovery region, which answers.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    public async Task<WalReceiverSample> ReadAsync(string host, int port, string user, string password, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Username = user,
            Password = password,
            Database = "postgres",
            Timeout = (int)Timeout.TotalSeconds,
            CommandTimeout = (int)Timeout.TotalSeconds,
            // RDS accepts TLS on every instance; the master password must not cross the network in clear text.
            SslMode = host is "localhost" or "127.0.0.1" ? SslMode.Prefer : SslMode.Require,
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return new WalReceiverSample(null, null, null);
        }

        return new WalReceiverSample(
            reader.IsDBNull(0) ? null : WalPosition.Parse(reader.GetString(0)),
            reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(1).ToUniversalTime(), TimeSpan.Zero),
            reader.IsDBNull(2) ? null : WalPosition.Parse(reader.GetString(2)));
    }
}
