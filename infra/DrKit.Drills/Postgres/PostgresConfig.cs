using System.Globalization;
using System.Text;

namespace DrKit.Drills.Postgres;

/// <summary>Generates the postgresql.conf additions shared by the primary and (through the base backup) the standby.</summary>
internal static class PostgresConfig
{
    public static string Primary(PostgresClusterOptions options, string archiveDir)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(options.EffectiveArchiveTimeout.TotalSeconds));
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("# --- DrKit local drill ---");
        sb.AppendLine("listen_addresses = '127.0.0.1'");

        // No Unix socket: /var/run/postgresql may be missing or belong to a system cluster.
        sb.AppendLine("unix_socket_directories = ''");

        // Small and quick to start; a drill's data set is tiny.
        sb.AppendLine("shared_buffers = 16MB");
        sb.AppendLine("max_connections = 40");
        sb.AppendLine("wal_level = replica");
        sb.AppendLine("max_wal_senders = 5");
        sb.AppendLine("wal_keep_size = 64MB");
        sb.AppendLine("hot_standby = on");
        sb.AppendLine("wal_receiver_status_interval = 1s");

        // A dead primary is noticed by the walreceiver quickly instead of after the default 60 s.
        sb.AppendLine("wal_receiver_timeout = 5s");
        sb.AppendLine("wal_retrieve_retry_interval = 200ms");
        sb.AppendLine("archive_mode = on");
        sb.AppendLine(CultureInfo.InvariantCulture, $"archive_command = '{Escape(ArchiveCommand(archiveDir))}'");
        sb.AppendLine(CultureInfo.InvariantCulture, $"archive_timeout = {seconds}s");
        sb.AppendLine("logging_collector = off");
        sb.AppendLine("log_destination = 'stderr'");
        sb.AppendLine("log_line_prefix = '%m [%p] '");
        return sb.ToString();
    }

    /// <summary>
    /// Applied once the standby streams: set earlier, the primary's own setup (CREATE TABLE, the base backup's
    /// checkpoint) would wait for a synchronous standby that does not exist yet.
    /// </summary>
    public static IReadOnlyList<string> SyncCommands =>
    [
        $"ALTER SYSTEM SET synchronous_standby_names = '{PostgresClusterOptions.StandbyName}'",
        "ALTER SYSTEM SET synchronous_commit = on",
        "SELECT pg_reload_conf()",
    ];

    /// <summary>
    /// Copies a completed segment under a temporary name and renames it, so a restore never reads a half
    /// copied file. <c>test -d</c> first: a missing destination must fail with a non-zero exit (PostgreSQL
    /// keeps the segment and retries) rather than create a stray directory.
    /// </summary>
    public static string ArchiveCommand(string archiveDir)
    {
        var dir = Quote(archiveDir);
        return $"test -d {dir} && test ! -f {dir}/%f && cp %p {dir}/%f.part && mv {dir}/%f.part {dir}/%f";
    }

    public static string RestoreCommand(string archiveDir) => $"cp {Quote(archiveDir)}/%f %p";

    public static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static string Quote(string path)
    {
        if (path.IndexOfAny(['"', '$', '`', '\\', '\'', '%']) >= 0)
        {
            throw new ArgumentException($"Path {path} contains characters that cannot be used in an archive command.", nameof(path));
        }

        return "\"" + path + "\"";
    }
}
