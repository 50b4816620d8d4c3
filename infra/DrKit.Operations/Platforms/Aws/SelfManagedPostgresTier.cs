namespace DrKit.Operations.Platforms.Aws;

/// <summary>A self-managed PostgreSQL tier as a failover acts on it: the server host in each region and its layout.</summary>
/// <param name="PrimaryHost">SSM-managed instance id of the old primary's host (only the bounded fence calls it).</param>
/// <param name="StandbyHost">SSM-managed instance id of the streaming standby's host in the recovery region.</param>
/// <param name="RecoveryArchive">The WAL archive bucket in the recovery region, where the promoted writer's shipper writes.</param>
/// <param name="Synchronous">The stack file says replication: sync. Only shown against what the primary's server says: the
/// lag is always read from WAL positions, since the setting can be lowered per session and a named standby need not hold
/// every commit.</param>
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
    /// <summary>The key prefix of an archived segment in <see cref="RecoveryArchive"/> (<c>{segment}</c>, <c>{segment16}</c>).</summary>
    public string WalKeyPrefix { get; init; } = Core.Estimation.Assumptions.SelfManagedWalKeyPrefix;

    /// <summary>The prefix listing <paramref name="segment"/>: S3 filters it, so the call reads one key, not the archive.</summary>
    public string SegmentPrefix(string segment) =>
        WalKeyPrefix.Replace("{segment16}", segment.Length >= 16 ? segment[..16] : segment, StringComparison.Ordinal).Replace("{segment}", segment, StringComparison.Ordinal);

    /// <summary>The Run Command comment, so the host's command history says what ran and why.</summary>
    public string Comment(string step) => $"drkit {step} {Component}";
}
