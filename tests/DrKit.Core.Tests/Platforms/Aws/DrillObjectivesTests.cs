using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Tests.Platforms.Aws;

public sealed class DrillObjectivesTests
{
    private static (DrKit.Core.Planning.DrPlan Plan, IReadOnlyList<TierRestore> Tiers) Of(string stack)
    {
        var plan = DrKit.Core.Planning.Planner.PlanFile(System.IO.Path.Combine(RepoPaths.Root, "stacks", $"Pulumi.{stack}.yaml"));
        return (plan, DrillRestore.For(plan.Components, plan.PrimaryRegion, DrillRestore.DrillRegion(plan)));
    }

    [Test]
    public void PilotLight_ReplicatedTiers_AreJudgedByTheirLagAgainstThePlan_AndTheirBackupsAgainstTheBackupPath()
    {
        var (plan, tiers) = Of("pilot-light");
        var checks = DrillObjectives.Checks(plan.Components, tiers, plan.PrimaryRegion).ToLookup(c => c.Component);

        Assert.Multiple(() =>
        {
            var db = checks["context-store"].ToDictionary(c => c.Path);
            Assert.That(db[RpoPath.Replication].Target, Is.EqualTo(plan.Components.Single(c => c.Name == "context-store").Target.Rpo), "the plan's RPO is kept by the read replica");
            Assert.That(db[RpoPath.Restore].Target, Is.EqualTo(TimeSpan.FromMinutes(20)), "logs upload every 5 minutes, plus 15 for the cross-region copy");
            var cache = checks["session-cache"].ToDictionary(c => c.Path);
            Assert.That(cache[RpoPath.Restore].Target, Is.EqualTo(TimeSpan.FromHours(25)), "ElastiCache backs up daily, in a window of at least an hour");
            Assert.That(cache[RpoPath.Replication].Target, Is.EqualTo(TimeSpan.FromHours(1)), "the standard tier's RPO, kept by the Global Datastore");
        });
    }

    [Test]
    public void PilotLight_RestoresOfReplicatedTiers_AreJudgedAgainstTheRestorePath_NotThePromotionTarget()
    {
        var (plan, tiers) = Of("pilot-light");
        var checks = DrillObjectives.Checks(plan.Components, tiers, plan.PrimaryRegion).ToLookup(c => c.Component);
        var db = checks["context-store"].ToDictionary(c => c.Path);
        var storage = ((DrKit.Core.Planning.PostgresSettings)plan.Components.Single(c => c.Name == "context-store").Settings).AllocatedStorageGb;

        Assert.Multiple(() =>
        {
            // 40 minutes to create the instance, then the allocated storage at half the assumed 100 GB/h.
            Assert.That(db[RpoPath.Restore].RtoTarget, Is.EqualTo(TimeSpan.FromMinutes(40) + TimeSpan.FromHours(storage / 50.0)),
                "a point-in-time restore is judged by what the plan assumes a restore takes, not by the replica promotion's 30 minutes");
            Assert.That(db[RpoPath.Restore].RtoTarget, Is.GreaterThan(plan.Components.Single(c => c.Name == "context-store").Target.Rto),
                "judged against the promotion target, every drill of this stack would miss by construction");
            Assert.That(db[RpoPath.Replication].RtoTarget, Is.Null, "a lag read restores nothing and has no RTO");
            Assert.That(checks["session-cache"].Single(c => c.Path == RpoPath.Restore).RtoTarget, Is.EqualTo(TimeSpan.FromMinutes(30)),
                "a snapshot restore creates a cluster: the plan's worst case for cache provisioning");
        });
    }

    [Test]
    public void Primary_BackupRestoreTiers_AreJudgedAgainstThePlansRto()
    {
        var (plan, tiers) = Of("primary");
        var checks = DrillObjectives.Checks(plan.Components, tiers, plan.PrimaryRegion).Where(c => c.Path == RpoPath.Restore).ToList();

        Assert.That(checks, Is.Not.Empty);
        Assert.That(checks.Select(c => c.RtoTarget), Is.EqualTo(checks.Select(c => (TimeSpan?)plan.Components.Single(p => p.Name == c.Component).Target.Rto)),
            "backups are these tiers' recovery, so the restore is what the plan's RTO promises");
    }

