using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Planning;

public sealed class LifecycleTransitionTests
{
    private static BucketSettings Bucket(int warm, int cold, int? expire) =>
        new("test", Replicate: true, ReplicationTimeControl: true, ObjectLock: false, ObjectLockDays: 30, warm, cold, expire, NoncurrentExpiryDays: 30);

    [Test]
    public void LifecycleTransitions_WithoutExpiry_GoWarmThenCold()
    {
        Assert.That(Bucket(30, 90, null).LifecycleTransitions(), Is.EqualTo(new[] { (30, "STANDARD_IA"), (90, "GLACIER") }),
            "hot objects move to infrequent access, then to Glacier");
    }

    [Test]
    public void LifecycleTransitions_AtOrAfterExpiry_AreLeftOut()
    {
        Assert.That(Bucket(30, 90, 31).LifecycleTransitions(), Is.EqualTo(new[] { (30, "STANDARD_IA") }),
            "a WAL archive expiring at 31 days never goes cold, and S3 rejects an expiry not later than a transition");
        Assert.That(Bucket(30, 90, 30).LifecycleTransitions(), Is.Empty, "a transition on the expiry day would never happen");
    }

    [Test]
    public void LifecycleTransitions_PilotLightWalArchive_KeepsPitrWindowWarmOnly()
    {
        var plan = Planner.PlanFile(RepoPaths.Stack("pilot-light"));
        var wal = ((PostgresSettings)plan.Component("context-store")!.Settings).WalArchive;

        Assert.That(wal.LifecycleTransitions().Select(t => t.StorageClass), Is.EqualTo(new[] { "STANDARD_IA" }),
            "the 30-day PITR archive expires at 31 days, before it would reach Glacier");
    }
}
