using DrKit.Core.Config;
using DrKit.Core.Model;

namespace DrKit.Core.Platforms.Azure;

internal static partial class AzureReader
{
    private static AzurePostgresOptions ReadPostgres(Fields f, Strategy strategy, IReadOnlyList<string> regions)
    {
        var replication = f.Choice("replication", new Dictionary<string, ReplicationMode> { ["none"] = ReplicationMode.None, ["async"] = ReplicationMode.Async })
            ?? (strategy == Strategy.BackupRestore ? ReplicationMode.None : ReplicationMode.Async);
        var pitr = f.Duration("pitrWindow") ?? TimeSpan.FromDays(AzureAssumptions.BackupRetentionMax);
        if (pitr < TimeSpan.FromDays(AzureAssumptions.BackupRetentionMin) || pitr > TimeSpan.FromDays(AzureAssumptions.BackupRetentionMax))
        {
            f.Problem("pitrWindow", $"Flexible Server keeps backups {AzureAssumptions.BackupRetentionMin} to {AzureAssumptions.BackupRetentionMax} days ({AzureAssumptions.PostgresBackup}); got {Objectives.DurationText.Format(pitr)}");
        }

        var sku = Sku(f, "skuName", AzureDefaults.PostgresSku);
        var replicated = replication == ReplicationMode.Async && regions.Count > 1;
        if (replicated && sku.StartsWith(AzureDefaults.BurstableTier, StringComparison.Ordinal))
        {
            f.Problem("skuName", $"read replicas need the General Purpose or Memory Optimized tier, not Burstable ({AzureAssumptions.PostgresReadReplicas}); expected GP_Standard_<size> or MO_Standard_<size>, got '{sku}'");
        }

        // "Promote to primary server" (the planned switchover, drills and failback) needs the replica's tier and size
        // to equal the primary's: a smaller replica leaves only "promote to independent server", which keeps the
        // writer endpoint on the old primary (Server Symmetry, AzureAssumptions.PostgresPromote).
        var replicaSku = Sku(f, "replicaSkuName", sku);
        if (replicated && replicaSku != sku)
        {
            f.Problem("replicaSkuName", $"a replica promoted to primary server must have the primary's tier and size ({AzureAssumptions.PostgresPromote}, Server Symmetry); expected '{sku}' (the skuName) or no value, got '{replicaSku}'");
        }

        var version = f.String("engineVersion") ?? AzureDefaults.PostgresVersion;
        if (!AzureDefaults.PostgresVersions.Contains(version))
        {
            f.Problem("engineVersion", $"expected a Flexible Server major version ({string.Join(", ", AzureDefaults.PostgresVersions)}), got '{version}'");
        }

        var storage = (int)(f.Number("allocatedStorage", 32, 32768) ?? 128);
        var geoBackup = f.Bool("geoRedundantBackup") ?? regions.Count > 1;
        return new AzurePostgresOptions(replication, pitr, sku, replicaSku, version, storage, geoBackup,
            f.Bool("customerManagedKey") ?? true, f.Duration("expectedLag") ?? AzureAssumptions.ReplicaLag);
    }

    private static string Sku(Fields f, string key, string fallback)
    {
        var sku = f.String(key) ?? fallback;
        if (!AzureDefaults.PostgresSkuTiers.Any(t => sku.StartsWith(t, StringComparison.Ordinal) && sku.Length > t.Length))
        {
            f.Problem(key, $"expected a Flexible Server SKU name ({string.Join(", ", AzureDefaults.PostgresSkuTiers.Select(t => t + "<size>"))}, e.g. {AzureDefaults.PostgresSku}), got '{sku}'");
        }

        return sku;
    }

    private static AzureGpuOptions ReadGpu(Fields f, IReadOnlyList<string> regions)
    {
        var zones = f.StringMap("zones") ?? new Dictionary<string, string>();
        foreach (var (region, zone) in zones)
        {
            if (!regions.Contains(region))
            {
                f.Problem("zones", $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})");
            }
            else if (zone is not ("1" or "2" or "3"))
            {
                f.Problem("zones", $"'{zone}' is no availability zone of {region}; expected 1, 2 or 3");
            }
        }

        var bootTime = f.Duration("bootTime");
        return new AzureGpuOptions(
            f.String("vmSize") ?? AzureDefaults.GpuVmSize,
            (int)(f.Number("count", 1, 1000) ?? 1),
            f.Bool("reserved"),
            zones,
            (int)(f.Number("standbyRunning", 0, 1000) ?? 0),
            bootTime ?? AzureAssumptions.GpuVmBoot,
            f.Duration("modelLoadTime") ?? Estimation.Assumptions.ModelLoad,
            StackSpecReader.ReadDate(f, "reservationEnd"));
    }

    /// <summary>Names the stack's Azure resources take from the stack as a whole, checked once all components are read.</summary>
    public static void CheckStack(Fields top, string service, string stackName, IReadOnlyList<ComponentSpec> components, IReadOnlyList<string> regions)
    {
        if (components.Any(c => c.Options is AzureEndpointOptions) && !AzureLimits.IsDnsLabel(AzureNames.TrafficManager(service, stackName)))
        {
            top.Problem("service", $"with the stack name, names the Traffic Manager profile's DNS name '{AzureNames.TrafficManager(service, stackName)}.trafficmanager.net'; expected {AzureLimits.DnsLabelExpected} ({AzureAssumptions.NameRules})");
        }

        foreach (var c in components.Where(c => c.Options is AzurePostgresOptions))
        {
            // One problem per component: the longest of its servers' names (the region is the only part that varies).
            var server = regions.Select(r => AzureNames.PostgresServer(stackName, service, c.Name, r)).MaxBy(s => s.Length);
            if (server is not null && !AzureLimits.IsPostgresServer(server))
            {
                top.Problem(top.Node("components") ?? new ConfigScalar(c.Name, top.Location), $"components.{c.Name}",
                    $"names the PostgreSQL Flexible Server '{server}' (<service>-<component>-<region>-<hash>, {server.Length} characters); expected {AzureLimits.PostgresServerExpected} ({AzureAssumptions.NameRules}): shorten the component or drkit:service");
            }
        }
    }
}
