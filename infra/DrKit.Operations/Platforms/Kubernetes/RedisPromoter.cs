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
    private (string Host, string Port)? _master;

    public string Name => component;

    private string Pod => RedisCalls.Pod(component, recovery.Region);

    /// <summary>The lag the last status read found and where it came from.</summary>
    public LagReading? LastLag { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        var info = await kubectl.TryRunAsync(RedisCalls.Info(recovery, Pod), ct).ConfigureAwait(false);
        var paused = _master is not null;
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

    public async Task FenceAsync(CancellationToken ct)
    {
        (_master, _fencedOffset) = (null, null);
        await RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(true), ct).ConfigureAwait(false);
        var address = (await kubectl.TryRunAsync(RedisCalls.MasterAddress(primary, component), ct).ConfigureAwait(false))?
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (address is not { Length: 2 })
        {
            throw new StackCommandFailedException($"the Sentinels of {component} in {primary.Region} (context {primary.Context}) did not name a master");
        }

        var master = (address[0], address[1]);
        if (await kubectl.TryRunAsync(RedisCalls.OnMaster(primary, component, master.Item1, master.Item2, RedisCalls.PauseWrites), ct).ConfigureAwait(false) is null)
        {
            throw new StackCommandFailedException($"{master.Item1} in {primary.Region} did not pause writes");
        }

        _master = master;
        var info = await kubectl.TryRunAsync(RedisCalls.OnMaster(primary, component, master.Item1, master.Item2, RedisCalls.ReplicationInfo), ct).ConfigureAwait(false);
        _fencedOffset = RedisCalls.Number(info, "master_repl_offset")
            ?? throw new StackCommandFailedException($"{master.Item1} in {primary.Region} paused writes but its master_repl_offset could not be read");
    }

    /// <summary>Rollback only (nothing was promoted): writes resume on the old master.</summary>
    public async Task UnfenceAsync(CancellationToken ct)
    {
        if (_master is { } master)
        {
            await kubectl.RunAsync(RedisCalls.OnMaster(primary, component, master.Host, master.Port, RedisCalls.Unpause), ct).ConfigureAwait(false);
        }

        (_master, _fencedOffset) = (null, null);
        await RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(false), ct).ConfigureAwait(false);
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        await RecordAsync(OpsConfig.WriterRegion(component), recovery.Region, ct).ConfigureAwait(false);
        await kubectl.RunAsync(RedisCalls.Promote(recovery, Pod), ct).ConfigureAwait(false);
        await kubectl.RunAsync(RedisCalls.ScaleSentinels(recovery, RedisCalls.Sentinels(component, recovery.Region), sentinels), ct).ConfigureAwait(false);
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
