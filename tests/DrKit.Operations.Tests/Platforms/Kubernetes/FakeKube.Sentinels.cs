using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary>
/// Each Sentinel pod of both clusters: the master it watches is what its volume kept (it survives a scale to 0 and
/// back), changed only by SENTINEL REMOVE and MONITOR. CKQUORUM is OK once at least the quorum of running Sentinels
/// watch the same master as the one asked; a pod that is not running cannot be reached.
/// </summary>
internal sealed partial class FakeKube
{
    public const string RecoveryRedisHost = "session-cache-us-west-2-redis-0.session-cache-us-west-2-redis.rag-assistant.svc";

    private const int SentinelCount = 5;

    private readonly Dictionary<string, string?[]> _watching = new(StringComparer.Ordinal)
    {
        [PrimaryContext] = [.. Enumerable.Repeat<string?>(RedisMaster, SentinelCount)],
        [RecoveryContext] = [.. Enumerable.Repeat<string?>(RecoveryRedisHost, SentinelCount)],
    };

    /// <summary>What each recovery Sentinel's volume says it watches (pod 0 until a test leaves an earlier epoch's master there).</summary>
    public string?[] RecoveryWatching => _watching[RecoveryContext];

    /// <summary>The master each running Sentinel of the recovery cluster names.</summary>
    public IEnumerable<string?> RecoveryNamed => RecoveryWatching.Take(RecoverySentinels);

    private CloudCommandResult SentinelPod(string context, string pod, string[] command)
    {
        var region = context == PrimaryContext ? "us-east-1" : "us-west-2";
        var prefix = $"session-cache-{region}-sentinel-";
        Assert.That(pod, Does.StartWith(prefix), "Sentinel pods are asked in their own cluster");
        var ordinal = int.Parse(pod[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
        var running = context == PrimaryContext ? PrimarySentinels : RecoverySentinels;
        if (ordinal >= running)
        {
            return new CloudCommandResult(1, string.Empty, $"Error from server (NotFound): pods \"{pod}\" not found");
        }

        var watching = _watching[context];
        var master = $"session-cache-{region}";
        switch (command)
        {
            case ["PING"]:
                return Ok("PONG\n");
            case ["SENTINEL", "REMOVE", var name] when name == master:
                var known = watching[ordinal] is not null;
                watching[ordinal] = null;
                return known ? Ok("OK\n") : Ok("ERR No such master with that name\n");
            case ["SENTINEL", "MONITOR", var name, var host, "6379", "3"] when name == master:
                watching[ordinal] = host;
                return Ok("OK\n");
            case ["SENTINEL", "SET", var name, "down-after-milliseconds", "5000", "failover-timeout", "60000"] when name == master:
                return watching[ordinal] is null ? Ok("ERR No such master with that name\n") : Ok("OK\n");
            case ["SENTINEL", "CKQUORUM", var name] when name == master:
                var agreeing = watching.Take(running).Count(w => w is not null && w == watching[ordinal]);
                return Ok(agreeing >= 3 && agreeing > running / 2
                    ? $"OK {agreeing} usable Sentinels. Quorum and failover authorization can be reached\n"
                    : $"NOQUORUM {agreeing} usable Sentinels. Not enough available Sentinels to reach the specified quorum for this master\n");
            case ["SENTINEL", "get-master-addr-by-name", var name] when name == master:
                return Ok(watching[ordinal] is { } h ? $"{h}\n6379\n" : string.Empty);
            default:
                return new CloudCommandResult(1, string.Empty, $"unexpected Sentinel call {string.Join(' ', command)}");
        }
    }
}
