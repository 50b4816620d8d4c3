namespace DrKit.Failover;

/// <summary>
/// How a planned switchover learns that the recovery replica holds every write the fenced primary took, for tiers
/// where the replica lag a service publishes cannot say it. RDS PostgreSQL's <c>ReplicaLag</c> is the time since the
/// last replayed commit (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PostgreSQL.Replication.ReadReplicas.Monitor.html),
/// which grows by one second per second on a fenced, idle primary and so never reads 0. A tier with this port is
/// judged on WAL positions instead; a tier without it waits for lag 0.
/// </summary>
public interface ISwitchoverCatchUp
{
    /// <summary>Reads where the replica stands against the primary's end of WAL as reported after <paramref name="fencedAt"/>.</summary>
    Task<CatchUpStatus> ReadAsync(DateTimeOffset fencedAt, CancellationToken ct);
}

/// <summary>Whether the replica has replayed everything the fenced primary wrote, and the figures that say so.</summary>
public sealed record CatchUpStatus(bool CaughtUp, string Detail);
