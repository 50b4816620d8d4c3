using System.Globalization;
using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

public static partial class CostModel
{
    /// <summary>
    /// A component's cost against running it in one region (1.0), from what the plan keeps in each recovery region:
    /// reserved GPUs are billed whether used or not, a Global Datastore secondary has the primary's node type, a replica
    /// costs its instance class, replicated buckets and registries store a second copy. Components with nothing more
    /// specific (Kubernetes workloads) keep the seeds' strategy factor. Returns the factor and what it is made of.
    /// </summary>
    internal static (double Factor, IReadOnlyList<string> Basis) ForComponent(ComponentSpec c, ComponentSettings settings, int regions, double multiplier)
    {
        var recovery = Math.Max(0, regions - 1);
        var basis = new List<string>();
        double extra;
        switch (settings)
        {
            case GpuSettings g:
                var reserved = g.Allocations.Where(a => a.Region != g.Allocations[0].Region).Sum(a => Math.Max(a.Reserved, a.Running));
                extra = (double)reserved / Math.Max(1, g.Count);
                basis.Add(g.Reserved
                    ? $"+{Text(extra)}: {reserved} x {g.InstanceType} reserved in recovery regions, billed at the On-Demand rate whether instances run or not ({Sources.CapacityReservationBilling})"
                    : $"+{Text(extra)}: {reserved} x {g.InstanceType} running in recovery regions; nothing reserved");
                break;
            case RedisSettings { GlobalDatastore: true } r:
                extra = recovery;
                basis.Add($"+{Text(extra)}: each Global Datastore secondary runs the primary's node type {r.NodeType} ({Sources.GlobalDatastoreNodeType})");
                break;
            case RedisSettings:
                extra = 0.05;
                basis.Add("+0.05: daily snapshots (assumed share of the cluster's cost)");
                break;
            case PostgresSettings { CrossRegionReplica: true } p:
                var ratio = ClassRatio(p.ReplicaInstanceClass, p.InstanceClass);
                // Compute follows the replica's class; storage and I/O (assumed a third of the bill) are a full copy.
                extra = recovery * ((ratio * 2 / 3) + (1.0 / 3)) + 0.05;
                basis.Add($"+{Text(extra - 0.05)}: replica {p.ReplicaInstanceClass} ({Text(ratio)} of {p.InstanceClass} compute; assumed 2/3 compute, 1/3 storage of a full copy)");
                basis.Add("+0.05: replicated automated backups (assumed)");
                break;
            case PostgresSettings:
                extra = recovery > 0 ? 0.1 : 0.05;
                basis.Add($"+{Text(extra)}: backups and WAL kept {(recovery > 0 ? "and copied across regions" : "in-region")} (assumed share)");
                break;
            case BucketSettings b:
                extra = b.Replicate ? recovery * (b.ReplicationTimeControl ? 1.1 : 1.0) : 0.1;
                basis.Add(b.Replicate
                    ? $"+{Text(extra)}: a second copy per recovery region{(b.ReplicationTimeControl ? " plus RTC's per-GB charge (assumed 10% of storage)" : string.Empty)} ({Sources.S3Pricing})"
                    : "+0.1: noncurrent versions kept (assumed)");
                break;
            case RegistrySettings rg:
                extra = rg.Replicate ? recovery : 0;
                basis.Add(rg.Replicate ? $"+{Text(extra)}: images stored again in each recovery region" : "+0: one registry");
                break;
            case EndpointSettings e:
                extra = c.Strategy == Strategy.ActiveActive ? recovery : c.Strategy == Strategy.WarmStandby ? 0.5 * recovery : 0.05;
                basis.Add(c.Strategy == Strategy.ActiveActive ? $"+{Text(extra)}: every region serves"
                    : c.Strategy == Strategy.WarmStandby ? $"+{Text(extra)}: {e.RecoveryRunning} instances kept running (assumed half the fleet)"
                    : "+0.05: an empty group and its load balancer (assumed)");
                break;
            case OnlineFeatureStoreSettings f:
                extra = f.GlobalTable ? recovery : 0.1;
                basis.Add(f.GlobalTable ? $"+{Text(extra)}: every replica table is billed for the replicated writes and storage ({Sources.DynamoGlobalTables})" : "+0.1: backups copied (assumed)");
                break;
            case VectorIndexSettings v:
                extra = v.Recovery == VectorRecovery.Replicated ? recovery : 0.2;
                basis.Add(v.Recovery == VectorRecovery.Replicated ? $"+{Text(extra)}: a live index per recovery region" : "+0.2: snapshots or embedding exports replicated (assumed)");
                break;
            case ModelProviderSettings:
                extra = 0;
                basis.Add("+0: hosted providers bill per token; idle fallbacks cost nothing");
                break;
            case Platforms.Azure.AzureSettings azure:
                (extra, var lines) = Platforms.Azure.AzureCosts.Extra(c, azure, recovery);
                basis.AddRange(lines);
                break;
            default:
                var factor = Factor(c.Strategy, regions);
                basis.Add($"{Text(factor)}: the seeds' multiplier for {Names.Of(c.Strategy)} (no per-resource figures for this kind)");
                return (Math.Round(factor * multiplier, 2), Multiplied(basis, multiplier));
        }

        return (Math.Round((1 + extra) * multiplier, 2), Multiplied(basis, multiplier));
    }

    private static IReadOnlyList<string> Multiplied(List<string> basis, double multiplier)
    {
        if (multiplier != 1)
        {
            basis.Add($"x{Text(multiplier)}: a second index embedded with the fallback model");
        }

        return basis;
    }

    /// <summary>RDS/EC2 sizes double from large up: "large" 1, "xlarge" 2, "2xlarge" 4, ... (a price ratio within one family).</summary>
    internal static double ClassRatio(string replica, string primary) => Size(replica) / Size(primary);

    private static double Size(string instanceClass)
    {
        var size = instanceClass[(instanceClass.LastIndexOf('.') + 1)..];
        return size switch
        {
            "micro" => 0.125,
            "small" => 0.25,
            "medium" => 0.5,
            "large" => 1,
            "xlarge" => 2,
            _ when size.EndsWith("xlarge", StringComparison.Ordinal) && int.TryParse(size[..^6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => 2.0 * n,
            _ => 1,
        };
    }

    private static string Text(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
