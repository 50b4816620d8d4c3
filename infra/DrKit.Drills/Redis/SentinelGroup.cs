using System.Diagnostics;
using System.Globalization;
using DrKit.Drills.Hosting;
using System.Net;
using StackExchange.Redis;

namespace DrKit.Drills.Redis;

/// <summary>
/// Three Sentinels watching the drill's primary with quorum 3: every Sentinel must agree the master is down,
/// so a single confused Sentinel can never trigger a failover.
/// </summary>
public sealed class SentinelGroup
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(500);

    private SentinelGroup(IReadOnlyList<RedisNode> nodes)
    {
        Nodes = nodes;
    }

    public IReadOnlyList<RedisNode> Nodes { get; }

    internal static async Task<SentinelGroup> StartAsync(ProcessHarness harness, string executable, RedisPairOptions options,
        RedisNode primary, CancellationToken ct)
    {
        var nodes = new List<RedisNode>();
        var downAfter = ((int)options.EffectiveDownAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var failoverTimeout = ((int)options.EffectiveFailoverTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < RedisPairOptions.SentinelCount; i++)
        {
            var node = new RedisNode(harness, executable, $"sentinel-{i + 1}", harness.ReservePort(), sentinel: true);
            string[] config =
            [
                $"sentinel monitor {RedisPairOptions.MasterName} 127.0.0.1 {primary.Port.ToString(CultureInfo.InvariantCulture)} {RedisPairOptions.SentinelCount}",
                $"sentinel down-after-milliseconds {RedisPairOptions.MasterName} {downAfter}",
                $"sentinel failover-timeout {RedisPairOptions.MasterName} {failoverTimeout}",
                $"sentinel parallel-syncs {RedisPairOptions.MasterName} 1",
            ];
            await node.StartAsync(config, ct).ConfigureAwait(false);
            nodes.Add(node);
        }

        var group = new SentinelGroup(nodes);
        await group.WaitForDiscoveryAsync(ct).ConfigureAwait(false);
        return group;
    }

    /// <summary>The master address as each reachable Sentinel reports it (port only; all run on loopback).</summary>
    public async Task<IReadOnlyList<int>> MasterPortsAsync(CancellationToken ct)
    {
        var ports = new List<int>();
        foreach (var node in Nodes.Where(n => n.IsRunning))
        {
            try
            {
                var master = await node.CallAsync(CallTimeout, c => c.Server.SentinelGetMasterAddressByNameAsync(RedisPairOptions.MasterName), ct)
                    .ConfigureAwait(false);
                if ((master switch { IPEndPoint ip => ip.Port, DnsEndPoint dns => dns.Port, _ => (int?)null }) is { } port)
                {
                    ports.Add(port);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // An unreachable Sentinel simply has no opinion.
            }
        }

        return ports;
    }

    /// <summary>
    /// Waits until a majority of Sentinels name <paramref name="port"/> as the master. The leader switches at
    /// once; the rest only learn through hello messages every 2 s, and clients asking any of the majority
    /// already get the new address.
    /// </summary>
    public async Task WaitForMasterAsync(int port, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var ports = await MasterPortsAsync(ct).ConfigureAwait(false);
            if (ports.Count(p => p == port) > Nodes.Count / 2)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Sentinels did not agree on master port {port} within {timeout.TotalSeconds:0.#} s (they report {string.Join(",", ports)}).");
            }

            await Task.Delay(25, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sentinels find each other through hello messages on the master (every 2 s); a failover needs every
    /// vote, so the drill waits until each knows the other two and the replica.
    /// </summary>
    private async Task WaitForDiscoveryAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var ready = 0;
            foreach (var node in Nodes)
            {
                var fields = (await node.CallAsync(CallTimeout, c => c.Server.SentinelMasterAsync(RedisPairOptions.MasterName), ct).ConfigureAwait(false))
                    .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                if (fields.GetValueOrDefault("num-other-sentinels") == (Nodes.Count - 1).ToString(CultureInfo.InvariantCulture)
                    && fields.GetValueOrDefault("num-slaves") == "1")
                {
                    ready++;
                }
            }

            if (ready == Nodes.Count)
            {
                return;
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }

        throw new TimeoutException("Sentinels did not discover each other and the replica within 30 s.");
    }
}
