using System.Globalization;
using DrKit.Drills.Postgres;
using Npgsql;

namespace DrKit.Drills.Workload;

/// <summary>Writes rows keyed by sequence number into the drill table.</summary>
public sealed class PostgresWriteTarget : IWriteTarget
{
    public string Name => "postgres";

    public async Task<IWriteSession> OpenAsync(RouteTarget target, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = new NpgsqlConnection(ConnectionString(target));
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            await connection.OpenAsync(cts.Token).ConfigureAwait(false);
            return new Session(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IReadOnlySet<long>> ReadSequencesAsync(RouteTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = new NpgsqlConnection(ConnectionString(target));
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT seq FROM {LocalPostgresCluster.TableName}", connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var result = new HashSet<long>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(reader.GetInt64(0));
        }

        return result;
    }

    internal static string ConnectionString(RouteTarget target) => new NpgsqlConnectionStringBuilder
    {
        Host = target.Host,
        Port = target.Port,
        Username = PostgresClusterOptions.Superuser,
        Database = "postgres",
        Pooling = false,
        Timeout = 1,
        CommandTimeout = 5,
        CancellationTimeout = -1,
        ApplicationName = "drkit-workload",
    }.ConnectionString;

    private sealed class Session(NpgsqlConnection connection) : IWriteSession
    {
        private NpgsqlCommand? _insert;

        public async Task WriteAsync(long seq, CancellationToken ct)
        {
            if (_insert is null)
            {
                _insert = new NpgsqlCommand($"INSERT INTO {LocalPostgresCluster.TableName} (seq, payload) VALUES ($1, $2)", connection);
                _insert.Parameters.Add(new NpgsqlParameter<long>());
                _insert.Parameters.Add(new NpgsqlParameter<string>());
                await _insert.PrepareAsync(ct).ConfigureAwait(false);
            }

            ((NpgsqlParameter<long>)_insert.Parameters[0]).TypedValue = seq;
            ((NpgsqlParameter<string>)_insert.Parameters[1]).TypedValue = "drill-write-" + seq.ToString(CultureInfo.InvariantCulture);
            await _insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            if (_insert is not null)
            {
                await _insert.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
