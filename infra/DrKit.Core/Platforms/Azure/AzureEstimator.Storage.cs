using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

internal static partial class AzureEstimator
{
    /// <summary>
    /// Blob storage. Object replication by default: it copies between accounts in any two regions, and the recovery
    /// account is readable before any failover but refuses writes to its replicated containers (409 Conflict) while the
    /// replication policy exists, so a failover removes the policy on the recovery account, a call to the recovery
    /// region only; it needs versioning on both accounts and the change feed on the source
    /// (https://learn.microsoft.com/azure/storage/blobs/object-replication-overview, "Replication rules"). GZRS/RA-GZRS only when
    /// asked and the recovery region is the pair (the reader checks it): the copy is Azure's, but it becomes writable only
    /// after an account failover.
    /// </summary>
    private static AzureBlobSettings BlobSettings(string purpose, string component, AzureBlobOptions o, EstimateContext ctx)
    {
        var redundancy = ctx.SingleRegion ? BlobRedundancy.ObjectReplication : o.Redundancy ?? BlobRedundancy.ObjectReplication;
        var replicated = !ctx.SingleRegion && redundancy == BlobRedundancy.ObjectReplication;
        var members = replicated ? ctx.Stack.Regions().ToList() : [ctx.Primary];
        return new AzureBlobSettings(
            purpose,
            purpose,
            members.ToDictionary(r => r, r => AzureNames.StorageAccount(ctx.Stack.StackName, ctx.Stack.Service, component, r), StringComparer.Ordinal),
            redundancy,
            ReplicationType(ctx.SingleRegion || replicated ? "ZRS" : redundancy == BlobRedundancy.Gzrs ? "GZRS" : "RAGZRS", members),
            Versioning: true,
            ChangeFeed: replicated,
            o.SoftDeleteDays,
            o.ImmutabilityDays)
        {
            ResourceGroups = ResourceGroups(ctx),
        };
    }

    /// <summary>The accounts' redundancy SKU: the zone-redundant <paramref name="zoned"/> where every account's region has
    /// availability zones, its locally redundant counterpart (LRS, GRS, RA-GRS) otherwise, since a ZRS/GZRS account cannot
    /// be created in a region without zones (https://learn.microsoft.com/azure/storage/common/storage-redundancy).</summary>
    internal static string ReplicationType(string zoned, IEnumerable<string> regions) =>
        regions.All(AzureRegions.HasZones) ? zoned : zoned switch { "GZRS" => "GRS", "RAGZRS" => "RAGRS", _ => "LRS" };

    /// <summary>How late an object reaches the recovery region, and why.</summary>
    private static (Figure Figure, string Why) Copy(AzureBlobSettings s) => s.Redundancy switch
    {
        BlobRedundancy.ObjectReplication => (Figure.Unbounded(AzureAssumptions.ObjectReplicationTypical, TermBasis.Assumed, "DrKit assumption (" + AzureAssumptions.ObjectReplication + ")",
            "object replication has no SLA without priority replication"), "object replication (no SLA)"),
        _ => (Figure.Unbounded(AzureAssumptions.GeoRedundantStorageRpo, TermBasis.Sourced, AzureAssumptions.StorageRedundancy,
            "geo-redundant storage typically trails by under 15 minutes, with no SLA"), "geo-redundant storage into the paired region"),
    };

    private static Draft Blob(ComponentSpec c, AzureBlobOptions o, EstimateContext ctx)
    {
        var purpose = c.Kind == ComponentKind.ModelArtifacts ? "model-artifacts" : "feature-store-offline";
        var settings = BlobSettings(purpose, c.Name, o, ctx);
        var (rpo, rto, caveats, mechanism) = BlobEstimate(c, settings, ctx);
        return new Draft(mechanism, Estimates.Of(rpo, rto, caveats), settings, BlobRegions(settings, ctx));
    }

    private static (Derivation Rpo, Derivation Rto, List<string> Caveats, string Mechanism) BlobEstimate(ComponentSpec c, AzureBlobSettings s, EstimateContext ctx)
    {
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        var rpo = new Derivation("RPO");
        var caveats = new List<string>();
        if (s.Accounts.Keys.Where(r => !AzureRegions.HasZones(r)).ToList() is { Count: > 0 } zoneless)
        {
            caveats.Add($"{string.Join(", ", zoneless)} {(zoneless.Count == 1 ? "has" : "have")} no availability zones, so the accounts are {s.AccountReplicationType} instead of zone-redundant: all copies of a region sit in one datacenter, and losing it loses that region's copy ({AzureAssumptions.StorageRedundancy})");
        }

        string mechanism;
        if (ctx.SingleRegion)
        {
            mechanism = "zone-redundant account with versioning and soft delete";
            rpo.Add("versions", Figure.Configured(TimeSpan.Zero, "versioning (always on)"), "every overwrite and delete keeps the previous version");
            rto.Add("restore", Figure.Assumed(TimeSpan.Zero, TimeSpan.FromMinutes(5)), "restore previous versions in place");
            return (rpo, rto, caveats, mechanism);
        }

        var (copy, why) = Copy(s);
        rpo.Add("copy", copy, why);
        if (s.Redundancy == BlobRedundancy.ObjectReplication)
        {
            mechanism = "object replication between accounts";
            rto.Add("unlock", Figure.Assumed(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)),
                $"objects are already in {ctx.Recovery}'s account, which refuses writes to replicated containers while the replication policy exists: remove the policy on {ctx.Recovery}'s account, then readers and writers switch accounts");
            caveats.Add($"{ctx.Recovery}'s containers are read-only while object replication runs (writes fail with 409 Conflict); the failover removes the policy on the recovery account, and the replication back is a new policy once {ctx.Primary} returns");
            caveats.Add("object replication copies block blobs only, not snapshots or blobs in the archive tier, and does not replicate deletes of versions");
        }
        else if (s.Redundancy == BlobRedundancy.RaGzrs)
        {
            mechanism = $"RA-GZRS (read access in {ctx.Recovery})";
            rto.Add("switch", Figure.Assumed(TimeSpan.Zero, TimeSpan.FromMinutes(1)), $"readers use the -secondary endpoint in {ctx.Recovery}; writes wait for an account failover");
        }
        else
        {
            mechanism = $"GZRS (account failover into {ctx.Recovery})";
            rto.Add("failover", Figure.Sourced(AzureAssumptions.StorageAccountFailover, AzureAssumptions.StorageFailover), "customer-managed account failover: typically about an hour");
        }

