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
/// https://cloudnative-pg.io/docs/1.30/replica_cluster/#distributed-topology
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
        // Always named: null deletes a token left from an earlier switch (a JSON merge patch keeps keys it does not name),
        // which CNPG's webhook would otherwise refuse on the next demotion: "promotionToken is only allowed for primary
        // clusters" (https://cloudnative-pg.io/docs/1.30/replica_cluster/#demoting-a-primary-to-a-replica-cluster).
        var replica = new System.Text.Json.Nodes.JsonObject { ["primary"] = primary, ["promotionToken"] = promotionToken };

        // Printed for operators and passed as one argv entry (no shell, no HTML): base64 tokens stay readable.
        var patch = new System.Text.Json.Nodes.JsonObject { ["spec"] = new System.Text.Json.Nodes.JsonObject { ["replica"] = replica } }.ToJsonString(Relaxed);
        return Kubectl.Args(target, "patch", Resource, cluster, "--type", "merge", "-p", patch);
    }

    /// <summary>Replay lag of a replica cluster's designated primary, read inside its pod (-1: nothing replayed yet).</summary>
    public static IReadOnlyList<string> ReplayLag(KubeTarget target, string pod) =>
        Psql(target, pod, "SELECT COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), -1)");

    /// <summary>
    /// The designated primary's database system identifier, the timeline of its latest restartpoint and whether it has
    /// replayed WAL up to <paramref name="lsn"/>, as one <c>sysid|timeline|t-or-f</c> line (<see cref="ReplayCheck"/>):
    /// a WAL location means something only within the same system and timeline history as the demotion token's.
    /// </summary>
    public static IReadOnlyList<string> ReplayedUpTo(KubeTarget target, string pod, string lsn) =>
        Psql(target, pod, ReplayedUpToSql(RequireLsn(lsn)));

    /// <summary>The query of <see cref="ReplayedUpTo"/>; a dry run shows it with a placeholder location.</summary>
    internal static string ReplayedUpToSql(string lsn) =>
        "SELECT (SELECT system_identifier FROM pg_control_system()) || '|' || (SELECT timeline_id FROM pg_control_checkpoint()) || '|' || " +
        $"(pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn)";

    /// <summary>What <see cref="ReplayedUpTo"/> printed; null when it does not read as its one line.</summary>
    public static ReplayCheck? ParseReplayCheck(string? output)
    {
        var parts = output?.Trim().Split('|');
        return parts is [var system, var timeline, var replayed] && system.Length > 0
            && int.TryParse(timeline, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var tli)
            && replayed is "t" or "f" or "true" or "false"
            ? new ReplayCheck(system, tli, replayed[0] == 't')
            : null;
    }

    /// <summary>Whether an instance is still in recovery ("t") or takes writes ("f"), asked of PostgreSQL itself.</summary>
    public static IReadOnlyList<string> InRecovery(KubeTarget target, string pod) => Psql(target, pod, "SELECT pg_is_in_recovery()");

    /// <summary>
    /// The WAL location a demotion token stands for: CNPG's token is base64 JSON of the shutdown checkpoint's
    /// pg_controldata, and promotion waits until the replica has replayed up to its <c>latestCheckpointREDOLocation</c>.
    /// Null when the token does not read as one.
    /// </summary>
    public static string? TokenLsn(string token) => ReadToken(token)?.Lsn;

    /// <summary>
    /// The facts of a demotion token CNPG itself checks before promoting (its <c>PgControldataTokenContent</c>): the REDO
    /// location, the checkpoint's timeline and the database system identifier. Null when the token does not read as one.
    /// </summary>
    public static DemotionTokenFacts? ReadToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(token.Trim()));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("latestCheckpointREDOLocation", out var lsn) || lsn.GetString() is not { } text || !IsLsn(text))
            {
                return null;
            }

            var timeline = root.TryGetProperty("latestCheckpointTimelineID", out var t)
                && int.TryParse(t.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            var system = root.TryGetProperty("databaseSystemIdentifier", out var s) ? s.GetString() : null;
            return new DemotionTokenFacts(text, timeline, string.IsNullOrEmpty(system) ? null : system);
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
}

/// <summary>A demotion token's WAL location, timeline and database system identifier (null where the token lacks them).</summary>
public sealed record DemotionTokenFacts(string Lsn, int? Timeline, string? SystemIdentifier);

/// <summary>A replica's database system identifier, restartpoint timeline and whether it replayed up to a location.</summary>
public sealed record ReplayCheck(string SystemIdentifier, int Timeline, bool Replayed);
