using DrKit.Operations.Contract;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>What a dry run prints for a self-managed PostgreSQL tier, per step: the exact SSM and S3 calls with their
/// regions, built by the same builders <see cref="SelfManagedPostgresPromoter"/> runs.</summary>
internal static class SelfManagedPostgresPlanText
{
    public static string Readiness(SelfManagedPostgresTier t) =>
        $"{t.Component}: {SsmRunCommand.Describe(t.StandbyHost, t.RecoveryRegion)} (PingStatus Online, else unreachable); " +
        $"{Run(t, t.StandbyHost, t.RecoveryRegion, "status", PostgresHostScripts.Lag)} " +
        "(the standby's received WAL, then the primary's flushed WAL and synchronous_standby_names asked by the standby host over its replication connection, " +
        $"no call to {t.PrimaryRegion}: lag 0 when every flushed byte was received; otherwise, or when the primary does not answer, at most the time since the last replayed commit, " +
        "an upper bound from the standby alone; unreadable = lag unknown, --force may accept it)";

    public static string Fence(SelfManagedPostgresTier t, string bound) =>
        $"{t.Component} (best effort, bounded {bound}, region {t.PrimaryRegion}): {Run(t, t.PrimaryHost, t.PrimaryRegion, "fence", t.Scripts.Fence)} " +
        "(confirmed when the cluster state is shut down; the last checkpoint location is the LSN a switchover waits for); " +
        StackStateRecord.Describe([new(OpsConfig.Fence(t.Component), "true")]);

    public static string Promote(SelfManagedPostgresTier t) =>
        $"{t.Component}: if the fence was confirmed, repeat the status script until the replay LSN reaches the fence checkpoint (switchover, no loss); " +
        $"{Run(t, t.StandbyHost, t.RecoveryRegion, "promote", PostgresHostScripts.Promote)}; the status script again (pg_is_in_recovery() = f); " +
        $"{StackStateRecord.Describe([new(OpsConfig.WriterRegion(t.Component), t.RecoveryRegion)])}; " +
        $"{Run(t, t.StandbyHost, t.RecoveryRegion, "switch-wal", PostgresHostScripts.SwitchWal)} (the shipper archives it to {t.RecoveryArchive})";

    public static string Verify(SelfManagedPostgresTier t) =>
        $"{t.Component}: {Run(t, t.StandbyHost, t.RecoveryRegion, "status", PostgresHostScripts.Status)} (pg_is_in_recovery() = f); " +
        $"{SelfManagedPostgresPromoter.ArchivedCommand(t, "<first segment>")} (the promoted writer's WAL reaches the {t.RecoveryRegion} archive)";

    private static string Run(SelfManagedPostgresTier t, string host, string region, string step, IReadOnlyList<string> script) =>
        SsmRunCommand.Text(host, region, t.Comment(step), script);
}