        if (s.ImmutabilityDays > 0)
        {
            caveats.Add($"a time-based retention (WORM) policy keeps the source containers' blobs {Text(s.ImmutabilityDays)} days: nobody, an administrator included, can delete one sooner once the policy is locked, and a locked container cannot be deleted before then (teardown waits or fails)");
            if (s.Redundancy == BlobRedundancy.ObjectReplication)
            {
                caveats.Add($"only {ctx.Primary}'s containers are WORM, so the copy in {ctx.Recovery} is not immutable: a container-level policy on the destination would make every replicated update and delete fail; " +
                    $"a version-level policy on the destination protects the copy (only operations on a protected version stop replicating; new versions keep replicating) ({AzureAssumptions.ObjectReplication}, \"Immutable blobs\")");
            }
        }

        return (rpo, rto, caveats, mechanism);
    }

    private static List<RegionSettings> BlobRegions(AzureBlobSettings s, EstimateContext ctx) =>
        s.Accounts.Select(a => Region.Of(a.Key, Role(ctx, a.Key), ("account", a.Value), ("redundancy", s.AccountReplicationType),
            ("softDeleteDays", Text(s.SoftDeleteDays)), ("immutabilityDays", s.ImmutabilityDays > 0 ? Text(s.ImmutabilityDays) : "off"))).ToList();

    private static Draft VectorIndex(ComponentSpec c, AzureVectorIndexOptions o, EstimateContext ctx)
    {
        var store = BlobSettings("vector-index", c.Name, o.Store, ctx);
        var (rpo, _, caveats, storeMechanism) = BlobEstimate(c, store, ctx);
        rpo.Add("interval", Figure.Configured(o.SnapshotInterval, "snapshotInterval"), "vectors since the last snapshot are lost");
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier)
            .Add("load", Figures.SnapshotLoad(o.Vectors), $"{o.Vectors:N0} vectors from the snapshot")
            .Add("warm", Figures.IndexWarmup, "warm the index before it serves at full speed");
        var settings = new AzureVectorIndexSettings(Platforms.Kubernetes.KubernetesEstimator.Cron(o.SnapshotInterval), store) { ResourceGroups = ResourceGroups(ctx) };
        return new Draft($"restore from snapshot (every {DurationText.Format(o.SnapshotInterval)}), {storeMechanism}", Estimates.Of(rpo, rto, caveats), settings, BlobRegions(store, ctx));
    }

    /// <summary>A Premium registry geo-replicated into each recovery region: one login server, served from the nearest
    /// healthy replica (https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication).</summary>
    private static Draft Registry(ComponentSpec c, AzureRegistryOptions o, EstimateContext ctx)
    {
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        var rpo = new Derivation("RPO");
        var caveats = new List<string>();
        string mechanism;
        if (ctx.SingleRegion)
        {
            mechanism = "Premium registry, zone-redundant (in-region)";
            rpo.Add("tags", Figure.Unbounded(TimeSpan.Zero, TermBasis.Assumed, "DrKit assumption", "a tag can be overwritten by a bad push"), "tags can be overwritten: pushes replace images");
        }
        else
        {
            mechanism = $"Premium registry geo-replicated into {string.Join(", ", ctx.Stack.RecoveryRegions)}";
            rpo.Add("copy", Figure.Unbounded(AzureAssumptions.RegistryReplication, TermBasis.Assumed, "DrKit assumption (" + AzureAssumptions.RegistryGeoReplication + ")", "ACR publishes no bound on geo-replication"), "a pushed image reaches every replica");
            rto.Add("switch", Figure.Assumed(TimeSpan.Zero, TimeSpan.FromMinutes(2)), "the login server's DNS routes pulls to a healthy replica");
            caveats.Add($"the home region {ctx.Primary} holds the registry's configuration: while it is down, replicas serve pulls but the registry cannot be changed");
        }

        var settings = new AzureRegistrySettings(AzureNames.Registry(ctx.Stack.StackName, ctx.Stack.Service, c.Name), "Premium", ctx.Stack.RecoveryRegions, o.Repositories)
        {
            ResourceGroups = ResourceGroups(ctx),
        };
        var regions = ctx.Stack.Regions().Select(r => Region.Of(r, Role(ctx, r), ("registry", settings.Name), ("replica", r == ctx.Primary ? "home" : "geo-replica"),
            ("repositories", string.Join(", ", o.Repositories)))).ToList();
        return new Draft(mechanism, Estimates.Of(rpo, rto, caveats), settings, regions);
    }
}
