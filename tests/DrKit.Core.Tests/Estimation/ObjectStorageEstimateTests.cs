using DrKit.Core.Estimation;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Estimation;

public sealed class ObjectStorageEstimateTests
{
    [TestCase("model-artifacts")]
    [TestCase("feature-store-offline")]
    public void S3_WithRtc_Is15MinutesGuaranteed(string kind)
    {
        var c = TestStacks.Two($"kind: {kind}", "strategy: pilot-light", "replicationTimeControl: true");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("S3 cross-region replication with RTC"), "RTC is named in the mechanism");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.S3RtcWindow), "RTC replicates 99.99% of objects within 15m");
            Assert.That(c.Estimate.RpoGuaranteed, Is.True, "RTC is a time guarantee");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(TimeSpan.Zero), "objects are already in the recovery region");
            Assert.That(c.Verdict, Is.EqualTo(Verdict.Met), "15m is well within the standard 1h RPO");
            Assert.That(((BucketSettings)c.Settings).ReplicationTimeControl, Is.True, "the bucket settings turn RTC on");
        });
    }

    [Test]
    public void S3_WithoutRtc_HasNoGuaranteeAndIsAtRisk()
    {
        var c = TestStacks.Two("kind: model-artifacts", "strategy: pilot-light", "replicationTimeControl: false");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("S3 cross-region replication (no RTC)"), "the mechanism says RTC is off");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.S3TypicalReplication), "typical replication time");
            Assert.That(c.Estimate.RpoGuaranteed, Is.False, "without RTC S3 gives no time bound");
            Assert.That(c.Verdict, Is.EqualTo(Verdict.AtRisk), "an unguaranteed RPO is at risk");
            Assert.That(c.Reason, Does.Contain("worst case is unbounded").And.Contain("only the typical case meets it"), "the reason says why");
        });
    }

    [Test]
    public void S3_RtcFollowsTheRpoTargetWhenNotSet()
    {
        var tight = TestStacks.Two("kind: model-artifacts", "strategy: pilot-light", $"rpo: {DurationText.Format(Assumptions.RtcNeededAtOrBelow)}");
        var loose = TestStacks.Two("kind: model-artifacts", "strategy: pilot-light", "rpo: 5h");
        Assert.Multiple(() =>
        {
            Assert.That(((BucketSettings)tight.Settings).ReplicationTimeControl, Is.True, "an RPO at the RTC threshold turns RTC on");
            Assert.That(((BucketSettings)loose.Settings).ReplicationTimeControl, Is.False, "a looser RPO leaves RTC off");
        });
    }

    [Test]
    public void S3_SingleRegion_KeepsVersionsInPlace()
    {
        var c = TestStacks.Single("kind: model-artifacts", "strategy: backup-restore");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("versioned bucket (in-region)"), "no replication in a single region");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.Zero), "versioning keeps every overwritten object");
            Assert.That(((BucketSettings)c.Settings).Replicate, Is.False, "nothing to replicate to");
        });
    }

    [Test]
    public void Ecr_AcrossRegions_Is30MinutesWithoutGuarantee()
    {
        var c = TestStacks.Two("kind: container-images", "strategy: pilot-light", "repositories:", "  - api");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("ECR cross-region replication"), "mechanism");
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(Assumptions.EcrTypicalReplication), "most images replicate within 30m");
            Assert.That(c.Estimate.RpoGuaranteed, Is.False, "ECR gives no time guarantee");
            Assert.That(c.Estimate.Caveats, Has.One.Contains("pushed after the replication rule exists"), "only images pushed after the rule are copied");
            Assert.That(c.Verdict, Is.EqualTo(Verdict.AtRisk), "an unguaranteed RPO is at risk");
        });
    }

    [Test]
    public void Ecr_SingleRegion_ImmutableTagsLoseNothing()
    {
        var c = TestStacks.Single("kind: container-images", "strategy: backup-restore", "repositories:", "  - api");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.TypicalRpo, Is.EqualTo(TimeSpan.Zero), "immutable tags cannot be overwritten");
            Assert.That(c.Estimate.RpoGuaranteed, Is.True, "nothing to replicate");
            Assert.That(c.Estimate.Caveats, Has.None.Contains("replication rule"), "no replication caveat in-region");
        });
    }

    [Test]
    public void Ecr_SingleRegion_MutableTagsAreNotGuaranteed()
    {
        var c = TestStacks.Single("kind: container-images", "strategy: backup-restore", "tagImmutable: false", "repositories:", "  - api");
        Assert.Multiple(() =>
        {
            Assert.That(c.Estimate.RpoGuaranteed, Is.False, "a mutable tag can be pointed at another image, so nothing bounds the loss");
            Assert.That(c.Verdict, Is.EqualTo(Verdict.AtRisk), "an unguaranteed RPO is at risk");
        });
    }
}
