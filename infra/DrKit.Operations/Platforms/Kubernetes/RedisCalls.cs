using System.Globalization;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// kubectl calls that move a Redis writer to the recovery cluster. Fence (primary cluster, bounded): ask its Sentinels
/// which server is the master, pause client writes there with <c>CLIENT PAUSE &lt;ms&gt; WRITE</c> (replication and
/// Sentinel pings go on) and read its <c>master_repl_offset</c>; the recovery replica has lost nothing once its
/// <c>slave_repl_offset</c> reaches it. Promotion (recovery cluster): the first pod of the recovery StatefulSet stops
/// replicating (<c>REPLICAOF NO ONE</c>), then that cluster's Sentinels start and watch it. Without a fence Redis
/// replication is asynchronous, so writes the replica had not received are lost.
/// https://redis.io/docs/latest/operate/oss_and_stack/management/replication/ ,
/// https://redis.io/docs/latest/commands/client-pause/ , https://redis.io/docs/latest/commands/info/
/// </summary>
public static class RedisCalls
{
    public const string SentinelPort = "26379";

    /// <summary>How long the fence pauses writes on the old master: until the stack's next deployment retires it.</summary>
    public static readonly TimeSpan FencePause = TimeSpan.FromHours(24);

    public static string Pod(string component, string region) => Pod(component, region, 0);

    /// <summary>The Redis pod of ordinal <paramref name="ordinal"/> in the region's StatefulSet.</summary>
    public static string Pod(string component, string region, int ordinal) =>
        $"{component}-{region}-redis-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    public static string Sentinels(string component, string region) => $"statefulset/{KubernetesAccess.SentinelStatefulSet(component, region)}";

    /// <summary>The name the Sentinels of <paramref name="region"/> monitor their master under.</summary>
    public static string MasterName(string component, string region) => $"{component}-{region}";

    public static IReadOnlyList<string> Role(KubeTarget target, string pod) => Kubectl.Args(target, "exec", pod, "-c", "redis", "--", "redis-cli", "ROLE");

    public static IReadOnlyList<string> Info(KubeTarget target, string pod) => Kubectl.Args(target, "exec", pod, "-c", "redis", "--", "redis-cli", "INFO", "replication");

    public static IReadOnlyList<string> Promote(KubeTarget target, string pod) => Kubectl.Args(target, "exec", pod, "-c", "redis", "--", "redis-cli", "REPLICAOF", "NO", "ONE");

    public static IReadOnlyList<string> Demote(KubeTarget target, string pod, string host, string port) =>
        Kubectl.Args(target, "exec", pod, "-c", "redis", "--", "redis-cli", "REPLICAOF", host, port);

    public static IReadOnlyList<string> ScaleSentinels(KubeTarget target, string deployment, int replicas) =>
        Kubectl.Args(target, "scale", deployment, $"--replicas={replicas.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The Sentinel pod of ordinal <paramref name="ordinal"/> in the region's StatefulSet.</summary>
    public static string SentinelPod(string component, string region, int ordinal) =>
        $"{component}-{region}-sentinel-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The stable DNS name of the region's Redis pod 0, the pod a promotion makes the master.</summary>
    public static string PodHost(KubeTarget target, string component) =>
        SentinelRedisScripts.PodHost($"{component}-{target.Region}-redis", 0, target.Namespace);

    /// <summary>A <c>redis-cli</c> call on one Sentinel pod.</summary>
    public static IReadOnlyList<string> OnSentinel(KubeTarget target, string pod, params string[] command) =>
        Kubectl.Args(target, ["exec", pod, "-c", "sentinel", "--", "redis-cli", "-p", SentinelPort, .. command]);

    /// <summary>
    /// What a Sentinel started from its volume must forget before it watches a new master: <c>SENTINEL REMOVE</c> drops
    /// the master with every replica and Sentinel it had learned (an earlier epoch's master among them), then
    /// <c>MONITOR</c> and <c>SET</c> give it the promoted pod with the region's settings. Done on each Sentinel, one at
    /// a time, they then rediscover each other through their hello messages
    /// (https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/, "Sentinel API", "Adding or removing Sentinels").
    /// </summary>
    public static IReadOnlyList<string[]> Watch(string master, string host, int quorum) =>
    [
        ["SENTINEL", "REMOVE", master],
        ["SENTINEL", "MONITOR", master, host, SentinelRedisScripts.RedisPort.ToString(CultureInfo.InvariantCulture), quorum.ToString(CultureInfo.InvariantCulture)],
        ["SENTINEL", "SET", master, "down-after-milliseconds", SentinelRedisScripts.DownAfterMilliseconds.ToString(CultureInfo.InvariantCulture),
            "failover-timeout", SentinelRedisScripts.FailoverTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)],
    ];

    /// <summary><c>SENTINEL CKQUORUM</c>: "OK ..." once enough Sentinels know each other to reach the quorum and the
    /// majority a failover needs.</summary>
    public static string[] CkQuorum(string master) => ["SENTINEL", "CKQUORUM", master];

    /// <summary><c>SENTINEL get-master-addr-by-name</c>: host and port on two lines.</summary>
    public static string[] MasterAddressOf(string master) => ["SENTINEL", "get-master-addr-by-name", master];

    /// <summary>Asks a Sentinel of <paramref name="component"/>'s cluster for its master's host and port (two lines).</summary>
    public static IReadOnlyList<string> MasterAddress(KubeTarget target, string component) =>
        Kubectl.Args(target, "exec", Sentinels(component, target.Region), "-c", "sentinel", "--",
            "redis-cli", "-p", SentinelPort, "SENTINEL", "get-master-addr-by-name", MasterName(component, target.Region));

    /// <summary>
    /// A redis-cli call on <paramref name="host"/>, run inside the first Redis pod of the same cluster: not inside a
    /// Sentinel pod, because the fence stops the Sentinels and a rollback or resumed run still has to reach the master.
    /// </summary>
    public static IReadOnlyList<string> OnMaster(KubeTarget target, string component, string host, string port, params string[] command) =>
        OnMaster(target, component, 0, host, port, command);

    /// <summary><see cref="OnMaster(KubeTarget, string, string, string, string[])"/> from the Redis pod of ordinal <paramref name="ordinal"/>.</summary>
    public static IReadOnlyList<string> OnMaster(KubeTarget target, string component, int ordinal, string host, string port, params string[] command) =>
        Kubectl.Args(target, ["exec", Pod(component, target.Region, ordinal), "-c", "redis", "--", "redis-cli", "-h", host, "-p", port, .. command]);

    public static string[] PauseWrites => ["CLIENT", "PAUSE", ((long)FencePause.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), "WRITE"];

    public static string[] Unpause => ["CLIENT", "UNPAUSE"];

    public static string[] ReplicationInfo => ["INFO", "replication"];

    /// <summary>First line of <c>redis-cli ROLE</c>: master, slave or sentinel.</summary>
    public static string? RoleOf(string? output) => output?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    /// <summary>One <c>field:value</c> of <c>INFO</c> output, or null.</summary>
    public static string? Field(string? info, string field) => info?
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(l => l.Split(':', 2))
        .FirstOrDefault(p => p.Length == 2 && p[0] == field)?[1];

    /// <summary>A numeric <c>INFO</c> field, or null.</summary>
    public static long? Number(string? info, string field) =>
        long.TryParse(Field(info, field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
