using System.Diagnostics;
using System.Globalization;
using DrKit.Drills.Hosting;
using Npgsql;

namespace DrKit.Drills.Postgres;

/// <summary>One PostgreSQL server of a drill: its data directory, port and (while running) its postmaster.</summary>
public sealed class PostgresNode
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ProcessHarness _harness;
    private readonly PostgresBinaries _binaries;

    private readonly IReadOnlyList<string> _settings;

    internal PostgresNode(ProcessHarness harness, PostgresBinaries binaries, string name, string dataDirectory, int port,
        IReadOnlyList<string>? settings = null)
    {
        _settings = settings ?? [];
        _harness = harness;
        _binaries = binaries;
        Name = name;
        DataDirectory = dataDirectory;
        Port = port;
        LogPath = Path.Combine(harness.RootDirectory, name + ".log");
    }

    public string Name { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string LogPath { get; }

    public ManagedProcess? Process { get; private set; }

    public bool IsRunning => Process is { HasExited: false };

    /// <summary>
    /// No pooling (a dead server must not hand out stale connections) and no waiting for cancel requests
    /// a dead server will never answer; timeouts themselves come from cancellation tokens.
    /// </summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = PostgresClusterOptions.Superuser,
        Database = "postgres",
        Pooling = false,
        Timeout = 2,
        CommandTimeout = 10,
        CancellationTimeout = -1,
        ApplicationName = "drkit-drill",
    }.ConnectionString;

    /// <summary>
    /// Starts the postmaster itself rather than through pg_ctl, which would daemonise it: the harness then
    /// owns the server's real pid. Readiness is read from postmaster.pid the same way <c>pg_ctl -w</c> does.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (IsRunning)
        {
            return;
        }

        var spec = new ProcessSpec(Name, _binaries.Postgres,
            ["-D", DataDirectory, "-c", "port=" + Port.ToString(CultureInfo.InvariantCulture), .. _settings.SelectMany(x => new[] { "-c", x })],
            AsServerAccount: true, StopSignal: Posix.SigInt, LogPath: LogPath);
        Process = _harness.Start(spec);
        await WaitReadyAsync(ct).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (Process is { } p)
        {
            await _harness.StopAsync(p, ct).ConfigureAwait(false);
        }
    }

    /// <summary>kill -9 of the postmaster and its backends at once, as if the host died.</summary>
    public async Task KillAsync(CancellationToken ct)
    {
        if (Process is { } p)
        {
            await _harness.KillAsync(p, ct).ConfigureAwait(false);
        }
    }

    public async Task<NpgsqlConnection> OpenAsync(TimeSpan timeout, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            await connection.OpenAsync(cts.Token).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs one statement on a fresh connection and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        await using var connection = await OpenAsync(timeout, cts.Token).ConfigureAwait(false);
        // The caller's bound, not the connection string's 10 s: pg_promote(true, 30) of a standby with a long replay
        // backlog (a paused replica forced over) was cut at 10 s and left the promotion in doubt.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds) };
        var value = await command.ExecuteScalarAsync(cts.Token).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (Process is null || Process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited during start-up. Log tail:\n{LogTail()}");
            }

            if (ReadStatus(pidFile) is "ready" or "standby")
            {
                return;
            }

            await Task.Delay(20, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} was not ready within {StartTimeout.TotalSeconds} s. Log tail:\n{LogTail()}");
    }

    private static string? ReadStatus(string pidFile)
    {
        try
        {
            // Line 8 of postmaster.pid is the postmaster's status since PostgreSQL 10.
            var lines = File.ReadAllLines(pidFile);
            return lines.Length >= 8 ? lines[7].Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public string LogTail(int lines = 15)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
