using System.Globalization;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>Promotion and verification of the Redis writer through the recovery region's Sentinels.</summary>
public sealed partial class RedisPromoter
{
    /// <summary>
    /// Idempotent, so a resumed run finishes what a crash left: records the writer region, stops replication on the
    /// recovery pod 0 (<c>REPLICAOF NO ONE</c> leaves a master as it is), starts the recovery region's Sentinels, makes
    /// each forget what its volume kept from an earlier epoch and watch pod 0 (<see cref="RedisCalls.Watch"/>), and
    /// returns once they reach their quorum and name pod 0: before that, Sentinel-aware clients find no master, and
    /// stale Sentinels could turn the new writer back into a replica.
    /// </summary>
    public async Task PromoteAsync(CancellationToken ct)
    {
        await RecordAsync(OpsConfig.WriterRegion(component), recovery.Region, ct).ConfigureAwait(false);
        try
        {
            await kubectl.RunAsync(RedisCalls.Promote(recovery, Pod), ct).ConfigureAwait(false);
        }
        catch (StackCommandFailedException e) when (Kubectl.Refused(e.Message))
        {
            // Nothing changed: the writer stays where it was, and so must the record the next deployment reads.
            await RecordAsync(OpsConfig.WriterRegion(component), string.Empty, ct).ConfigureAwait(false);
            throw new PromotionRefusedException(e.Message, e);
        }

        await kubectl.RunAsync(RedisCalls.ScaleSentinels(recovery, RedisCalls.Sentinels(component, recovery.Region), settings.Sentinels), ct).ConfigureAwait(false);
        await WatchAsync(recovery, RedisCalls.PodHost(recovery, component), ct).ConfigureAwait(false);
        // Spent: a later fence asks the Sentinels again.
        await RecordAsync(OpsConfig.FencedMaster(component), string.Empty, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Promoted: pod 0 in the recovery region is a master that this or an earlier run of the operation made (it
    /// recorded <c>writerRegion</c> first), and that region's Sentinels name it with their quorum. A master without that
    /// record is refused (<see cref="RequireEvidenceAsync"/>), never taken for a promotion.
    /// </summary>
    public async Task<bool> IsPromotedAsync(CancellationToken ct)
    {
        if (RedisCalls.RoleOf(await kubectl.RunAsync(RedisCalls.Role(recovery, Pod), ct).ConfigureAwait(false)) != "master")
        {
            return false;
        }

        await RequireEvidenceAsync(ct).ConfigureAwait(false);
        return (await SentinelsAsync(recovery, RedisCalls.PodHost(recovery, component), ct).ConfigureAwait(false)).Agree;
    }

    /// <summary>The writer as clients find it: pod 0 reports ROLE master and the region's Sentinels name it, with quorum.</summary>
    public async Task<(bool Writer, string Detail)> ReadWriterAsync(CancellationToken ct)
    {
        var role = RedisCalls.RoleOf(await kubectl.TryRunAsync(RedisCalls.Role(recovery, Pod), ct).ConfigureAwait(false));
        if (role != "master")
        {
            return (false, $"ROLE of {Pod} in {recovery.Region}: {role ?? "no answer"}");
        }

        var sentinels = await SentinelsAsync(recovery, RedisCalls.PodHost(recovery, component), ct).ConfigureAwait(false);
        return (sentinels.Agree, $"ROLE of {Pod} in {recovery.Region}: master; its Sentinels: {sentinels.Detail}");
    }

    /// <summary>
    /// A recovery pod that is already master counts as promoted only where the stack records the recovery region as
    /// the writer: otherwise it is a copy left behind (a manual failback that did not point it back), whose promotion
    /// would lose every write since and leave the old region's writer declared.
    /// </summary>
    private async Task RequireEvidenceAsync(CancellationToken ct)
    {
        var recorded = (await stack.Gateway.GetConfigAsync(stack.Stack, ct).ConfigureAwait(false)).GetValueOrDefault(OpsConfig.WriterRegion(component))?.Value;
        if (recorded != recovery.Region)
        {
            throw new OperationRefusedException(
                $"{Pod} in {recovery.Region} is already a master, but the stack records the writer of {component} in {(string.IsNullOrEmpty(recorded) ? primary.Region : recorded)}: " +
                $"it may hold a stale copy. Point it back at the writer and let it resync: '{Kubectl.CommandLine(RedisCalls.Demote(recovery, Pod, "<writer host>", SentinelRedisScripts.RedisPort.ToString(CultureInfo.InvariantCulture)))}', " +
                $"wait until '{Kubectl.CommandLine(RedisCalls.Info(recovery, Pod))}' shows master_link_status:up, then run again. Nothing was changed");
        }
    }

    /// <summary>Each Sentinel of <paramref name="target"/>'s region forgets its old state and watches <paramref name="host"/>;
    /// then waits until they agree (bounded by the engine's step).</summary>
    private async Task WatchAsync(KubeTarget target, string host, CancellationToken ct)
    {
        var master = RedisCalls.MasterName(component, target.Region);
        for (var ordinal = 0; ordinal < settings.Sentinels; ordinal++)
        {
            var pod = RedisCalls.SentinelPod(component, target.Region, ordinal);
            // A Sentinel pod that is not running yet cannot be reached: wait for it.
            while (await kubectl.TryRunAsync(RedisCalls.OnSentinel(target, pod, "PING"), ct).ConfigureAwait(false) is null)
            {
                await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
            }

            foreach (var command in RedisCalls.Watch(master, host, settings.SentinelQuorum))
            {
                // REMOVE of a master a fresh Sentinel never knew fails harmlessly; MONITOR and SET must succeed.
                var output = await kubectl.TryRunAsync(RedisCalls.OnSentinel(target, pod, command), ct).ConfigureAwait(false);
                if (command[1] != "REMOVE" && output?.Trim() != "OK")
                {
                    throw new StackCommandFailedException($"'{Kubectl.CommandLine(RedisCalls.OnSentinel(target, pod, command))}' answered '{output?.Trim() ?? "nothing"}'");
                }
            }
        }

        while (!(await SentinelsAsync(target, host, ct).ConfigureAwait(false)).Agree)
        {
            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>What the region's Sentinels say: every one names <paramref name="host"/> and the first reaches its quorum.</summary>
    private async Task<(bool Agree, string Detail)> SentinelsAsync(KubeTarget target, string host, CancellationToken ct)
    {
        var master = RedisCalls.MasterName(component, target.Region);
        var first = RedisCalls.SentinelPod(component, target.Region, 0);
        var quorum = (await kubectl.TryRunAsync(RedisCalls.OnSentinel(target, first, RedisCalls.CkQuorum(master)), ct).ConfigureAwait(false))?.Trim();
        if (quorum is null || !quorum.StartsWith("OK", StringComparison.Ordinal))
        {
            return (false, $"CKQUORUM {master} on {first}: {quorum ?? "no answer"}");
        }

        for (var ordinal = 0; ordinal < settings.Sentinels; ordinal++)
        {
            var pod = RedisCalls.SentinelPod(component, target.Region, ordinal);
            var named = RedisCalls.RoleOf(await kubectl.TryRunAsync(RedisCalls.OnSentinel(target, pod, RedisCalls.MasterAddressOf(master)), ct).ConfigureAwait(false));
            if (named != host)
            {
                return (false, $"{pod} names {named ?? "no master"}, not {host}");
            }
        }

        return (true, $"all {settings.Sentinels} name {host}; {quorum}");
    }

    /// <summary>Between polls of the Sentinels.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
