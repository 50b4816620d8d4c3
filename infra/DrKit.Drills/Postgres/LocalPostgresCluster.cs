using System.Globalization;
using DrKit.Drills.Hosting;

namespace DrKit.Drills.Postgres;

/// <summary>
/// A primary that archives WAL into a local directory (standing in for a bucket), a base backup kept for
/// restores, and a streaming standby, all on loopback inside the harness's directory.
/// </summary>
public sealed class LocalPostgresCluster
{
    public const string TableName = "drill_writes";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private LocalPostgresCluster(PostgresBinaries binaries, PostgresClusterOptions options,
        PostgresNode primary, PostgresNode standby, string archiveDir, string baseBackupDir)
    {
        Binaries = binaries;
        Options = options;
        Primary = primary;
        Standby = standby;
        ArchiveDirectory = archiveDir;
        BaseBackupDirectory = baseBackupDir;
        Archive = new WalArchive(primary, archiveDir);
    }

    public PostgresBinaries Binaries { get; }

    public PostgresClusterOptions Options { get; }

    public PostgresNode Primary { get; }

    public PostgresNode Standby { get; }

    public string ArchiveDirectory { get; }

    public string BaseBackupDirectory { get; }

    public WalArchive Archive { get; }

    public static async Task<LocalPostgresCluster> StartAsync(ProcessHarness harness, PostgresClusterOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(options);
        var binaries = PostgresBinaries.Discover();
        var pgRoot = harness.CreateDirectory("pg", forServer: true);
        var archive = harness.CreateDirectory("pg/archive", forServer: true);
        var primaryDir = Path.Combine(pgRoot, "primary");
        var backupDir = Path.Combine(pgRoot, "basebackup");
        var standbyDir = Path.Combine(pgRoot, "standby");

        await RunAsync(harness, "initdb", binaries.Initdb,
            ["-D", primaryDir, "-U", PostgresClusterOptions.Superuser, "-A", "trust", "-E", "UTF8", "--locale=C",
             "--wal-segsize=1", "--no-sync", "--no-instructions"], ct).ConfigureAwait(false);

        // Small segments: each archive_timeout switch copies 1 MB instead of 16 MB.
        await File.AppendAllTextAsync(Path.Combine(primaryDir, "postgresql.conf"), PostgresConfig.Primary(options, archive), ct)
            .ConfigureAwait(false);

        var primary = new PostgresNode(harness, binaries, "pg-primary", primaryDir, harness.ReservePort());
        await primary.StartAsync(ct).ConfigureAwait(false);
        await primary.ScalarAsync(
            $"CREATE TABLE {TableName} (seq bigint PRIMARY KEY, payload text NOT NULL, written_at timestamptz NOT NULL DEFAULT clock_timestamp())",
            CommandTimeout, ct).ConfigureAwait(false);

        await RunAsync(harness, "pg_basebackup", binaries.BaseBackup,
            ["-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", PostgresClusterOptions.Superuser,
             "-D", backupDir, "-X", "stream", "-c", "fast", "--no-sync"], ct).ConfigureAwait(false);

        // The standby starts from a copy so the kept backup stays pristine for restore drills.
        await RunAsync(harness, "copy base backup", "cp", ["-a", backupDir, standbyDir], ct).ConfigureAwait(false);
        var conninfo = $"host=127.0.0.1 port={primary.Port} user={PostgresClusterOptions.Superuser} application_name={PostgresClusterOptions.StandbyName}";
        await File.AppendAllTextAsync(Path.Combine(standbyDir, "postgresql.auto.conf"),
            $"primary_conninfo = '{PostgresConfig.Escape(conninfo)}'\n", ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(standbyDir, "standby.signal"), string.Empty, ct).ConfigureAwait(false);
        harness.Account.Own(Path.Combine(standbyDir, "postgresql.auto.conf"));
        harness.Account.Own(Path.Combine(standbyDir, "standby.signal"));

        var standby = new PostgresNode(harness, binaries, "pg-standby", standbyDir, harness.ReservePort());
        await standby.StartAsync(ct).ConfigureAwait(false);
        var cluster = new LocalPostgresCluster(binaries, options, primary, standby, archive, backupDir);
        if (options.Mode == ReplicationMode.Sync)
        {
            foreach (var sql in PostgresConfig.SyncCommands)
            {
                await primary.ScalarAsync(sql, CommandTimeout, ct).ConfigureAwait(false);
            }
        }

        await cluster.WaitForStreamingAsync(ct).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>Waits until the primary sees the standby streaming (and, in sync mode, as its synchronous standby).</summary>
    public async Task WaitForStreamingAsync(CancellationToken ct)
    {
        var wanted = Options.Mode == ReplicationMode.Sync ? "sync" : "async";
        var sql = $"SELECT count(*) FROM pg_stat_replication WHERE application_name = '{PostgresClusterOptions.StandbyName}' " +
                  $"AND state = 'streaming' AND sync_state = '{wanted}'";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await Primary.ScalarAsync(sql, TimeSpan.FromSeconds(5), cts.Token).ConfigureAwait(false) is long n && n > 0)
            {
                return;
            }

            await Task.Delay(20, cts.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the standby's replay position; lag is zero once it has replayed all it received.</summary>
    public async Task<StandbyStatus> GetStandbyStatusAsync(TimeSpan timeout, CancellationToken ct)
    {
        const string sql =
            "SELECT pg_is_in_recovery()::text || '|' || COALESCE((CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 " +
            "ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END)::text, '') || '|' || " +
            "COALESCE(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::text, '0') || '|' || " +
            "pg_is_wal_replay_paused()::text";
        var text = (string?)await Standby.ScalarAsync(
            "SELECT CASE WHEN pg_is_in_recovery() THEN (" + sql + ") ELSE 'false|0|0|false' END", timeout, ct).ConfigureAwait(false) ?? "";
        var parts = text.Split('|');
        var inRecovery = parts[0] == "true";
        TimeSpan? lag = double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(Math.Max(0, s)) : null;
        var bytes = long.TryParse(parts[2].Split('.')[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b) ? b : 0;
        return new StandbyStatus(inRecovery, lag, bytes, parts.Length > 3 && parts[3] == "true");
    }

    public Task PauseReplayAsync(CancellationToken ct) => Standby.ScalarAsync("SELECT pg_wal_replay_pause()", CommandTimeout, ct);

    /// <summary>pg_promote waits until the standby has left recovery, so success means it takes writes.</summary>
    public async Task PromoteStandbyAsync(CancellationToken ct)
    {
        var ok = await Standby.ScalarAsync("SELECT pg_promote(true, 30)", CommandTimeout, ct).ConfigureAwait(false);
        if (ok is not true)
        {
            throw new InvalidOperationException($"pg_promote did not complete on {Standby.Name}.");
        }
    }

    private static async Task RunAsync(ProcessHarness harness, string name, string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var result = await harness.RunAsync(new ProcessSpec(name, file, args, AsServerAccount: true), CommandTimeout, ct).ConfigureAwait(false);
        result.EnsureSuccess(name);
    }
}

/// <summary>The standby's view of replication.</summary>
/// <param name="InRecovery">Still a standby (false once promoted).</param>
/// <param name="ReplayLag">Age of the last replayed transaction when WAL is waiting to be replayed; zero when caught up.</param>
/// <param name="UnreplayedBytes">Received but not yet replayed WAL.</param>
/// <param name="ReplayPaused">pg_wal_replay_pause() is in effect.</param>
public sealed record StandbyStatus(bool InRecovery, TimeSpan? ReplayLag, long UnreplayedBytes, bool ReplayPaused);
