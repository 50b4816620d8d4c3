using System.Text.Json;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// The kubectl calls of a CloudNativePG distributed-topology switchover and failover, as arguments.
/// Switchover: demote the primary by naming the replica cluster in its <c>.spec.replica.primary</c>, read the
/// <c>.status.demotionToken</c> it then publishes, and set <c>primary</c> and <c>promotionToken</c> on the replica
/// cluster together; CNPG waits for the token's LSN before promoting. Failover (the primary cluster does not answer):
/// set <c>primary</c> alone, which CNPG treats as a failover; the old primary must be rebuilt as a replica.
/// https://cloudnative-pg.io/documentation/1.26/replica_cluster/#distributed-topology
/// </summary>
public static class CnpgCalls
{
    public const string Resource = "clusters.postgresql.cnpg.io";

    public static IReadOnlyList<string> Get(KubeTarget target, string cluster) => Kubectl.Args(target, "get", Resource, cluster, "-o", "json");

    public static IReadOnlyList<string> DemotionToken(KubeTarget target, string cluster) =>
        Kubectl.Args(target, "get", Resource, cluster, "-o", "jsonpath={.status.demotionToken}");

    /// <summary>Names <paramref name="primary"/> as the topology's primary in <paramref name="cluster"/>'s spec,
    /// with the promotion token when there is one (both fields in one patch, as CNPG requires).</summary>
    public static IReadOnlyList<string> SetPrimary(KubeTarget target, string cluster, string primary, string? promotionToken)
    {
        var replica = new System.Text.Json.Nodes.JsonObject { ["primary"] = primary };
        if (promotionToken is not null)
        {
            replica["promotionToken"] = promotionToken;
        }

        var patch = new System.Text.Json.Nodes.JsonObject { ["spec"] = new System.Text.Json.Nodes.JsonObject { ["replica"] = replica } }.ToJsonString();
        return Kubectl.Args(target, "patch", Resource, cluster, "--type", "merge", "-p", patch);
    }

    /// <summary>Replay lag of a replica cluster's designated primary, read inside its pod (-1: nothing replayed yet).</summary>
    public static IReadOnlyList<string> ReplayLag(KubeTarget target, string pod) =>
        Kubectl.Args(target, "exec", pod, "-c", "postgres", "--", "psql", "-XAtc",
            "SELECT COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), -1)");

    /// <summary>What <c>kubectl get cluster -o json</c> says about the writer: the current primary pod and whether
    /// its instance manager reports it as a primary (real state, not the spec DrKit declared).</summary>
    public static (string? CurrentPrimary, bool IsPrimary, int ReadyInstances) Status(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("status", out var status))
        {
            return (null, false, 0);
        }

        var current = status.TryGetProperty("currentPrimary", out var cp) ? cp.GetString() : null;
        var ready = status.TryGetProperty("readyInstances", out var ri) && ri.TryGetInt32(out var n) ? n : 0;
        var isPrimary = current is not null
            && status.TryGetProperty("instancesReportedState", out var states)
            && states.TryGetProperty(current, out var state)
            && state.TryGetProperty("isPrimary", out var flag)
            && flag.ValueKind == JsonValueKind.True;
        return (current, isPrimary, ready);
    }
}
