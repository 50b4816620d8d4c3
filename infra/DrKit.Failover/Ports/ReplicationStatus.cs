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
/// <param name="LagIsTimeSinceReplay">
/// The lag is the time since the replica last replayed a transaction (Azure Flexible Server's Read Replica Lag), which
/// grows on an idle primary and through an outage. Such a figure says nothing when the fence is confirmed, since the
/// tier's planned promotion applies every pending record itself, and is an upper bound on the loss otherwise: the engine
/// judges it only after the fence, and only when the fence is not confirmed.
/// </param>
public sealed record ReplicationStatus(bool PrimaryReachable, bool ReplicaReachable, TimeSpan? Lag, bool ReplicaIsPrimary, string? OldPrimaryRole = null, bool LagIsTimeSinceReplay = false);