    [Test]
    public void Primary_BackupRestoreTiers_AreJudgedByTheirOwnPlanRpo_OnTheRestorePathOnly()
    {
        var (plan, tiers) = Of("primary");
        var checks = DrillObjectives.Checks(plan.Components, tiers, plan.PrimaryRegion);

        Assert.That(checks.Select(c => c.Path).Distinct(), Is.EqualTo(new[] { RpoPath.Restore }), "no replica: backups are the recovery");
        Assert.That(checks.Select(c => c.Target), Is.EqualTo(checks.Select(c => plan.Components.Single(p => p.Name == c.Component).Target.Rpo!.Value)),
            "each against the plan's own target");
    }

    [Test]
    public void ActiveActive_SelfManagedPostgres_IsArchiveFreshness_AndListedAsNotRestored()
    {
        var (plan, tiers) = Of("active-active");

        Assert.That(DrillObjectives.Checks(plan.Components, tiers, plan.PrimaryRegion).Single(c => c.Component == "context-store").Path, Is.EqualTo(RpoPath.ArchiveFreshness),
            "the newest archived WAL says how fresh the archive is, not that a restore works");
        Assert.That(DrillObjectives.Gaps(plan.Components, tiers, plan.PrimaryRegion).Single(g => g.Component == "context-store").Reason, Does.Contain("restore not performed"),
            "the stack runs no server, so the drill says it restored nothing");
    }

