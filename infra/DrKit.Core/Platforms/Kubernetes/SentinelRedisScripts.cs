using System.Globalization;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>
/// The start scripts of a region's Redis and Sentinel pods (POSIX sh). A Redis pod decides its role when it
/// starts, not from its pod template: it asks the region's Sentinels for the master, and only when none answers
/// falls back to what the stack declared (pod 0 replicates from the upstream in the role ConfigMap, empty for the
/// writer's region; the other pods from pod 0). Moving the writer therefore changes a ConfigMap, never the pod
/// template, so no rollout restarts the new writer. Each pod announces its stable DNS name, which survives a restart
/// where a pod IP does not. Sentinels keep their config (and with it their learned state) on a volume and take a
/// <c>myid</c> derived from their pod name, so a restarted Sentinel is the same Sentinel and the majority a
/// failover needs does not grow. https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/
/// (IP addresses and DNS names; adding or removing Sentinels)
/// </summary>
public static class SentinelRedisScripts
{
    public const int RedisPort = 6379;
    public const int SentinelPort = 26379;

    /// <summary>Sentinel <c>down-after-milliseconds</c>: how long a master may not answer before it is subjectively down.</summary>
    public const int DownAfterMilliseconds = 5000;

    /// <summary>Sentinel <c>failover-timeout</c>.</summary>
    public const int FailoverTimeoutMilliseconds = 60000;

    /// <summary>How often a starting Redis asks the Sentinels before it falls back to the declared role.</summary>
    public const int SentinelAttempts = 3;

    /// <summary>Key of the role ConfigMap holding "host port" of the upstream, empty for the writer's region.</summary>
    public const string UpstreamKey = "upstream";

    /// <summary>Where the role ConfigMap is mounted in Redis pods.</summary>
    public const string RoleMountPath = "/etc/drkit-redis";

    /// <summary>Where Sentinels keep their config file (a persistent volume).</summary>
    public const string SentinelDataPath = "/data";

    /// <summary>"host port" as <c>REPLICAOF</c> takes it, from host:port; empty text for none.</summary>
    public static string Upstream(string? hostPort) => hostPort is null ? string.Empty : hostPort.Replace(':', ' ');

    /// <summary>Stable DNS name of a StatefulSet pod: <c>pod.service.namespace.svc</c>.</summary>
    public static string PodHost(string statefulSet, int ordinal, string ns) => $"{statefulSet}-{Text(ordinal)}.{statefulSet}.{ns}.svc";

    /// <param name="redis">The Redis StatefulSet (also its headless Service).</param>
    /// <param name="sentinels">The Sentinels' Service, which resolves to the ready Sentinels.</param>
    /// <param name="master">The name the Sentinels monitor the master under.</param>
    /// <param name="upstreamFile">The mounted role ConfigMap key (<see cref="RoleMountPath"/>/<see cref="UpstreamKey"/>).</param>
    public static string Redis(string redis, string ns, string sentinels, string master, string upstreamFile)
    {
        var svc = $"{redis}.{ns}.svc";
        var port = Text(RedisPort);
        return string.Join('\n',
            $"SELF=\"$(hostname).{svc}\"",
            "ADDR=''",
            $"for i in $(seq 1 {Text(SentinelAttempts)}); do",
            $"  ADDR=\"$(timeout 3 redis-cli -h {sentinels}.{ns}.svc -p {Text(SentinelPort)} --raw SENTINEL get-master-addr-by-name {master} 2>/dev/null | head -n 2 | tr '\\n' ' ')\"",
            "  [ -n \"${ADDR%% *}\" ] && break",
            "  sleep 2",
            "done",
            "MHOST=\"${ADDR%% *}\"",
            "if [ -n \"$MHOST\" ]; then",
            "  if [ \"$MHOST\" = \"$SELF\" ] || [ \"$MHOST\" = \"$(hostname -i 2>/dev/null)\" ]; then ROLE=''; else ROLE=\"$ADDR\"; fi",
            "elif [ \"${HOSTNAME##*-}\" = 0 ]; then",
            $"  ROLE=\"$(cat {upstreamFile} 2>/dev/null)\"",
            "else",
            $"  ROLE=\"{PodHost(redis, 0, ns)} {port}\"",
            "fi",
            $"set -- redis-server --appendonly yes --replica-announce-ip \"$SELF\" --replica-announce-port {port}",
            "[ -n \"$(echo $ROLE)\" ] && set -- \"$@\" --replicaof $ROLE",
            "exec \"$@\"");
    }

    /// <summary>A Sentinel's start: write its config once onto its volume (monitoring pod 0 of
    /// <paramref name="redis"/>), with a <c>myid</c> from its pod name; later starts reuse the file Sentinel rewrote.</summary>
    public static string Sentinel(string sentinels, string redis, string ns, string master, int quorum)
    {
        var conf = $"{SentinelDataPath}/sentinel.conf";
        string[] lines =
        [
            $"port {Text(SentinelPort)}",
            $"dir {SentinelDataPath}",
            "sentinel resolve-hostnames yes",
            "sentinel announce-hostnames yes",
            $"sentinel announce-ip $(hostname).{sentinels}.{ns}.svc",
            "sentinel myid $(printf %s \"$(hostname)\" | sha1sum | cut -c1-40)",
            $"sentinel monitor {master} {PodHost(redis, 0, ns)} {Text(RedisPort)} {Text(quorum)}",
            $"sentinel down-after-milliseconds {master} {Text(DownAfterMilliseconds)}",
            $"sentinel failover-timeout {master} {Text(FailoverTimeoutMilliseconds)}",
        ];
        return string.Join('\n',
            $"if [ ! -s {conf} ]; then",
            $"  {{ {string.Join("; ", lines.Select(l => $"echo \"{l}\""))}; }} > {conf}",
            "fi",
            $"exec redis-server {conf} --sentinel");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
