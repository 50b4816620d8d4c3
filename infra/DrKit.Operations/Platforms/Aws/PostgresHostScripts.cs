namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// The shell scripts a self-managed PostgreSQL failover runs on its hosts through SSM Run Command (as root; each
/// PostgreSQL program as the <c>postgres</c> OS user), built in one place for the promoter and the dry run.
/// Functions: https://www.postgresql.org/docs/16/functions-admin.html (pg_promote, pg_is_in_recovery,
/// pg_last_wal_replay_lsn, pg_last_wal_receive_lsn, pg_last_xact_replay_timestamp, pg_switch_wal);
/// pg_stat_wal_receiver and pg_stat_archiver: https://www.postgresql.org/docs/16/monitoring-stats.html;
/// standby.signal: https://www.postgresql.org/docs/16/warm-standby.html#STANDBY-SERVER-OPERATION;
/// pg_controldata: https://www.postgresql.org/docs/16/app-pgcontroldata.html.
/// The server is stopped and started the way the host's packages manage it, never with a bare pg_ctl: on the PGDG
/// Debian layout postgresql.conf lives in /etc/postgresql/&lt;major&gt;/main, so <c>pg_ctl start -D</c> on the data
/// directory cannot start it, and systemd would not know of it (pg_ctlcluster(1):
/// https://manpages.debian.org/postgresql-common/pg_ctlcluster.1.en.html; RHEL: systemctl on postgresql-&lt;major&gt;).
/// PostgreSQL programs run as the postgres OS user through runuser (util-linux, present wherever systemd is, unlike
/// sudo on minimal images) with LC_ALL=C, so pg_controldata prints the English labels <see cref="ControlValue"/> reads.
/// </summary>
/// <param name="BinDirectory">Where pg_controldata lives on the host.</param>
/// <param name="DataDirectory">The cluster's data directory on the host.</param>
/// <param name="StopCommand">Stops the server with a fast (clean) shutdown, run as root.</param>
/// <param name="StartCommand">Starts the server through its service manager, run as root.</param>
public sealed record PostgresHostScripts(string BinDirectory, string DataDirectory, string StopCommand, string StartCommand)
{
    private const string AsPostgres = "runuser -u postgres -- env LC_ALL=C";

    /// <summary>Where the cluster stands: role, replayed and received WAL, the age of the last replayed transaction and of
    /// the last message from the primary while streaming, the WAL end the sender last reported, and the name the primary
    /// knows the standby by (application_name in primary_conninfo, else cluster_name, else walreceiver: the walreceiver's
    /// default, https://www.postgresql.org/docs/16/runtime-config-replication.html#GUC-PRIMARY-CONNINFO). One line,
    /// fields separated by '|', NULL as empty.</summary>
    public static IReadOnlyList<string> Status { get; } =
    [
        $"{AsPostgres} psql -AtX -F '|' -c \"SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn(), pg_last_wal_receive_lsn(), " +
        "extract(epoch FROM now() - pg_last_xact_replay_timestamp()), " +
        "(SELECT extract(epoch FROM now() - last_msg_receipt_time) FROM pg_stat_wal_receiver WHERE status = 'streaming'), " +
        "(SELECT latest_end_lsn FROM pg_stat_wal_receiver), " +
        "coalesce(substring(current_setting('primary_conninfo') from 'application_name=''?([^'' ]+)'), nullif(current_setting('cluster_name'), ''), 'walreceiver')\"",
    ];

