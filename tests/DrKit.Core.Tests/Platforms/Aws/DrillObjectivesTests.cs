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
        Assert.That(DrillObjectives.Gaps(plan.Components, tiers).Single(g => g.Component == "context-store").Reason, Does.Contain("restore not performed"),
            "the stack runs no server, so the drill says it restored nothing");
    }

    [Test]
    public void Gaps_ListObjectsAndImages_WhichTheDrillDoesNotRead()
    {
        var (plan, tiers) = Of("pilot-light");

        Assert.That(DrillObjectives.Gaps(plan.Components, tiers).Select(g => g.Component), Is.SupersetOf(new[] { "vector-index", "model-artifacts", "images" }),
            "counted as not measured, never silently left out");
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
