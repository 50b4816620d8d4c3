using System.Diagnostics;
using System.Globalization;
using DrKit.Drills.Hosting;

namespace DrKit.Drills.Redis;

/// <summary>Settings of a <see cref="LocalRedisPair"/>.</summary>
/// <param name="Sentinel">Run three Sentinels (quorum 3) that fail over automatically.</param>
/// <param name="DownAfter">How long the master must be silent before a Sentinel calls it down.</param>
/// <param name="FailoverTimeout">Sentinel failover-timeout; also spaces out retries of a failed failover.</param>
public sealed record RedisPairOptions(bool Sentinel = false, TimeSpan? DownAfter = null, TimeSpan? FailoverTimeout = null)
{
    public const string MasterName = "drkit";
    public const int SentinelCount = 3;

    public TimeSpan EffectiveDownAfter => DownAfter ?? TimeSpan.FromMilliseconds(150);

    public TimeSpan EffectiveFailoverTimeout => FailoverTimeout ?? TimeSpan.FromMilliseconds(1000);
}

/// <summary>A Redis primary, its replica and optionally three Sentinels, on loopback.</summary>
public sealed class LocalRedisPair
{
    private LocalRedisPair(RedisPairOptions options, RedisNode primary, RedisNode replica, SentinelGroup? sentinels)
    {
        Options = options;
        Primary = primary;
        Replica = replica;
        Sentinels = sentinels;
    }

    public RedisPairOptions Options { get; }

    public RedisNode Primary { get; }

    public RedisNode Replica { get; }

    public SentinelGroup? Sentinels { get; }

    public static async Task<LocalRedisPair> StartAsync(ProcessHarness harness, RedisPairOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(options);
        var server = FindExecutable("redis-server");
        var primary = new RedisNode(harness, server, "redis-primary", harness.ReservePort());
        var replica = new RedisNode(harness, server, "redis-replica", harness.ReservePort());
        string[] replication = ["repl-diskless-sync yes", "repl-diskless-sync-delay 0", "repl-ping-replica-period 1"];
        await primary.StartAsync(replication, ct).ConfigureAwait(false);
        await replica.StartAsync([.. replication, $"replicaof 127.0.0.1 {primary.Port.ToString(CultureInfo.InvariantCulture)}"], ct)
            .ConfigureAwait(false);
        await WaitForLinkAsync(replica, ct).ConfigureAwait(false);

        SentinelGroup? sentinels = null;
        if (options.Sentinel)
        {
            sentinels = await SentinelGroup.StartAsync(harness, FindExecutable("redis-sentinel"), options, primary, ct).ConfigureAwait(false);
        }

        return new LocalRedisPair(options, primary, replica, sentinels);
    }

    private static async Task WaitForLinkAsync(RedisNode replica, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var info = await replica.InfoAsync("replication", TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            if (info.TryGetValue("master_link_status", out var link) && link == "up")
            {
                return;
            }

            await Task.Delay(20, ct).ConfigureAwait(false);
        }

        throw new TimeoutException("The Redis replica did not link to its primary within 15 s.");
    }

    internal static string FindExecutable(string name)
    {
        foreach (var dir in new[] { "/usr/bin", "/usr/sbin", "/usr/local/bin" })
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} not found; install it with 'apt-get install -y redis-server redis-sentinel'.");
    }
}
