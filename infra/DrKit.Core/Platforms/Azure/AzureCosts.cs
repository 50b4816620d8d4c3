using System.Globalization;
using DrKit.Core.Model;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// What an Azure component keeps in its recovery regions, as a share of running it in one region: the same shape
/// as the AWS figures of <c>CostModel</c>, from what the Azure mechanisms keep.
/// </summary>
internal static class AzureCosts
{
    public const string CapacityReservationBilling = "https://learn.microsoft.com/azure/virtual-machines/capacity-reservation-overview#pricing-and-billing";
    public const string BlobPricing = "https://azure.microsoft.com/pricing/details/storage/blobs/";

    public static (double Extra, IReadOnlyList<string> Basis) Extra(ComponentSpec c, AzureSettings settings, int recovery) => settings switch
    {
        AzureGpuSettings g => Gpu(g),
        AzureRedisSettings { GeoReplicationGroup: not null } r => (recovery, [$"+{Text(recovery)}: each geo-replicated instance runs the primary's SKU {r.SkuName} (all members of a group share one configuration, {AzureAssumptions.ManagedRedisGeo})"]),
        AzureRedisSettings => (0, ["+0: one instance; nothing kept in another region"]),
        AzurePostgresSettings { ReplicaServer: not null } p => (
            recovery * ((Ratio(p.ReplicaSkuName, p.SkuName) * 2 / 3) + (1.0 / 3)) + (p.GeoRedundantBackup ? 0.05 : 0),
            [$"+{Text(recovery * ((Ratio(p.ReplicaSkuName, p.SkuName) * 2 / 3) + (1.0 / 3)))}: replica {p.ReplicaSkuName} ({Text(Ratio(p.ReplicaSkuName, p.SkuName))} of {p.SkuName} compute; assumed 2/3 compute, 1/3 storage of a full copy)",
             p.GeoRedundantBackup ? "+0.05: geo-redundant backup storage (assumed)" : "+0: locally redundant backups"]),
        AzurePostgresSettings p => (p.GeoRedundantBackup ? 0.1 : 0.05, [p.GeoRedundantBackup ? "+0.1: geo-redundant backup storage (assumed share)" : "+0.05: locally redundant backups (assumed share)"]),
        AzureBlobSettings b => Blob(b, recovery),
        AzureVectorIndexSettings v => (Blob(v.Store, recovery).Extra * 0.2 + 0.1, ["+0.1: snapshot compute (assumed)", "+0.2 x the store's copies: snapshots are a fifth of the index's cost (assumed)"]),
        AzureRegistrySettings r => (r.ReplicaRegions.Count, [$"+{Text(r.ReplicaRegions.Count)}: each geo-replica is billed like a Premium registry ({AzureAssumptions.RegistryGeoReplication})"]),
        AzureTrafficSettings t => (c.Strategy == Strategy.ActiveActive ? recovery : c.Strategy == Strategy.WarmStandby ? 0.5 * recovery : 0.05,
            [c.Strategy == Strategy.ActiveActive ? $"+{Text(recovery)}: every region serves" : c.Strategy == Strategy.WarmStandby ? $"+{Text(0.5 * recovery)}: {t.RecoveryRunning} instances kept running (assumed half the fleet)" : "+0.05: Traffic Manager queries and probes, an empty group (assumed)"]),
        _ => (0, ["+0: nothing kept elsewhere"]),
    };

    private static (double, IReadOnlyList<string>) Gpu(AzureGpuSettings g)
    {
        var held = g.Allocations.Skip(1).Sum(a => Math.Max(a.Reserved, a.Running));
        var extra = (double)held / Math.Max(1, g.Count);
        return (extra, [g.Reserved
            ? $"+{Text(extra)}: {held} x {g.VmSize} reserved in recovery regions, billed at the pay-as-you-go rate whether VMs run or not ({CapacityReservationBilling})"
            : $"+{Text(extra)}: {held} x {g.VmSize} running in recovery regions; nothing reserved"]);
    }

    private static (double Extra, IReadOnlyList<string> Basis) Blob(AzureBlobSettings b, int recovery) => b.Redundancy switch
    {
        _ when recovery == 0 => (0.1, ["+0.1: versions and soft-deleted data kept (assumed)"]),
        BlobRedundancy.ObjectReplication => (recovery,
            [$"+{Text(recovery)}: a second account per recovery region ({BlobPricing})"]),
        _ => (1.0, [$"+1: {b.AccountReplicationType} stores a second copy in the paired region ({BlobPricing})"]),
    };

    /// <summary>Azure VM-based SKUs name their vCores (<c>GP_Standard_D4ds_v5</c>: 4): a price ratio within one series.</summary>
    internal static double Ratio(string replica, string primary) => Cores(replica) / Cores(primary);

    private static double Cores(string sku)
    {
        var part = sku.Split('_').FirstOrDefault(p => p.Length > 1 && char.IsAsciiLetterUpper(p[0]) && char.IsAsciiDigit(p[1])) ?? string.Empty;
        var digits = new string(part.Skip(1).TakeWhile(char.IsAsciiDigit).ToArray());
        return double.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
    }

    private static string Text(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