    /// <summary>
    /// The status line, then the primary's own WAL position asked by the standby host over the replication connection
    /// the standby streams on: IDENTIFY_SYSTEM's xlogpos is the primary's flush location, and SHOW reads in_hot_standby
    /// and synchronous_standby_names from the server (https://www.postgresql.org/docs/16/protocol-replication.html). The
    /// standby is read first, so the byte difference can only overstate what is missing. No AWS call goes to the
    /// primary's region. Bounds: <c>connect_timeout=5</c> appended to the standby's primary_conninfo (libpq lets an
    /// explicit parameter, the last of a repeated one, win over PGCONNECT_TIMEOUT and over one already in the string,
    /// https://www.postgresql.org/docs/16/libpq-connect.html#LIBPQ-CONNECT-CONNECT-TIMEOUT), and <c>timeout 10</c>
    /// around the whole query, since a primary that accepts the connection and then stalls is bounded by nothing else.
    /// Each SHOW's value follows a tag line (<see cref="HotStandbyTag"/>, <see cref="SyncNamesTag"/>) and stderr is
    /// kept apart, so a server without in_hot_standby (before 14) or a NOTICE cannot shift the values; the first stderr
    /// line is what an unanswered probe reports. A conninfo naming no host, hostaddr or service would reach the standby
    /// itself, so it is not asked. The probe takes one walsender slot of the primary (max_wal_senders).
    /// </summary>
    public static IReadOnlyList<string> Lag { get; } =
    [
        .. Status,
        $"c=$({AsPostgres} psql -AtX -c 'SHOW primary_conninfo')",
        "case \"$c\" in *host=*|*hostaddr=*|*service=*) ;; *) echo 'primary-unreachable|primary_conninfo names no host, hostaddr or service'; exit 0;; esac",
        "e=$(mktemp)",
        $"if p=$(timeout {ProbeSeconds} {AsPostgres} psql \"$c connect_timeout={ConnectSeconds} replication=true\" -AtX -F '|' -c IDENTIFY_SYSTEM " +
        $"-c '\\echo {HotStandbyTag}' -c 'SHOW in_hot_standby' -c '\\echo {SyncNamesTag}' -c 'SHOW synchronous_standby_names' 2>\"$e\"); " +
        "then printf 'primary\\n%s\\n' \"$p\"; " +
        $"else m=$(head -n 1 \"$e\"); printf 'primary-unreachable|%s\\n' \"${{m:-no answer within {ProbeSeconds} s}}\"; fi; rm -f \"$e\"",
    ];

    /// <summary>Bound on the connection to the primary, appended to its conninfo.</summary>
    public const int ConnectSeconds = 5;

    /// <summary>Bound on the whole probe of the primary, connection and queries.</summary>
    public const int ProbeSeconds = 10;

    /// <summary>The line the probe prints before <c>SHOW in_hot_standby</c>'s value.</summary>
    public const string HotStandbyTag = "#in_hot_standby";

    /// <summary>The line the probe prints before <c>SHOW synchronous_standby_names</c>'s value.</summary>
    public const string SyncNamesTag = "#synchronous_standby_names";

    /// <summary>Promotes the standby and waits up to 60 s for it to leave recovery; prints t when it did.</summary>
    public static IReadOnlyList<string> Promote { get; } = [$"{AsPostgres} psql -AtX -c \"SELECT pg_promote(true, 60)\""];

    /// <summary>Closes the promoted writer's first WAL segment so the shipper archives it at once; prints its file name.</summary>
    public static IReadOnlyList<string> SwitchWal { get; } = [$"{AsPostgres} psql -AtX -c \"SELECT pg_walfile_name(pg_switch_wal())\""];

    /// <summary>
    /// The hard fence of the old primary: standby.signal first, so any restart (a supervisor, a reboot) comes back
    /// read-only as a standby; then a fast shutdown, which ends every session and rolls back open transactions and, being
    /// clean, sends the remaining WAL to connected standbys; then the control file, whose state and last checkpoint
    /// location confirm the fence and give the LSN the standby must reach for a zero-loss switchover. Idempotent: a
    /// stopped server makes the stop command fail, which is ignored, and the control file is read either way.
    /// </summary>
    public IReadOnlyList<string> Fence =>
    [
        $"{AsPostgres} touch {DataDirectory}/standby.signal",
        $"{StopCommand} || true",
        $"{AsPostgres} {BinDirectory}/pg_controldata -D {DataDirectory} | grep -E '^(Database cluster state|Latest checkpoint location):'",
    ];

    /// <summary>Rollback of a fence whose standby was never promoted: the server starts again as the writer.</summary>
    public IReadOnlyList<string> Unfence =>
    [
        $"{AsPostgres} rm -f {DataDirectory}/standby.signal",
        StartCommand,
    ];

    /// <summary>What the archiver last shipped and last failed to ship (file names, empty when none).</summary>
    public static IReadOnlyList<string> Archiver { get; } =
        [$"{AsPostgres} psql -AtX -F '|' -c \"SELECT coalesce(last_archived_wal, ''), coalesce(last_failed_wal, '') FROM pg_stat_archiver\""];

    /// <summary>Cluster states in which the old primary takes no writes: stopped, or back as a standby.</summary>
    public static bool IsFencedState(string? state) => state is "shut down" or "shut down in recovery" or "in archive recovery";

    /// <summary>The value of a <c>name: value</c> line as pg_controldata prints it.</summary>
    public static string? ControlValue(string output, string name) => (output ?? string.Empty)
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
        .Select(l => l[(name.Length + 1)..].Trim())
        .FirstOrDefault();
}
