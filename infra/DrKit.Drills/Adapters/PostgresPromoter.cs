using DrKit.Drills.Postgres;
using DrKit.Failover;
using Npgsql;

namespace DrKit.Drills.Adapters;

/// <summary>Fences and promotes the local PostgreSQL standby for the failover engine.</summary>
public sealed class PostgresPromoter : IDataPromoter
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMilliseconds(800);
    private readonly LocalPostgresCluster _cluster;

    public PostgresPromoter(LocalPostgresCluster cluster)
    {
        _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
    }

    public string Name => "postgres";

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        var primaryReachable = await PostgresProbe.AnswersAsync(_cluster.Primary.ConnectionString, QueryTimeout, ct).ConfigureAwait(false);
        try
        {
            var standby = await _cluster.GetStandbyStatusAsync(QueryTimeout, ct).ConfigureAwait(false);
            return new ReplicationStatus(primaryReachable, true, standby.InRecovery ? standby.ReplayLag : TimeSpan.Zero, !standby.InRecovery);
        }
        catch (Exception e) when (PostgresProbe.IsConnectionFailure(e, ct))
        {
            return new ReplicationStatus(primaryReachable, false, null, false);
        }
    }

    /// <summary>
    /// A live old primary is shut down (fast shutdown still ships its last WAL to the standby, bounded by the
    /// harness's grace period before SIGKILL); a dead one is already fenced.
    /// </summary>
    public Task FenceAsync(CancellationToken ct) => _cluster.Primary.StopAsync(ct);

    /// <summary>Restarts the old primary (crash recovery from its own WAL) when the standby was never promoted.</summary>
    public async Task UnfenceAsync(CancellationToken ct)
    {
        if (await IsPromotedAsync(ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The standby is already promoted; restarting the old primary would create two primaries.");
        }

        await _cluster.Primary.StartAsync(ct).ConfigureAwait(false);
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        await _cluster.PromoteStandbyAsync(ct).ConfigureAwait(false);
        if (_cluster.Options.Mode == ReplicationMode.Sync
            && await _cluster.Standby.ScalarAsync("SHOW synchronous_standby_names", QueryTimeout * 5, ct).ConfigureAwait(false) is string names
            && names.Length > 0)
        {
            // A promoted server that carries synchronous_standby_names (e.g. from a base backup taken after
            // sync was enabled) has no standby left and would make every commit wait forever; degrading to
            // asynchronous is the documented trade-off.
            await _cluster.Standby.ScalarAsync("ALTER SYSTEM SET synchronous_standby_names = ''", QueryTimeout * 5, ct).ConfigureAwait(false);
            await _cluster.Standby.ScalarAsync("SELECT pg_reload_conf()", QueryTimeout * 5, ct).ConfigureAwait(false);
        }
    }

    public async Task<bool> IsPromotedAsync(CancellationToken ct)
    {
        try
        {
            var status = await _cluster.GetStandbyStatusAsync(QueryTimeout, ct).ConfigureAwait(false);
            return !status.InRecovery;
        }
        catch (Exception e) when (PostgresProbe.IsConnectionFailure(e, ct))
        {
            return false;
        }
    }
}
