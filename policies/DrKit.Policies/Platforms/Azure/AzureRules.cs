using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;

namespace DrKit.Policies.Platforms.Azure;

/// <summary>
/// The AWS plan rules' Azure counterparts, over the decided plan: data encrypted with customer-managed keys, no public
/// network access, a copy outside the primary region for every tier that needs one, and GPU reservations that the
/// plan still counts on.
/// </summary>
internal static class AzureRules
{
    public static readonly PolicyRule CustomerManagedKeys = new(
        "azure-customer-managed-keys", "PostgreSQL Flexible Servers encrypt data with a Key Vault key of their own region, through a user-assigned identity, in every region they run in and, with geo-redundant backup, in the paired region the geo-backups live in",
        Severity.High, PolicyLevel.Mandatory, "keep customerManagedKey: true on the postgres component (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption)", RuleScope.Plan);

    public static readonly PolicyRule PublicNetworkOff = new(
        "azure-public-network-off", "Azure data services (PostgreSQL, Managed Redis, storage accounts, registries) take no traffic from public networks",
        Severity.High, PolicyLevel.Mandatory, "reach the service through private endpoints; leave public network access disabled", RuleScope.Plan);

    public static readonly PolicyRule ReplicationPresent = new(
        "azure-replication-present", "Every critical or production Azure component with data keeps a copy outside the primary region (replica, geo-replication group, replicated account, geo-redundant backup)",
        Severity.High, PolicyLevel.Mandatory, "use pilot-light or warmer, or geoRedundantBackup: true with a paired recovery region", RuleScope.Plan);

    public static readonly PolicyRule ReservationPosture = new(
        "azure-reservation-posture", "Recovery regions reserve the GPU VMs the plan needs (a capacity reservation group per region), and none ends inside the posture window",
        Severity.High, PolicyLevel.Mandatory, "keep reserved: true and count; move reservationEnd past the posture window or plan the reservation's renewal", RuleScope.Plan);

    public static readonly PolicyRule ReplicaSymmetry = new(
        "azure-replica-symmetry", "A Flexible Server read replica has its primary's compute tier and size, so 'promote to primary server' (the switchover that keeps the writer endpoint) is allowed",
        Severity.High, PolicyLevel.Mandatory, "leave replicaSkuName unset or equal to skuName (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote)", RuleScope.Plan);

    public static readonly IReadOnlyList<PolicyRule> All = [CustomerManagedKeys, PublicNetworkOff, ReplicationPresent, ReservationPosture, ReplicaSymmetry];

    public static IEnumerable<Violation> Keys(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            if (c.Settings is not AzurePostgresSettings pg)
            {
                continue;
            }

            // A geo-redundant backup of a customer-key server is encrypted in the paired region with a key of that region
            // (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption), so the pair needs one too.
            var geoBackupRegion = pg.GeoRedundantBackup && pg.Keys.Count > 0 ? pg.GeoRestoreRegion : null;
            var regions = new[] { pg.PrimaryRegion, pg.ReplicaRegion, geoBackupRegion }.OfType<string>().Distinct(StringComparer.Ordinal);
            var missing = regions.Where(r => pg.Keys.All(k => k.Region != r)).ToList();
            if (missing.Count > 0)
            {
                yield return new Violation(c.Name, $"data in {string.Join(", ", missing)} is encrypted with service-managed keys, not a customer-managed Key Vault key", c.Tier);
            }
        }
    }

    public static IEnumerable<Violation> Symmetry(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            if (c.Settings is AzurePostgresSettings { ReplicaServer: not null } pg && pg.ReplicaSkuName != pg.SkuName)
            {
                yield return new Violation(c.Name, $"the replica runs {pg.ReplicaSkuName} and the primary {pg.SkuName}: 'promote to primary server' is refused until they match", c.Tier);
            }
        }
    }

    public static IEnumerable<Violation> PublicNetwork(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            var open = c.Settings switch
            {
                AzurePostgresSettings s => s.PublicNetworkAccess,
                AzureRedisSettings s => s.PublicNetworkAccess,
                AzureBlobSettings s => s.PublicNetworkAccess,
                AzureVectorIndexSettings s => s.Store.PublicNetworkAccess,
                AzureRegistrySettings s => s.PublicNetworkAccess,
                _ => false,
            };
            if (open)
            {
                yield return new Violation(c.Name, "public network access is enabled", c.Tier);
            }
        }
    }

    public static IEnumerable<Violation> Replication(DrPlan plan)
    {
        if (plan.RecoveryRegions.Count == 0)
        {
            yield break;
        }

        foreach (var c in plan.Components.Where(c => c.Tier is Tier.Critical or Tier.Production))
        {
            var kept = c.Settings switch
            {
                AzurePostgresSettings s => s.ReplicaServer is not null || s.GeoRedundantBackup ? null : "no read replica and no geo-redundant backup",
                AzureRedisSettings s => s.GeoReplicationGroup is not null ? null : "no geo-replication group",
                AzureBlobSettings s => Copied(s),
                AzureVectorIndexSettings s => Copied(s.Store),
                AzureRegistrySettings s => s.ReplicaRegions.Count > 0 ? null : "no geo-replica",
                _ => null,
            };
            if (kept is not null)
            {
                yield return new Violation(c.Name, $"{Names.Of(c.Tier)} {Names.Of(c.Kind)} keeps nothing outside {plan.PrimaryRegion}: {kept}", c.Tier);
            }
        }
    }

    private static string? Copied(AzureBlobSettings s) => s.Accounts.Count > 1 || s.Redundancy != BlobRedundancy.ObjectReplication ? null : "one storage account, no object replication";

    public static IEnumerable<Violation> Reservations(DrPlan plan, PolicyContext context)
    {
        var now = context.Time.GetUtcNow();
        var horizon = now + plan.Policy.PostureWindow;
        foreach (var c in plan.Components)
        {
            if (c.Settings is not AzureGpuSettings gpu || c.Strategy == Strategy.BackupRestore)
            {
                continue;
            }

            var problems = new List<string>();
            foreach (var a in gpu.Allocations.Where(a => a.Region != plan.PrimaryRegion))
            {
                if (a.Reserved + a.Running < gpu.Count)
                {
                    problems.Add($"{a.Region} reserves {a.Reserved} and runs {a.Running} of the {gpu.Count} x {gpu.VmSize} the plan needs there");
                }
                else if (a.ReservationEnd is { } end && new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) < horizon)
                {
                    problems.Add($"{a.Region} reservation is counted on until {end:yyyy-MM-dd}, inside the {DurationText.Format(plan.Policy.PostureWindow)} posture window");
                }
            }

            if (problems.Count > 0)
            {
                yield return new Violation(c.Name, string.Join("; ", problems), c.Tier);
            }
        }
    }
}
