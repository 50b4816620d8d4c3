using System.Text.Json;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// The kubectl calls of a CloudNativePG distributed-topology switchover and failover, as arguments.
/// Switchover: demote the primary by naming the replica cluster in its <c>.spec.replica.primary</c>, read the
/// <c>.status.demotionToken</c> it then publishes, and set <c>primary</c> and <c>promotionToken</c> on the replica
/// cluster together; CNPG waits for the token's LSN before promoting. Failover (the primary cluster does not answer):
/// set <c>primary</c> alone, which CNPG treats as a failover; the old primary must be rebuilt as a replica. Failback is
/// the same switchover in the other direction. These are replica-cluster (topology) promotions: <c>kubectl cnpg promote</c>
/// moves the primary between instances inside one cluster and does not apply, and <c>.spec.replica.enabled: false</c>
/// is the standalone replica cluster's irreversible detach, not a switchover.
/// https://cloudnative-pg.io/documentation/1.26/replica_cluster/#distributed-topology
/// </summary>
public static class CnpgCalls
{
    public const string Resource = "clusters.postgresql.cnpg.io";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

        // Printed for operators and passed as one argv entry (no shell, no HTML): base64 tokens stay readable.
        var patch = new System.Text.Json.Nodes.JsonObject { ["spec"] = new System.Text.Json.Nodes.JsonObject { ["replica"] = replica } }.ToJsonString(Relaxed);
        return Kubectl.Args(target, "patch", Resource, cluster, "--type", "merge", "-p", patch);
    }

    /// <summary>Replay lag of a replica cluster's designated primary, read inside its pod (-1: nothing replayed yet).</summary>
    public static IReadOnlyList<string> ReplayLag(KubeTarget target, string pod) =>
        Psql(target, pod, "SELECT COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), -1)");

    /// <summary>Whether the designated primary has replayed WAL up to <paramref name="lsn"/> ("t" or "f"): lag 0 after a demotion.</summary>
    public static IReadOnlyList<string> ReplayedUpTo(KubeTarget target, string pod, string lsn) =>
        Psql(target, pod, ReplayedUpToSql(RequireLsn(lsn)));

    /// <summary>The query of <see cref="ReplayedUpTo"/>; a dry run shows it with a placeholder location.</summary>
    internal static string ReplayedUpToSql(string lsn) => $"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn";

    /// <summary>Whether an instance is still in recovery ("t") or takes writes ("f"), asked of PostgreSQL itself.</summary>
    public static IReadOnlyList<string> InRecovery(KubeTarget target, string pod) => Psql(target, pod, "SELECT pg_is_in_recovery()");

    /// <summary>
    /// The WAL location a demotion token stands for: CNPG's token is base64 JSON of the shutdown checkpoint's
    /// pg_controldata, and promotion waits until the replica has replayed up to its <c>latestCheckpointREDOLocation</c>.
    /// Null when the token does not read as one.
    /// </summary>
    public static string? TokenLsn(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(token.Trim()));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("latestCheckpointREDOLocation", out var lsn)
                && lsn.GetString() is { } text && IsLsn(text) ? text : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A PostgreSQL LSN as pg_controldata prints it (two hex numbers): only such text goes into SQL.</summary>
    public static bool IsLsn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length is > 0 and <= 8 && p.All(Uri.IsHexDigit));
    }

    private static string RequireLsn(string lsn) => IsLsn(lsn) ? lsn : throw new ArgumentException($"'{lsn}' is not a WAL location", nameof(lsn));

    internal static IReadOnlyList<string> Psql(KubeTarget target, string pod, string sql) =>
        Kubectl.Args(target, "exec", pod, "-c", "postgres", "--", "psql", "-XAtc", sql);

    /// <summary>The cluster <c>.spec.replica.primary</c> names: the topology's primary as declared to this cluster.</summary>
    public static string? SpecPrimary(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("spec", out var spec) && spec.TryGetProperty("replica", out var replica)
            && replica.TryGetProperty("primary", out var primary) ? primary.GetString() : null;
    }

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

    /// <summary>
    /// Whether kubectl's error says the API server refused a change (an admission webhook's denial, or an Invalid,
    /// BadRequest, Forbidden or NotFound answer), as opposed to no answer: a refused change was never applied
    /// (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/).
    /// </summary>
    public static bool Rejected(string error) =>
        error.Contains("denied the request", StringComparison.Ordinal)
        || RefusalAnswers.Any(answer => error.Contains($"Error from server ({answer})", StringComparison.Ordinal));

    private static readonly string[] RefusalAnswers = ["Invalid", "BadRequest", "Forbidden", "NotFound"];
}
