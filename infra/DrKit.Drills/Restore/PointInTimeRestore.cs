using System.Diagnostics;
using DrKit.Drills.Hosting;
using DrKit.Drills.Postgres;

namespace DrKit.Drills.Restore;

/// <summary>
/// Restores a fresh PostgreSQL instance from the kept base backup plus the WAL archive to a point in time,
/// then checks its rows against the acknowledged-write log.
/// </summary>
public static class PointInTimeRestore
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    public static async Task<RestoreResult> RunAsync(ProcessHarness harness, LocalPostgresCluster cluster, RestorePoint point, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(point);
        var clock = Stopwatch.StartNew();
        var dataDir = Path.Combine(Path.GetDirectoryName(cluster.BaseBackupDirectory)!, "restore-" + Guid.NewGuid().ToString("N")[..6]);
        (await harness.RunAsync(new ProcessSpec("copy base backup", "cp", ["-a", cluster.BaseBackupDirectory, dataDir], AsServerAccount: true),
            TimeSpan.FromSeconds(60), ct).ConfigureAwait(false)).EnsureSuccess("copying the base backup");

        // 'current' pins recovery to the backup's timeline: the archive also holds the promoted standby's
        // newer timeline, which must not be followed past the target.
        var settings =
            $"restore_command = '{PostgresConfig.Escape(PostgresConfig.RestoreCommand(cluster.ArchiveDirectory))}'\n" +
            $"recovery_target_time = '{point.TargetTime}'\n" +
            "recovery_target_timeline = 'current'\n" +
            "recovery_target_action = 'promote'\n";
        await File.AppendAllTextAsync(Path.Combine(dataDir, "postgresql.auto.conf"), settings, ct).ConfigureAwait(false);
        var signal = Path.Combine(dataDir, "recovery.signal");
        await File.WriteAllTextAsync(signal, string.Empty, ct).ConfigureAwait(false);
        harness.Account.Own(signal);

        // The restored copy must neither archive into the drill's archive nor wait for a synchronous standby.
        var node = new PostgresNode(harness, cluster.Binaries, "pg-restore", dataDir, harness.ReservePort(),
            ["archive_mode=off", "synchronous_standby_names="]);
        await node.StartAsync(ct).ConfigureAwait(false);
        await WaitForRecoveryEndAsync(node, ct).ConfigureAwait(false);

        var sql = $"SELECT count(*)::text || '|' || COALESCE(encode(sha256(convert_to(string_agg(seq::text, ',' ORDER BY seq), 'UTF8')), 'hex'), '') " +
                  $"FROM {LocalPostgresCluster.TableName}";
        var text = (string)(await node.ScalarAsync(sql, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false))!;
        var parts = text.Split('|');
        await node.StopAsync(ct).ConfigureAwait(false);
        return new RestoreResult(point.TargetTime, point.TargetAt, point.ExpectedSeqs.Count,
            long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), point.ExpectedChecksum, parts[1],
            clock.Elapsed, cluster.Archive.ArchivedSegmentCount);
    }

    private static async Task WaitForRecoveryEndAsync(PostgresNode node, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < RecoveryTimeout)
        {
            if (!node.IsRunning)
            {
                throw new InvalidOperationException($"The restored instance stopped during recovery. Log tail:\n{node.LogTail()}");
            }

            if (await node.ScalarAsync("SELECT pg_is_in_recovery()", TimeSpan.FromSeconds(5), ct).ConfigureAwait(false) is false)
            {
                return;
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"The restored instance was still recovering after {RecoveryTimeout.TotalSeconds} s. Log tail:\n{node.LogTail()}");
    }
}
