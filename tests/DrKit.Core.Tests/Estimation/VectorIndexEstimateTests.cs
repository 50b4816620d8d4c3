using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Estimation;

public sealed class VectorIndexEstimateTests
{
    private const long Vectors = 20_000_000;
    private const long Documents = 2_000_000;

    private static TimeSpan Secs(double s) => TimeSpan.FromSeconds(Math.Ceiling(s));

    private static ComponentPlan Index(string strategy, string recovery, string rto = "24h") =>
        TestStacks.Two("kind: vector-index", $"strategy: {strategy}", $"recovery: {recovery}", $"vectors: {Vectors}", $"documents: {Documents}",
            "snapshotInterval: 30m", "embeddingExportInterval: 2h", $"rto: {rto}", "rpo: 4h");

    [Test]
    public void Replicated_RpoIsLag_RtoIsDetection()
    {
        var c = Index("warm-standby", "replicated");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("replicated index"), "mechanism");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.AsyncReplicaLag), "replication lag");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(TimeSpan.Zero), "the replica already serves");
        });
    }

    [Test]
    public void Snapshot_RestoreTimeFollowsVectorCount()
    {
        var c = Index("pilot-light", "snapshot");
        var load = Secs(Vectors / Assumptions.SnapshotRestoreVectorsPerSecond);
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.FromMinutes(30) + Assumptions.S3RtcWindow), "snapshot interval plus the RTC copy");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(load + Assumptions.IndexWarmup), "detection + load + warm-up");
            Assert.That(c.Estimate.Reasoning[1], Does.Contain("load 1m40s-3m20s (20,000,000 vectors; assumed: DrKit assumption (200,000 vectors/s, half at worst)"), "the load term shows the count and rate");
        });
    }

    [Test]
    public void Embeddings_RebuildTimeFollowsVectorCount()
    {
        var c = Index("pilot-light", "embeddings");
        var rebuild = Secs(Vectors / Assumptions.RebuildVectorsPerSecond);
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.FromHours(2) + Assumptions.S3RtcWindow), "export interval plus the RTC copy");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(rebuild + Assumptions.IndexWarmup), "detection + rebuild + warm-up");
            Assert.That(c.Estimate.Reasoning[1], Does.Contain("rebuild 8m20s-16m40s (20,000,000 vectors; assumed: DrKit assumption (40,000 vectors/s, half at worst)"), "the rebuild term shows the arithmetic");
        });
    }

    [Test]
    public void Reembed_AddsDocumentsAndRebuild()
    {
        var c = Index("backup-restore", "reembed");
        var reembed = Secs(Documents / Assumptions.ReembedDocumentsPerSecond);
        var rebuild = Secs(Vectors / Assumptions.RebuildVectorsPerSecond);
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.S3RtcWindow), "documents are kept; only the copy remains");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(reembed + rebuild + Assumptions.IndexWarmup), "detection + re-embed + rebuild + warm-up");
            Assert.That(c.Estimate.Reasoning[1], Does.Contain("re-embed 5h33m20s-11h6m40s (2,000,000 documents; assumed: DrKit assumption (100 documents/s"), "the re-embed term shows the document count");
            Assert.That(c.Estimate.Caveats, Has.One.Contains("re-embedding costs"), "re-embedding carries a cost caveat");
        });
    }

    [TestCase("warm-standby", VectorRecovery.Replicated)]
    [TestCase("active-active", VectorRecovery.Replicated)]
    [TestCase("pilot-light", VectorRecovery.Snapshot)]
    [TestCase("backup-restore", VectorRecovery.Snapshot)]
    public void Recovery_DefaultsFromStrategy(string strategy, VectorRecovery expected)
    {
        var c = TestStacks.Two("kind: vector-index", $"strategy: {strategy}");
        Assert.That(((VectorIndexSettings)c.Settings).Recovery, Is.EqualTo(expected), $"{strategy} picks {expected} when recovery is not set");
    }

    [Test]
    public void SingleRegion_Snapshot_HasNoCopyTerm()
    {
        var c = TestStacks.Single("kind: vector-index", "strategy: backup-restore", "recovery: snapshot", "snapshotInterval: 30m");
        Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.FromMinutes(30)), "in-region the snapshot needs no copy");
    }
}
