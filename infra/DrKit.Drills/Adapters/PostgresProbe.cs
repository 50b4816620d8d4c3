using System.Diagnostics;
using DrKit.Drills.Workload;
using DrKit.Failover;
using Npgsql;

namespace DrKit.Drills.Adapters;

/// <summary>Connects and runs a trivial query with a short timeout; optionally requires a writable primary.</summary>
public sealed class PostgresProbe : IHealthProbe
{
    private readonly Func<RouteTarget> _target;
    private readonly TimeSpan _timeout;
    private readonly bool _requirePrimary;

    public PostgresProbe(string name, Func<RouteTarget> target, TimeSpan timeout, bool requirePrimary)
    {
        Name = name;
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _timeout = timeout;
        _requirePrimary = requirePrimary;
    }

    public string Name { get; }

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var target = _target();
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(_timeout);
            await using var connection = new NpgsqlConnection(PostgresWriteTarget.ConnectionString(target));
            await connection.OpenAsync(cts.Token).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            var inRecovery = (bool)(await command.ExecuteScalarAsync(cts.Token).ConfigureAwait(false))!;
            return _requirePrimary && inRecovery
                ? new ProbeResult(false, $"{target.Host}:{target.Port} answers but is a read-only standby", clock.Elapsed)
                : new ProbeResult(true, $"{target.Host}:{target.Port} answers", clock.Elapsed);
        }
        catch (Exception e) when (IsConnectionFailure(e, ct))
        {
            return new ProbeResult(false, $"{target.Host}:{target.Port}: {e.GetType().Name}: {e.Message}", clock.Elapsed);
        }
    }

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
