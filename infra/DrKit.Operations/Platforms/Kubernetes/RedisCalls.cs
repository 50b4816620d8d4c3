namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// kubectl calls that move a Redis writer to the recovery cluster: the first pod of the recovery StatefulSet stops
/// replicating (<c>REPLICAOF NO ONE</c>), then that cluster's Sentinels start and watch it. Redis replication is
/// asynchronous, so writes the replica had not received are lost.
/// https://redis.io/docs/latest/operate/oss_and_stack/management/replication/
/// </summary>
public static class RedisCalls
{
    public static string Pod(string component, string region) => $"{component}-{region}-redis-0";

    public static string Sentinels(string component, string region) => $"deployment/{component}-{region}-sentinel";

    public static IReadOnlyList<string> Role(KubeTarget target, string pod) => Kubectl.Args(target, "exec", pod, "-c", "redis", "--", "redis-cli", "ROLE");

    public static IReadOnlyList<string> Promote(KubeTarget target, string pod) => Kubectl.Args(target, "exec", pod, "-c", "redis", "--", "redis-cli", "REPLICAOF", "NO", "ONE");

    public static IReadOnlyList<string> Demote(KubeTarget target, string pod, string host, string port) =>
        Kubectl.Args(target, "exec", pod, "-c", "redis", "--", "redis-cli", "REPLICAOF", host, port);

    public static IReadOnlyList<string> ScaleSentinels(KubeTarget target, string deployment, int replicas) =>
        Kubectl.Args(target, "scale", deployment, $"--replicas={replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>First line of <c>redis-cli ROLE</c>: master, slave or sentinel.</summary>
    public static string? RoleOf(string? output) => output?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
