using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// Moves a Sentinel-managed Redis writer to the recovery cluster with kubectl (<see cref="RedisCalls"/>). The fence is
/// the only call to the primary cluster, bounded by the engine: it pauses client writes on the master its Sentinels
/// name and reads the master's replication offset, so the switchover waits until the recovery replica has that offset
/// (lag 0). Status, lag (<c>INFO replication</c> of the recovery pod), promotion and verification (<c>ROLE</c>) read
/// the recovery cluster only. The stack records the fence and the writer region; its next deployment retires the old
/// region's Redis, which the pause (<see cref="RedisCalls.FencePause"/>) holds until then.
/// </summary>
public sealed class RedisPromoter(Kubectl kubectl, StackTarget stack, string component, KubeTarget primary, KubeTarget recovery, int sentinels)
    : IDataPromoter, IWriterCheck
{
    private long? _fencedOffset;
    private string? _fencedReplId;
    private (string Host, string Port)? _master;
    private bool _fenceRefused;
    private bool _sentinelsStopped;

    public string Name => component;

    private string Pod => RedisCalls.Pod(component, recovery.Region);

    /// <summary>The lag the last status read found and where it came from.</summary>
    public LagReading? LastLag { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        var info = await kubectl.TryRunAsync(RedisCalls.Info(recovery, Pod), ct).ConfigureAwait(false);
        // Reachable: the old master paused, or its cluster answered the fence with a refusal (it is up).
        var paused = _master is not null || _fenceRefused;
        if (info is null)
        {
            LastLag = new LagReading(null, $"{Pod} in {recovery.Region} did not answer");
            return new ReplicationStatus(paused, false, null, false);
        }

        if (RedisCalls.Field(info, "role") == "master")
        {
            LastLag = new LagReading(null, $"not read: {Pod} in {recovery.Region} is already master");
            return new ReplicationStatus(paused, true, null, true);
        }

        var offset = RedisCalls.Number(info, "slave_repl_offset");
        if (_fencedOffset is not null && _fencedReplId is { } replId && RedisCalls.Field(info, "master_replid") is { } followed && followed != replId)
        {
            // Offsets count bytes of one replication stream: compared across two streams they say nothing.
            LastLag = new LagReading(null, $"{Pod} follows replication stream {followed}, not the paused master's {replId}: its offset cannot be compared");
            return new ReplicationStatus(paused, true, null, false);
        }

        if (_fencedOffset is { } fenced)
        {
            // Writes are paused on the old master: the replica has everything once it holds the master's last offset.
            var caughtUp = offset >= fenced;
            LastLag = new LagReading(caughtUp ? TimeSpan.Zero : null, $"slave_repl_offset {Text(offset)} of {Pod} against the paused master's {Text(fenced)}");
            return new ReplicationStatus(paused, true, caughtUp ? TimeSpan.Zero : null, false);
        }

        // Link up: the master streams every write and pings each period, so the last interaction bounds what is in flight.
        // Link down: every write since it dropped is missing.
        var (seconds, source) = RedisCalls.Field(info, "master_link_status") == "up"
            ? (RedisCalls.Number(info, "master_last_io_seconds_ago"), "master_last_io_seconds_ago (link up)")
            : (RedisCalls.Number(info, "master_link_down_since_seconds"), "master_link_down_since_seconds (link down)");
        var lag = seconds is >= 0 ? TimeSpan.FromSeconds(seconds.Value) : (TimeSpan?)null;
        LastLag = new LagReading(lag, $"INFO replication of {Pod} ({recovery.Region}): {source}");
        return new ReplicationStatus(paused, true, lag, false);
    }

    /// <summary>
    /// Pauses client writes on the master the primary cluster's Sentinels name, reads its offset, then stops those
    /// Sentinels so that no in-cluster failover hands the writer to a replica that was never paused. A refusal from
    /// that cluster's API server (RBAC, admission) is an answer: it is up and still writes, so the engine stops.
    /// The pause lasts <see cref="RedisCalls.FencePause"/> or until the master restarts; the stopped Sentinels keep a
    /// restarted master from being replaced, and its next deployment retires it.
    /// </summary>
    public async Task FenceAsync(CancellationToken ct)
    {
        (_master, _fencedOffset, _fencedReplId, _fenceRefused, _sentinelsStopped) = (null, null, null, false, false);
        await RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(true), ct).ConfigureAwait(false);
        var address = (await ReachAsync(RedisCalls.MasterAddress(primary, component), ct).ConfigureAwait(false))?
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Sentinels stopped by an earlier fence of this operation cannot answer: that fence recorded the master it paused.
        var master = address is { Length: 2 } ? (address[0], address[1])
            : await RecordedMasterAsync(ct).ConfigureAwait(false)
              ?? throw new StackCommandFailedException($"the Sentinels of {component} in {primary.Region} (context {primary.Context}) did not name a master");
        await RecordAsync(OpsConfig.FencedMaster(component), $"{master.Item1}:{master.Item2}", ct).ConfigureAwait(false);
        if (await ReachAsync(RedisCalls.OnMaster(primary, component, master.Item1, master.Item2, RedisCalls.PauseWrites), ct).ConfigureAwait(false) is null)
        {
            throw new StackCommandFailedException($"{master.Item1} in {primary.Region} did not pause writes");
        }

        _master = master;
        var info = await kubectl.TryRunAsync(RedisCalls.OnMaster(primary, component, master.Item1, master.Item2, RedisCalls.ReplicationInfo), ct).ConfigureAwait(false);
        _fencedOffset = RedisCalls.Number(info, "master_repl_offset")
            ?? throw new StackCommandFailedException($"{master.Item1} in {primary.Region} paused writes but its master_repl_offset could not be read");
        _fencedReplId = RedisCalls.Field(info, "master_replid");
        if (await ReachAsync(RedisCalls.ScaleSentinels(primary, RedisCalls.Sentinels(component, primary.Region), 0), ct).ConfigureAwait(false) is null)
        {
            throw new StackCommandFailedException(
                $"{master.Item1} in {primary.Region} paused writes, but its Sentinels were not stopped: a restart of the master could hand writes to an unpaused replica");
        }

        _sentinelsStopped = true;
    }

    /// <summary>Rollback only (nothing was promoted): writes resume on the old master, then its cluster's Sentinels come back.</summary>
    public async Task UnfenceAsync(CancellationToken ct)
    {
        if (_master is { } master)
        {
            await kubectl.RunAsync(RedisCalls.OnMaster(primary, component, master.Host, master.Port, RedisCalls.Unpause), ct).ConfigureAwait(false);
        }

        if (_sentinelsStopped)
        {
            await kubectl.RunAsync(RedisCalls.ScaleSentinels(primary, RedisCalls.Sentinels(component, primary.Region), sentinels), ct).ConfigureAwait(false);
            _sentinelsStopped = false;
        }

        (_master, _fencedOffset, _fencedReplId, _fenceRefused) = (null, null, null, false);
        await RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(false), ct).ConfigureAwait(false);
        await RecordAsync(OpsConfig.FencedMaster(component), string.Empty, ct).ConfigureAwait(false);
    }

    private async Task<(string Host, string Port)?> RecordedMasterAsync(CancellationToken ct)
    {
        var recorded = (await stack.Gateway.GetConfigAsync(stack.Stack, ct).ConfigureAwait(false)).GetValueOrDefault(OpsConfig.FencedMaster(component))?.Value;
        var cut = recorded?.LastIndexOf(':') ?? -1;
        return cut > 0 && cut < recorded!.Length - 1 ? (recorded[..cut], recorded[(cut + 1)..]) : null;
    }

    /// <summary>A fence call: null when the primary cluster did not answer; its refusal becomes <see cref="FenceRefusedException"/>.</summary>
    private async Task<string?> ReachAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        try
        {
            return await kubectl.ReachAsync(arguments, ct).ConfigureAwait(false);
        }
        catch (KubeRefusedException e)
        {
            _fenceRefused = true;
            throw new FenceRefusedException($"the primary cluster of {component} in {primary.Region} (context {primary.Context}) refused the fence and its Redis still takes writes: {e.Message}", e);
        }
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        await RecordAsync(OpsConfig.WriterRegion(component), recovery.Region, ct).ConfigureAwait(false);
        await kubectl.RunAsync(RedisCalls.Promote(recovery, Pod), ct).ConfigureAwait(false);
        await kubectl.RunAsync(RedisCalls.ScaleSentinels(recovery, RedisCalls.Sentinels(component, recovery.Region), sentinels), ct).ConfigureAwait(false);
        // Spent: a later fence asks the Sentinels again.
        await RecordAsync(OpsConfig.FencedMaster(component), string.Empty, ct).ConfigureAwait(false);
    }

    public async Task<bool> IsPromotedAsync(CancellationToken ct) =>
        RedisCalls.RoleOf(await kubectl.RunAsync(RedisCalls.Role(recovery, Pod), ct).ConfigureAwait(false)) == "master";

    public async Task<(bool Writer, string Detail)> ReadWriterAsync(CancellationToken ct)
    {
        var role = RedisCalls.RoleOf(await kubectl.TryRunAsync(RedisCalls.Role(recovery, Pod), ct).ConfigureAwait(false));
        return (role == "master", $"ROLE of {Pod} in {recovery.Region}: {role ?? "no answer"}");
    }

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    private Task RecordAsync(string key, string value, CancellationToken ct) =>
        stack.Gateway.SetConfigAsync(stack.Stack, new Dictionary<string, ConfigSetting>(StringComparer.Ordinal) { [key] = ConfigSetting.Plain(value) }, ct);
}
