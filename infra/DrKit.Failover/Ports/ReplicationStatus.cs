namespace DrKit.Failover;

/// <summary>Replication state of one data tier as seen from the recovery side.</summary>
/// <param name="PrimaryReachable">Whether the old primary answers.</param>
/// <param name="ReplicaReachable">Whether the recovery replica answers.</param>
/// <param name="Lag">Replica lag behind the primary; null when it cannot be determined.</param>
/// <param name="ReplicaIsPrimary">Whether the recovery replica already acts as primary.</param>
/// <param name="OldPrimaryRole">
/// Where the tier's service itself reports the old primary's role without asking the old primary (a Redis Global
/// Datastore's member roles, read in the recovery region); null when the tier has no such record. A rollback reads it
/// so a tier that was never fenced is reported as keeping its primary, not as having none.
/// </param>
public sealed record ReplicationStatus(bool PrimaryReachable, bool ReplicaReachable, TimeSpan? Lag, bool ReplicaIsPrimary, string? OldPrimaryRole = null);
