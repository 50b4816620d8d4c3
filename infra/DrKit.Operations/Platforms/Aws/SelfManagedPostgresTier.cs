namespace DrKit.Operations.Platforms.Aws;

/// <summary>A self-managed PostgreSQL tier as a failover acts on it: the server host in each region and its layout.</summary>
/// <param name="PrimaryHost">SSM-managed instance id of the old primary's host (only the bounded fence calls it).</param>
/// <param name="StandbyHost">SSM-managed instance id of the streaming standby's host in the recovery region.</param>
/// <param name="RecoveryArchive">The WAL archive bucket in the recovery region, where the promoted writer's shipper writes.</param>
/// <param name="Synchronous">The standby is the synchronous one (replication: sync): a commit waits until it holds it.</param>
public sealed record SelfManagedPostgresTier(
    string Component,
    string PrimaryRegion,
    string RecoveryRegion,
    string PrimaryHost,
    string StandbyHost,
    PostgresHostScripts Scripts,
    string RecoveryArchive,
    bool Synchronous)
{
    /// <summary>The Run Command comment, so the host's command history says what ran and why.</summary>
    public string Comment(string step) => $"drkit {step} {Component}";
}
