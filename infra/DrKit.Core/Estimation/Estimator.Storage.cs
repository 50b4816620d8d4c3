using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

internal static partial class Estimator
{
    private static Draft Bucket(ComponentSpec c, BucketOptions o, EstimateContext ctx)
    {
        var purpose = c.Kind == ComponentKind.ModelArtifacts ? "model-artifacts" : "feature-store-offline";
        var rtc = !ctx.SingleRegion && EstimateContext.NeedsRtc(o.ReplicationTimeControl, c.Target);
        var settings = Buckets.Settings(purpose, !ctx.SingleRegion, rtc, o.ObjectLock, o.ObjectLockRetention, o.Lifecycle);
        // Objects are in the recovery region already: readers switch buckets once the failover is declared.
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        Derivation rpo;
        string mechanism;
        var caveats = new List<string>();
        if (ctx.SingleRegion)
        {
            mechanism = "versioned bucket (in-region)";
            rpo = new Derivation("RPO").Add("versions", Figure.Configured(TimeSpan.Zero, "versioning (always on)"), "every overwrite and delete keeps the previous version");
            rto.Add("restore", Figure.Assumed(TimeSpan.Zero, TimeSpan.FromMinutes(5)), "restore previous object versions in place");
        }
        else
        {
            var (figure, why) = ctx.ObjectReplication(rtc);
            mechanism = rtc ? "S3 cross-region replication with RTC" : "S3 cross-region replication (no RTC)";
            rpo = new Derivation("RPO").Add("copy", figure, why);
            rto.Add("switch", Figure.Assumed(TimeSpan.Zero, TimeSpan.FromMinutes(1)), $"objects are already in {ctx.Recovery}; readers switch buckets");
            if (rtc)
            {
                caveats.Add("RTC bounds 99.99% of objects at 15 minutes: the rest arrive later with no bound");
            }
        }

        // Lifecycle moves objects to colder classes; an archive class must be restored before it can be read.
        caveats.Add($"objects older than {DurationText.Format(o.Lifecycle.ColdAfter)} sit in a cold storage class: an archive tier takes hours to read back ({Sources.S3ArchiveRestore})");
        return new Draft(mechanism, Stateful(rpo, rto, [.. caveats]), settings, Buckets.Regions(ctx, settings));
    }

    private static Draft Registry(ComponentSpec c, RegistryOptions o, EstimateContext ctx)
    {
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        Derivation rpo;
        var caveats = new List<string>();
        string mechanism;
        if (ctx.SingleRegion)
        {
            mechanism = "ECR repositories (in-region)";
            // A mutable tag can point at a different image after a bad push, so nothing bounds the loss.
            rpo = new Derivation("RPO").Add("immutable", o.TagImmutable
                    ? Figure.Configured(TimeSpan.Zero, "tagImmutable")
                    : Figure.Unbounded(TimeSpan.Zero, TermBasis.Configured, "tagImmutable: false", "a mutable tag can be overwritten by a bad push"),
                o.TagImmutable ? "immutable tags cannot be overwritten" : "tags can be overwritten: pushes replace images");
        }
        else
        {
            mechanism = "ECR cross-region replication";
            rpo = new Derivation("RPO").Add("copy", Figures.EcrReplication, "ECR replication, most images within 30m");
            caveats.Add("ECR replicates only images pushed after the replication rule exists: push existing tags again once");
            rto.Add("switch", Figure.Assumed(TimeSpan.Zero, TimeSpan.FromMinutes(1)), $"repositories are pre-created in {ctx.Recovery}; pulls switch registry");
        }

        caveats.Add("a new instance pulls its image at start: image size adds to every launch (declare imageSize on gpu-capacity)");
        var settings = new RegistrySettings(o.Repositories, o.TagImmutable, o.ScanOnPush, !ctx.SingleRegion);
        var regions = ctx.Stack.Regions().Select(r => Region.Of(r, r == ctx.Primary ? "primary" : "recovery",
            ("repositories", string.Join(", ", o.Repositories)), ("tags", o.TagImmutable ? "immutable" : "mutable"), ("scanOnPush", o.ScanOnPush ? "on" : "off"))).ToList();
        return new Draft(mechanism, Stateful(rpo, rto, [.. caveats]), settings, regions);
    }

