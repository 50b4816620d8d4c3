using System.Globalization;
using DrKit.Drills.Redis;
using DrKit.Failover;

namespace DrKit.Drills.Adapters;

/// <summary>
/// Fences and promotes the local Redis replica: REPLICAOF NO ONE, or, with Sentinels, waits for them to
/// elect the replica. Redis cannot report lag once its primary is gone, so the last lag measured while the
/// primary answered is reported, as long as it is recent; older than that it is unknown.
/// </summary>
public sealed class RedisPromoter : IDataPromoter
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LagFreshness = TimeSpan.FromSeconds(5);
    private readonly LocalRedisPair _pair;
    private readonly TimeProvider _time;
    private (TimeSpan Lag, DateTimeOffset At)? _lastLag;
    private bool _fenced;

    public RedisPromoter(LocalRedisPair pair, TimeProvider time)
    {
        _pair = pair ?? throw new ArgumentNullException(nameof(pair));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public string Name => "redis";

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        IReadOnlyDictionary<string, string>? primary = null, replica = null;
        try
        {
            primary = await _pair.Primary.InfoAsync("replication", CallTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisProbe.IsConnectionFailure(e, ct))
        {
            // Unreachable primary: fall back to the last measured lag below.
        }

        try
        {
            replica = await _pair.Replica.InfoAsync("replication", CallTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisProbe.IsConnectionFailure(e, ct))
        {
            return new ReplicationStatus(primary is not null, false, null, false);
        }

        var replicaIsPrimary = replica.GetValueOrDefault("role") == "master";
        if (primary is not null && !replicaIsPrimary)
        {
            _lastLag = (MeasureLag(primary, replica), _time.GetUtcNow());
        }

        // A killed primary sends nothing more: what the replica holds is all it will ever get, so nothing is left to wait for.
        TimeSpan? lag = replicaIsPrimary || (_fenced && primary is null) ? TimeSpan.Zero
            : _lastLag is { } last && _time.GetUtcNow() - last.At <= LagFreshness ? last.Lag : null;
        return new ReplicationStatus(primary is not null, true, lag, replicaIsPrimary);
    }

    /// <summary>With no persistence, a dead primary is fenced by staying dead; a live one is killed.</summary>
    public async Task FenceAsync(CancellationToken ct)
    {
        await _pair.Primary.KillAsync(ct).ConfigureAwait(false);
        _fenced = true;
    }

    /// <summary>
    /// A restarted persistence-less primary would come back empty and its replica would resync to nothing,
    /// so the local pair refuses to unfence rather than wipe the data.
    /// </summary>
    public Task UnfenceAsync(CancellationToken ct)
    {
        return _pair.Primary.IsRunning
            ? Task.CompletedTask
            : throw new InvalidOperationException("The old Redis primary was stopped and has no persistence; restarting it would erase the replica's data.");
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        if (_pair.Sentinels is { } sentinels)
        {
            await sentinels.WaitForMasterAsync(_pair.Replica.Port, TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            return;
        }

        // REPLICAOF NO ONE, awaited for the server's answer. IServer.ReplicaOfAsync documents that a null primary
        // turns replication off (its signature is not annotated nullable). MakePrimaryAsync is not used: it sends
        // the command without waiting for the reply and then reconfigures the whole multiplexer.
        await _pair.Replica.CallAsync(CallTimeout, async c =>
        {
            await c.Server.ReplicaOfAsync(null!).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }

    public async Task<bool> IsPromotedAsync(CancellationToken ct)
    {
        try
        {
            return await _pair.Replica.RoleAsync(CallTimeout, ct).ConfigureAwait(false) == "master";
        }
        catch (Exception e) when (RedisProbe.IsConnectionFailure(e, ct))
        {
            return false;
        }
    }

    /// <summary>Zero when the replica has every byte the primary produced; otherwise the time since it last heard from it.</summary>
    private static TimeSpan MeasureLag(IReadOnlyDictionary<string, string> primary, IReadOnlyDictionary<string, string> replica)
    {
        var produced = Long(primary, "master_repl_offset");
        var received = Long(replica, "slave_repl_offset");
        if (replica.GetValueOrDefault("master_link_status") == "up" && received >= produced)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(Math.Max(1, Long(replica, "master_last_io_seconds_ago")));
    }

    private static long Long(IReadOnlyDictionary<string, string> info, string key) =>
        long.TryParse(info.GetValueOrDefault(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
