using System.Text.Json.Nodes;
using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>Where a CloudNativePG member's newest base backup must be found: the peer's object store, under the writer's
/// current server name, read in the peer's region.</summary>
/// <param name="Region">The region of the store that holds the replicated copy (the peer's).</param>
/// <param name="Prefix">Key prefix of the writer's base backups (<c>path/server-name/base/</c>).</param>
/// <param name="Allowed">Age beyond which the newest backup is late (<see cref="CnpgReadiness.BaseBackupAgeAllowed"/>).</param>
public sealed record CnpgBaseBackupStore(string Component, string Region, string Bucket, string Prefix, TimeSpan Allowed);

/// <summary>
/// The live-readiness verdicts on a CloudNativePG replica topology, read from the cluster and the object store rather
/// than from the stack's config: the replica cluster's phase and conditions, and the writer's base backup in the
/// store the other member would bootstrap or rebuild from. CNPG reports <c>status.phase</c> "Cluster in healthy state"
/// once every instance is up, and publishes <c>Ready</c> and, where the cluster archives WAL, <c>ContinuousArchiving</c>
/// conditions (https://cloudnative-pg.io/docs/1.30/cloudnative-pg.v1/#postgresql-cnpg-io-v1-ClusterStatus,
/// https://cloudnative-pg.io/docs/1.30/replica_cluster/). Barman Cloud keeps each base backup under
/// <c>&lt;destinationPath&gt;/&lt;serverName&gt;/base/&lt;backup id&gt;/</c> with its <c>backup.info</c>
/// (https://cloudnative-pg.io/plugin-barman-cloud/docs/object_stores/).
/// </summary>
public static class CnpgReadiness
{
    /// <summary>The phase CNPG reports when every instance is up and nothing is in progress.</summary>
    public const string HealthyPhase = "Cluster in healthy state";

    /// <summary>Conditions whose <c>False</c> status makes the replica unfit to take over; an absent one does not apply
    /// (a cluster that archives nothing publishes no <c>ContinuousArchiving</c>).</summary>
    public static readonly IReadOnlyList<string> WatchedConditions = ["Ready", "ContinuousArchiving"];

    /// <summary>The file each base backup's folder holds; its newest copy dates the newest backup.</summary>
    public const string BackupInfo = "backup.info";

    /// <summary>What is wrong with <paramref name="cluster"/> as its <c>status</c> reports it; empty: healthy.</summary>
    public static IReadOnlyList<string> Problems(string cluster, JsonNode? status)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (status is null)
        {
            return [$"{cluster} reports no status yet (not reconciled)"];
        }

        var problems = new List<string>();
        var phase = (string?)status["phase"];
        if (phase != HealthyPhase)
        {
            var reason = (string?)status["phaseReason"];
            problems.Add($"{cluster} is in phase '{phase ?? "none"}'{(string.IsNullOrEmpty(reason) ? string.Empty : $" ({reason})")}, not '{HealthyPhase}'");
        }

        foreach (var condition in (status["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = (string?)condition["type"];
            if (type is not null && WatchedConditions.Contains(type) && (string?)condition["status"] == "False")
            {
                problems.Add($"{cluster} condition {type} is False: {(string?)condition["reason"] ?? "no reason"} {(string?)condition["message"] ?? string.Empty}".TrimEnd());
            }
        }

        return problems;
    }

    /// <summary>How old the newest base backup may be: the backup interval plus the allowance for its copy into the
    /// peer's region (the same allowance the backup-age alarms use).</summary>
    public static TimeSpan BaseBackupAgeAllowed(CnpgSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.BackupInterval + Monitoring.AlarmPlanner.BackupCopyAllowance;
    }

    /// <summary>
    /// For every CNPG component with a replica cluster: the writer (the replica member once <c>promote</c> is set, else
    /// the primary member) and, in the other member's store, the prefix of the writer's current incarnation's base
    /// backups. The other member bootstraps from them (the first deployment's second phase), and a rebuild restores
    /// from them, so they must be there before either is attempted.
    /// </summary>
    public static IReadOnlyList<CnpgBaseBackupStore> BaseBackupStores(DrPlan plan, OperationsState operations)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(operations);
        var stores = new List<CnpgBaseBackupStore>();
        foreach (var c in plan.Components)
        {
            if (c.Settings is not CnpgSettings { Replica: { } replica } s)
            {
                continue;
            }

            var writer = operations.Promote.GetValueOrDefault(c.Name) ? replica : s.Primary;
            var peer = writer == replica ? s.Primary : replica;
            var (bucket, path) = ArchiveReplications.Split(peer.DestinationPath);
            stores.Add(new CnpgBaseBackupStore(c.Name, peer.Region, bucket, $"{path}{s.ServerNames(operations, c.Name)[writer.Region]}/base/", BaseBackupAgeAllowed(s)));
        }

        return stores;
    }
}