    private static Draft VectorIndex(ComponentSpec c, VectorIndexOptions o, EstimateContext ctx)
    {
        var recovery = o.Recovery ?? (c.Strategy is Strategy.WarmStandby or Strategy.ActiveActive ? VectorRecovery.Replicated : VectorRecovery.Snapshot);
        var rtc = !ctx.SingleRegion && EstimateContext.NeedsRtc(o.ReplicationTimeControl, c.Target);
        var store = Buckets.Settings("vector-index", !ctx.SingleRegion, rtc, o.ImmutableBackups, Assumptions.ObjectLockRetention,
            new LifecycleOptions(Assumptions.WarmAfter, Assumptions.ColdAfter, null, Assumptions.NoncurrentExpiry));
        var (copy, copyWhy) = ctx.SingleRegion ? (Figure.Configured(TimeSpan.Zero, "single region"), "in-region") : ctx.ObjectReplication(rtc);
        var rpo = new Derivation("RPO");
        var rto = recovery == VectorRecovery.Replicated ? ctx.Detect(new Derivation("RTO")) : ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        string mechanism;
        switch (recovery)
        {
            case VectorRecovery.Replicated:
                mechanism = "replicated index";
                rpo.Add("lag", Figure.Unbounded(o.ExpectedLag, TermBasis.Configured, "expectedLag", "index replication is asynchronous with no published bound"), "index replication lag");
                break;
            case VectorRecovery.Snapshot:
                mechanism = $"restore from snapshot (every {DurationText.Format(o.SnapshotInterval)})";
                rpo.Add("interval", Figure.Configured(o.SnapshotInterval, "snapshotInterval"), "vectors since the last snapshot are lost");
                AddCopy(rpo, copy, copyWhy, ctx);
                rto.Add("load", Figures.SnapshotLoad(o.Vectors), $"{o.Vectors:N0} vectors")
                   .Add("warm", Figures.IndexWarmup, "warm the index before it serves at full speed");
                break;
            case VectorRecovery.Embeddings:
                mechanism = "rebuild from stored embeddings";
                rpo.Add("interval", Figure.Configured(o.EmbeddingExportInterval, "embeddingExportInterval"), "embeddings since the last export are lost");
                AddCopy(rpo, copy, copyWhy, ctx);
                rto.Add("rebuild", Figures.Rebuild(o.Vectors), $"{o.Vectors:N0} vectors")
                   .Add("warm", Figures.IndexWarmup, "warm the index");
                break;
            default:
                mechanism = "re-embed from source documents";
                rpo.Add("documents", Figure.Configured(TimeSpan.Zero, "recovery: reembed"), "source documents are kept");
                AddCopy(rpo, copy, copyWhy, ctx);
                rto.Add("re-embed", Figures.Reembed(o.Documents), $"{o.Documents:N0} documents")
                   .Add("rebuild", Figures.Rebuild(o.Vectors), $"{o.Vectors:N0} vectors")
                   .Add("warm", Figures.IndexWarmup, "warm the index");
                break;
        }

        var caveats = recovery == VectorRecovery.Reembed ? new List<string> { "re-embedding costs embedding API calls and hours; keep embeddings to rebuild from instead" } : [];
        var embedding = o.Embedding ?? ctx.ChainFeeding(c.Name)?.Providers.FirstOrDefault()?.Embedding;
        var regions = Buckets.Regions(ctx, store);
        var settings = new VectorIndexSettings(recovery, store) { Embedding = embedding };
        var multiplier = 1.0;
        if (o.FallbackEmbedding is { } second)
        {
            // Index storage and memory grow with vectors x dimensions, so the second index costs its share of the first.
            var gb = Math.Round(o.Vectors * (double)second.Dimensions * Assumptions.BytesPerDimension / 1e9, 1);
            multiplier = 1 + ((double)second.Dimensions / (embedding?.Dimensions ?? second.Dimensions));
            settings = settings with { FallbackEmbedding = second, FallbackIndexGb = gb };
            mechanism += $" + second index ({second})";
            caveats.Add($"second index embedded with {second}: {gb.ToString("N1", System.Globalization.CultureInfo.InvariantCulture)} GB more per region, every new document embedded twice; cost x{multiplier.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}");
            regions = regions.Select(r => r with { Values = new Dictionary<string, string>(r.Values) { ["fallbackIndex"] = $"{second}, {gb.ToString("N1", System.Globalization.CultureInfo.InvariantCulture)} GB" } }).ToList();
        }

        if (recovery != VectorRecovery.Replicated)
        {
            caveats.Add("a rebuilt or loaded index serves slowly until warm; queries in the meantime see higher latency");
        }

        return new Draft(mechanism, Stateful(rpo, rto, [.. caveats]), settings, regions) { CostMultiplier = multiplier };
    }

    private static void AddCopy(Derivation rpo, Figure copy, string why, EstimateContext ctx)
    {
        if (!ctx.SingleRegion)
        {
            rpo.Add("copy", copy, why);
        }
    }
}
