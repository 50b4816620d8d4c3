namespace DrKit.Failover;

/// <summary>Replication state of one data tier as seen from the recovery side.</summary>
/// <param name="PrimaryReachable">Whether the old primary answers.</param>
/// <param name="ReplicaReachable">Whether the recovery replica answers.</param>
/// <param name="Lag">Replica lag behind the primary; null when it cannot be determined.</param>
/// <param name="ReplicaIsPrimary">Whether the recovery replica already acts as primary.</param>
public sealed record ReplicationStatus(bool PrimaryReachable, bool ReplicaReachable, TimeSpan? Lag, bool ReplicaIsPrimary);
