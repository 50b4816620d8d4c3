using System.Globalization;
using DrKit.Core.Platforms.Kubernetes;
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
public sealed partial class RedisPromoter(Kubectl kubectl, StackTarget stack, string component, KubeTarget primary, KubeTarget recovery, SentinelRedisSettings settings, TimeProvider time)
    : IDataPromoter, IWriterCheck
{
    private long? _fencedOffset;
    private string? _fencedReplId;
    private (string Host, string Port)? _master;
    private bool _fenceRefused;
    private bool _sentinelsStopped;
    private int _jump;
    private (string Host, string Port)? _named;

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
            await RequireEvidenceAsync(ct).ConfigureAwait(false);
            LastLag = new LagReading(null, $"not read: {Pod} in {recovery.Region} is already master (promoted by an operation that recorded writerRegion.{component})");
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
    /// Asks the primary cluster's Sentinels for the master, stops them, then pauses client writes on that master and
    /// reads its offset. The Sentinels go first and whenever that cluster answers, so no in-cluster failover hands the
    /// writer to a replica that was never paused. The rules: silence before any answer is an outage (NOT CONFIRMED,
    /// the RPO decides); a refusal (RBAC, admission), or any failure once the cluster has answered (the master could
    /// not be named or paused from any of its Redis pods, a Sentinel scale that failed, a call that then went silent),
    /// is REFUSED: the cluster is up and its Redis may still take writes, so the engine stops and rolls back. The pause
    /// lasts <see cref="RedisCalls.FencePause"/> or until the master restarts; the stopped Sentinels keep a restarted
    /// master from being replaced, and its next deployment retires it.
    /// </summary>
    public async Task FenceAsync(CancellationToken ct)
    {
        (_master, _named, _fencedOffset, _fencedReplId, _fenceRefused, _sentinelsStopped, _jump) = (null, null, null, null, false, false, 0);
        await RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(true), ct).ConfigureAwait(false);
        var asked = await AskAsync(RedisCalls.MasterAddress(primary, component), definiteRefusalStops: true, ct).ConfigureAwait(false);
        var answered = asked.Outcome != KubeOutcome.Silent;
        var address = asked.Outcome == KubeOutcome.Succeeded ? asked.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
        // Sentinels stopped by an earlier fence of this operation cannot answer: that fence recorded the master it paused.
        var master = address is { Length: 2 } ? (address[0], address[1]) : await RecordedMasterAsync(ct).ConfigureAwait(false);
        if (master is not { } m)
        {
            throw answered
                ? (Exception)Refuse($"its Sentinels answered but named no master ({Detail(asked)})")
                : new StackCommandFailedException($"the Sentinels of {component} in {primary.Region} (context {primary.Context}) did not answer: {asked.Error}");
        }

        await RecordAsync(OpsConfig.FencedMaster(component), $"{m.Item1}:{m.Item2}", ct).ConfigureAwait(false);
        _named = m;
        var stop = await AskAsync(RedisCalls.ScaleSentinels(primary, RedisCalls.Sentinels(component, primary.Region), 0), definiteRefusalStops: true, ct).ConfigureAwait(false);
        if (stop.Outcome != KubeOutcome.Succeeded)
        {
            throw answered
                ? (Exception)Refuse($"its Sentinels could not be stopped ({stop.Error})")
                : new StackCommandFailedException($"the Sentinels of {component} in {primary.Region} (context {primary.Context}) were not stopped: {stop.Error}");
        }

        _sentinelsStopped = true;
        var failures = new List<string>();
        for (var ordinal = 0; ordinal <= settings.Replicas; ordinal++)
        {
            // Any Redis pod of the cluster reaches the master: pod 0 may be the one restarting.
            var pause = await AskAsync(RedisCalls.OnMaster(primary, component, ordinal, m.Item1, m.Item2, RedisCalls.PauseWrites), definiteRefusalStops: false, ct).ConfigureAwait(false);
            if (pause.Outcome == KubeOutcome.Succeeded)
            {
                (_master, _jump) = (m, ordinal);
                break;
            }

            failures.Add(Detail(pause));
        }

        if (_master is null)
        {
            throw Refuse($"{m.Item1} could not be paused from any of its {settings.Replicas + 1} Redis pods: {string.Join("; ", failures)}");
        }

        var info = await kubectl.TryRunAsync(RedisCalls.OnMaster(primary, component, _jump, m.Item1, m.Item2, RedisCalls.ReplicationInfo), ct).ConfigureAwait(false);
        // Paused and without Sentinels, the old master takes no writes: only the zero-loss proof is missing.
        _fencedOffset = RedisCalls.Number(info, "master_repl_offset")
            ?? throw new StackCommandFailedException($"{m.Item1} in {primary.Region} paused writes but its master_repl_offset could not be read");
        _fencedReplId = RedisCalls.Field(info, "master_replid");
    }

    /// <summary>A fence call; a definite refusal (RBAC, admission) stops the run at once where <paramref name="definiteRefusalStops"/>.</summary>
    private async Task<(KubeOutcome Outcome, string Output, string Error)> AskAsync(IReadOnlyList<string> arguments, bool definiteRefusalStops, CancellationToken ct)
    {
        var reply = await kubectl.AskAsync(arguments, ct).ConfigureAwait(false);
        return definiteRefusalStops && reply.Outcome == KubeOutcome.Refused ? throw Refuse(reply.Error) : reply;
    }

    private static string Detail((KubeOutcome Outcome, string Output, string Error) reply) =>
        reply.Outcome == KubeOutcome.Silent ? $"no answer: {reply.Error}" : reply.Error;

    /// <summary>The primary cluster answered but the fence did not hold: its Redis may still take writes.</summary>
    private FenceRefusedException Refuse(string why)
    {
        _fenceRefused = true;
        return new FenceRefusedException(
            $"the primary cluster of {component} in {primary.Region} (context {primary.Context}) answered but was not fenced, so its Redis may still take writes: {why}");
    }

    /// <summary>Rollback only (nothing was promoted): writes resume on the old master, then its cluster's Sentinels come back.</summary>
    public async Task UnfenceAsync(CancellationToken ct)
    {
        // Never beside a master in the recovery region: that would be two writers.
        if (RedisCalls.RoleOf(await kubectl.RunAsync(RedisCalls.Role(recovery, Pod), ct).ConfigureAwait(false)) == "master")
        {
            throw new StackCommandFailedException($"{Pod} in {recovery.Region} is a master: the old master in {primary.Region} stays paused and its Sentinels stopped");
        }

        if (_master is { } master)
        {
            await kubectl.RunAsync(RedisCalls.OnMaster(primary, component, _jump, master.Host, master.Port, RedisCalls.Unpause), ct).ConfigureAwait(false);
        }

        if (_sentinelsStopped)
        {
            await kubectl.RunAsync(RedisCalls.ScaleSentinels(primary, RedisCalls.Sentinels(component, primary.Region), settings.Sentinels), ct).ConfigureAwait(false);
            _sentinelsStopped = false;
            if (_named is { } watched)
            {
                // Back from 0 like a promotion's Sentinels: they watch the master they had, with no stale state.
                await WatchAsync(primary, watched.Host, ct).ConfigureAwait(false);
            }
        }

        (_master, _named, _fencedOffset, _fencedReplId, _fenceRefused) = (null, null, null, null, false);
        await RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(false), ct).ConfigureAwait(false);
        // Nothing was promoted: the writer has not moved, whatever a refused promotion recorded first.
        await RecordAsync(OpsConfig.WriterRegion(component), string.Empty, ct).ConfigureAwait(false);
        await RecordAsync(OpsConfig.FencedMaster(component), string.Empty, ct).ConfigureAwait(false);
    }

    private async Task<(string Host, string Port)?> RecordedMasterAsync(CancellationToken ct)
    {
        var recorded = (await stack.Gateway.GetConfigAsync(stack.Stack, ct).ConfigureAwait(false)).GetValueOrDefault(OpsConfig.FencedMaster(component))?.Value;
        var cut = recorded?.LastIndexOf(':') ?? -1;
        return cut > 0 && cut < recorded!.Length - 1 ? (recorded[..cut], recorded[(cut + 1)..]) : null;
    }

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    private Task RecordAsync(string key, string value, CancellationToken ct) =>
        stack.Gateway.SetConfigAsync(stack.Stack, new Dictionary<string, ConfigSetting>(StringComparer.Ordinal) { [key] = ConfigSetting.Plain(value) }, ct);
}
