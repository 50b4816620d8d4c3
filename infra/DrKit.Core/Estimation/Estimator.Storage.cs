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
        var rto = ctx.Detect(new Derivation("RTO"));
        Derivation rpo;
        var guaranteed = true;
        string mechanism;
        if (ctx.SingleRegion)
        {
            mechanism = "versioned bucket (in-region)";
            rpo = new Derivation("RPO").Add("versions", TimeSpan.Zero, "every overwrite and delete keeps the previous version");
            rto.Add("restore", TimeSpan.Zero, "restore previous object versions in place");
        }
        else
        {
            var (time, g, why) = ctx.ObjectReplication(rtc);
            guaranteed = g;
            mechanism = rtc ? "S3 cross-region replication with RTC" : "S3 cross-region replication (no RTC)";
            rpo = new Derivation("RPO").Add("copy", time, why);
            rto.Add("switch", TimeSpan.Zero, $"objects are already in {ctx.Recovery}; readers switch buckets");
        }

        return new Draft(mechanism, Stateful(rpo, rto, guaranteed), settings, Buckets.Regions(ctx, settings));
    }

    private static Draft Registry(RegistryOptions o, EstimateContext ctx)
    {
        var rto = ctx.Detect(new Derivation("RTO"));
        Derivation rpo;
        var caveats = new List<string>();
        var guaranteed = true;
        string mechanism;
        if (ctx.SingleRegion)
        {
            mechanism = "ECR repositories (in-region)";
            rpo = new Derivation("RPO").Add("immutable", TimeSpan.Zero, o.TagImmutable ? "immutable tags cannot be overwritten" : "tags can be overwritten: pushes replace images");

            // A mutable tag can point at a different image after a bad push, so nothing bounds the loss.
            guaranteed = o.TagImmutable;
        }
        else
        {
            mechanism = "ECR cross-region replication";
            rpo = new Derivation("RPO").Add("copy", Assumptions.EcrTypicalReplication, "ECR replication, most images within 30m, no time guarantee");
            guaranteed = false;
            caveats.Add("ECR replicates only images pushed after the replication rule exists: push existing tags again once");
            rto.Add("switch", TimeSpan.Zero, $"repositories are pre-created in {ctx.Recovery}; pulls switch registry");
        }

        var settings = new RegistrySettings(o.Repositories, o.TagImmutable, o.ScanOnPush, !ctx.SingleRegion);
        var regions = ctx.Stack.Regions().Select(r => Region.Of(r, r == ctx.Primary ? "primary" : "recovery",
            ("repositories", string.Join(", ", o.Repositories)), ("tags", o.TagImmutable ? "immutable" : "mutable"), ("scanOnPush", o.ScanOnPush ? "on" : "off"))).ToList();
        return new Draft(mechanism, Stateful(rpo, rto, guaranteed, true, [.. caveats]), settings, regions);
    }

    private static Draft VectorIndex(ComponentSpec c, VectorIndexOptions o, EstimateContext ctx)
    {
        var recovery = o.Recovery ?? (c.Strategy is Strategy.WarmStandby or Strategy.ActiveActive ? VectorRecovery.Replicated : VectorRecovery.Snapshot);
        var rtc = !ctx.SingleRegion && EstimateContext.NeedsRtc(o.ReplicationTimeControl, c.Target);
        var store = Buckets.Settings("vector-index", !ctx.SingleRegion, rtc, o.ImmutableBackups, Assumptions.ObjectLockRetention,
            new LifecycleOptions(Assumptions.WarmAfter, Assumptions.ColdAfter, null, Assumptions.NoncurrentExpiry));
        var (copy, copyGuaranteed, copyWhy) = ctx.SingleRegion ? (TimeSpan.Zero, true, "in-region") : ctx.ObjectReplication(rtc);
        var rpo = new Derivation("RPO");
        var rto = ctx.Detect(new Derivation("RTO"));
        var guaranteed = true;
        string mechanism;
        switch (recovery)
        {
            case VectorRecovery.Replicated:
                mechanism = "replicated index";
                rpo.Add("lag", o.ExpectedLag, "index replication lag");
                break;
            case VectorRecovery.Snapshot:
                mechanism = $"restore from snapshot (every {DurationText.Format(o.SnapshotInterval)})";
                rpo.Add("interval", o.SnapshotInterval, "vectors since the last snapshot are lost");
                AddCopy(rpo, copy, copyWhy, ref guaranteed, copyGuaranteed, ctx);
                rto.Add("load", Seconds(o.Vectors / Assumptions.SnapshotRestoreVectorsPerSecond), $"{o.Vectors:N0} vectors at {Assumptions.SnapshotRestoreVectorsPerSecond:N0}/s")
                   .Add("warm", Assumptions.IndexWarmup, "warm the index before it serves at full speed");
                break;
            case VectorRecovery.Embeddings:
                mechanism = "rebuild from stored embeddings";
                rpo.Add("interval", o.EmbeddingExportInterval, "embeddings since the last export are lost");
                AddCopy(rpo, copy, copyWhy, ref guaranteed, copyGuaranteed, ctx);
                rto.Add("rebuild", Seconds(o.Vectors / Assumptions.RebuildVectorsPerSecond), $"{o.Vectors:N0} vectors at {Assumptions.RebuildVectorsPerSecond:N0}/s")
                   .Add("warm", Assumptions.IndexWarmup, "warm the index");
                break;
            default:
                mechanism = "re-embed from source documents";
                rpo.Add("documents", TimeSpan.Zero, "source documents are kept");
                AddCopy(rpo, copy, copyWhy, ref guaranteed, copyGuaranteed, ctx);
                rto.Add("re-embed", Seconds(o.Documents / Assumptions.ReembedDocumentsPerSecond), $"{o.Documents:N0} documents at {Assumptions.ReembedDocumentsPerSecond:N0}/s")
                   .Add("rebuild", Seconds(o.Vectors / Assumptions.RebuildVectorsPerSecond), $"{o.Vectors:N0} vectors at {Assumptions.RebuildVectorsPerSecond:N0}/s")
                   .Add("warm", Assumptions.IndexWarmup, "warm the index");
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

        return new Draft(mechanism, Stateful(rpo, rto, guaranteed, true, [.. caveats]), settings, regions) { CostMultiplier = multiplier };
    }

    private static void AddCopy(Derivation rpo, TimeSpan copy, string why, ref bool guaranteed, bool copyGuaranteed, EstimateContext ctx)
    {
        if (!ctx.SingleRegion)
        {
            rpo.Add("copy", copy, why);
            guaranteed &= copyGuaranteed;
        }
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Ceiling(seconds));
}