    [Test]
    public void PilotLight_ObjectsAndImages_AreReplicationChecksAgainstThePlanRpo_WithNoRto_AndNoGap()
    {
        var (plan, tiers) = Of("pilot-light");
        var checks = DrillObjectives.Checks(plan.Components, tiers, plan.PrimaryRegion).Where(c => c.Path == RpoPath.ObjectReplication).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(checks.Select(c => c.Component), Is.EquivalentTo(new[] { "vector-index", "model-artifacts", "images", "features-offline" }),
                "each tier read in place is measured on the replication that put its copy in the drill region");
            Assert.That(checks.Single(c => c.Component == "model-artifacts").Target, Is.EqualTo(TimeSpan.FromHours(1)), "the stack's 1h RPO for the artifacts");
            Assert.That(checks.Single(c => c.Component == "images").Target, Is.EqualTo(TimeSpan.FromHours(4)), "the stack's 4h RPO for the images");
            Assert.That(checks.Single(c => c.Component == "model-artifacts").Basis, Does.Contain("rule drkit-"), "the basis names the S3 rule whose metrics are read");
            Assert.That(checks.Select(c => c.RtoTarget), Is.All.Null, "a read in place restores nothing, so it has no RTO");
            Assert.That(DrillObjectives.Gaps(plan.Components, tiers, plan.PrimaryRegion).Select(g => g.Component), Has.None.AnyOf("vector-index", "model-artifacts", "images", "features-offline"),
                "a measured path is no gap");
        });
    }

    [Test]
    public void Primary_SingleRegion_ReadsObjectsAndImagesFromTheSourceItself_NeitherCheckNorGap()
    {
        var (plan, tiers) = Of("primary");

        Assert.That(DrillObjectives.Checks(plan.Components, tiers, plan.PrimaryRegion).Where(c => c.Path == RpoPath.ObjectReplication), Is.Empty,
            "no copy exists to trail the source");
        Assert.That(DrillObjectives.Gaps(plan.Components, tiers, plan.PrimaryRegion).Select(g => g.Component), Has.None.AnyOf("vector-index", "model-artifacts", "images"),
            "the drill region holds the source's own bucket and repositories: nothing is missing");
    }

    [Test]
    public void Gaps_ListABucketTheStackDoesNotReplicate_IntoAnotherRegion()
    {
        var (plan, _) = Of("pilot-light");
        var artifacts = plan.Components.Single(c => c.Name == "model-artifacts");
        var settings = (DrKit.Core.Planning.BucketSettings)artifacts.Settings;
        var components = plan.Components.Select(c => c.Name == artifacts.Name ? c with { Settings = settings with { Replicate = false } } : c).ToList();
        var tiers = DrillRestore.For(components, plan.PrimaryRegion, DrillRestore.DrillRegion(plan));

        Assert.That(DrillObjectives.Gaps(components, tiers, plan.PrimaryRegion).Single(g => g.Component == "model-artifacts").Reason, Does.StartWith("not replicated"),
            "no copy in the drill region is a gap, not a pass");
        Assert.That(DrillObjectives.Checks(components, tiers, plan.PrimaryRegion).Where(c => c.Component == "model-artifacts"), Is.Empty, "and nothing to measure");
    }

    [Test]
    public void JudgeObjects_TakesTheLargestLatency_AndMissesOnAnyFailedOperation()
    {
        var healthy = DrillObjectives.JudgeObjects(new ObjectReplicationMetrics("src", "dst", "drkit-artifacts-1", 42, 0));
        var failed = DrillObjectives.JudgeObjects(new ObjectReplicationMetrics("src", "dst", "drkit-artifacts-1", 42, 3));

        Assert.Multiple(() =>
        {
            Assert.That(healthy.Rpo, Is.EqualTo(TimeSpan.FromSeconds(42)), "the RPO figure is the largest latency in the hour");
            Assert.That(healthy.Missed, Is.Null, "no failed operation");
            Assert.That(failed.Rpo, Is.EqualTo(TimeSpan.FromSeconds(42)), "the figure is kept");
            Assert.That(failed.Missed, Does.Contain("3 operations failed"), "a failed operation leaves objects missing, whatever the latency");
        });
    }

    [Test]
    public void JudgeObjects_OfAnIdleBucket_IsMeasuredWithANote_ButNoLatencyAtAllIsUnknown()
    {
        var idle = DrillObjectives.JudgeObjects(new ObjectReplicationMetrics("src", "dst", "drkit-artifacts-1", 0, null));
        var gone = DrillObjectives.JudgeObjects(new ObjectReplicationMetrics("src", "dst", "drkit-artifacts-1", null, null));

        Assert.Multiple(() =>
        {
            Assert.That(idle.Rpo, Is.EqualTo(TimeSpan.Zero), "S3 keeps publishing the latency of an idle rule");
            Assert.That(idle.Missed, Is.Null, "nothing was written, so nothing was at risk");
            Assert.That(idle.Detail, Does.Contain("no traffic in the last 1h"), "the report says why no failure count was published");
            Assert.That(gone.Rpo, Is.Null, "no latency means the rule, destination or metrics are gone: unknown, not a pass");
        });
    }

    [Test]
    public void JudgeImages_CompleteIsZero_InProgressCountsFromThePush_FailedMissesNamingTheRepository()
    {
        var now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        ImageReplication Image(string repo, string? status, string? code = null) => new(repo, "sha256:" + new string('a', 64), now.AddMinutes(-20), status, code);

        var inProgress = DrillObjectives.JudgeImages([Image("rag-api", DrillObjectives.ImageComplete), Image("embedder", DrillObjectives.ImageInProgress)], "us-west-2", now);
        var failed = DrillObjectives.JudgeImages([Image("rag-api", DrillObjectives.ImageComplete), Image("reranker", DrillObjectives.ImageFailed, "KMS_KEY_NOT_FOUND")], "us-west-2", now);
        var unlisted = DrillObjectives.JudgeImages([Image("rag-api", null)], "us-west-2", now);
        var empty = DrillObjectives.JudgeImages([new ImageReplication("rag-api", null, null, null, null)], "us-west-2", now);

        Assert.Multiple(() =>
        {
            Assert.That(DrillObjectives.JudgeImages([Image("rag-api", DrillObjectives.ImageComplete)], "us-west-2", now).Rpo, Is.EqualTo(TimeSpan.Zero), "the newest image is in the drill region");
            Assert.That(inProgress.Rpo, Is.EqualTo(TimeSpan.FromMinutes(20)), "an image still replicating is missing since its push");
            Assert.That(inProgress.Missed, Is.Null, "in progress is late, not failed");
            Assert.That(failed.Missed, Does.Contain("reranker").And.Contain("KMS_KEY_NOT_FOUND"), "a failed replication misses, naming the repository and ECR's failure code");
            Assert.That(unlisted.Missed, Does.Contain("no replication status for us-west-2"), "ECR lists no copy for the drill region: the image is not there");
            Assert.That((empty.Rpo, empty.Missed), Is.EqualTo(((TimeSpan?)TimeSpan.Zero, (string?)null)), "an empty repository has nothing to lose");
        });
    }

    [Test]
    public void RestoreTimeout_IsTwiceTheRto_AtLeastTwoHours()
    {
        var plan = Of("pilot-light").Plan.Components.Single(c => c.Name == "context-store");

        Assert.That(DrillRestore.RestoreTimeout(plan with { Target = plan.Target with { Rto = TimeSpan.FromMinutes(30) } }), Is.EqualTo(TimeSpan.FromHours(2)),
            "longer than the provider's 40-minute create default");
        Assert.That(DrillRestore.RestoreTimeout(plan with { Target = plan.Target with { Rto = TimeSpan.FromHours(4) } }), Is.EqualTo(TimeSpan.FromHours(8)), "a slow tier gets twice its RTO");
    }
}
