using DrKit.Drills.Workload;
using DrKit.Failover;
using Npgsql;

namespace DrKit.Drills.Adapters;

/// <summary>Connects and runs a trivial query with a short timeout; optionally requires a writable primary.</summary>
public sealed class PostgresProbe(string name, Func<RouteTarget> target, TimeSpan timeout, bool requirePrimary)
    : EndpointProbe(name, target, timeout, requirePrimary)
{
    protected override async Task<(bool Healthy, string Detail)> CheckAsync(RouteTarget target, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(PostgresWriteTarget.ConnectionString(target));
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        var inRecovery = (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        return RequirePrimary && inRecovery
            ? (false, $"{target.Host}:{target.Port} answers but is a read-only standby")
            : (true, $"{target.Host}:{target.Port} answers");
    }

    protected override bool IsUnreachable(Exception e, CancellationToken ct) => IsConnectionFailure(e, ct);

    internal static async Task<bool> AnswersAsync(string connectionString, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cts.Token).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsConnectionFailure(e, ct))
        {
            return false;
        }
    }

    /// <summary>Failures that mean "the server is not there (right now)", as opposed to the caller giving up.</summary>
    internal static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
        e is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);
}
