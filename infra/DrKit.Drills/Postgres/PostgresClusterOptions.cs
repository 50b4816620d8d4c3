namespace DrKit.Drills.Postgres;

/// <summary>How the standby confirms commits.</summary>
public enum ReplicationMode
{
    /// <summary>Commits return once local; the standby may trail by the WAL in flight.</summary>
    Async,

    /// <summary>Commits return once the standby has flushed the WAL (synchronous_commit = on).</summary>
    Sync,
}

/// <summary>Settings of a <see cref="LocalPostgresCluster"/>.</summary>
/// <param name="Mode">Asynchronous or synchronous streaming replication.</param>
/// <param name="ArchiveTimeout">Forces a WAL segment switch at least this often, bounding archive RPO.</param>
public sealed record PostgresClusterOptions(ReplicationMode Mode = ReplicationMode.Async, TimeSpan? ArchiveTimeout = null)
{
    public const string StandbyName = "drkit_standby";
    public const string Superuser = "drkit";

    public TimeSpan EffectiveArchiveTimeout => ArchiveTimeout ?? TimeSpan.FromSeconds(1);
}
