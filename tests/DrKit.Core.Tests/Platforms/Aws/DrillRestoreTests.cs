using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Tests.Platforms.Aws;

public sealed class DrillRestoreTests
{
    private static IReadOnlyList<TierRestore> Tiers(string stack)
    {
        var plan = DrKit.Core.Planning.Planner.PlanFile(System.IO.Path.Combine(RepoPaths.Root, "stacks", $"Pulumi.{stack}.yaml"));
        return DrillRestore.For(plan.Components, plan.PrimaryRegion, DrillRestore.DrillRegion(plan));
    }

    [Test]
    public void PilotLight_RestoresRdsFromReplicatedBackupsAndRedisFromASnapshot_InTheRecoveryRegion()
    {
        var tiers = Tiers("pilot-light").ToDictionary(t => t.Component);

        Assert.Multiple(() =>
        {
            Assert.That(tiers["context-store"].Kind, Is.EqualTo(RestoreKind.RdsPointInTime), "RDS PITR from the automated backups");
            Assert.That(tiers["context-store"].Region, Is.EqualTo("us-west-2"), "in the recovery region");
            Assert.That(tiers["context-store"].RecoveryPointOutput, Is.EqualTo("context-store.recoveryPoint"), "its recovery point is exported");
            Assert.That(tiers["session-cache"].Kind, Is.EqualTo(RestoreKind.RedisSnapshot), "Redis from the newest snapshot there");
            Assert.That(tiers["model-artifacts"].Kind, Is.EqualTo(RestoreKind.ReadInPlace), "artifacts are read from the replica bucket");
            Assert.That(tiers["model-artifacts"].RecoveryPointOutput, Is.Null, "objects replicate one by one: no single recovery point");
            Assert.That(tiers.Keys, Has.None.EqualTo("api").And.None.EqualTo("gpu"), "stateless components are not restored");
        });
    }

    [Test]
    public void ActiveActive_SelfManagedPostgres_RestoresFromTheWalArchive_WithoutAProbe()
    {
        var pg = Tiers("active-active").Single(t => t.Component == "context-store");

        Assert.That(pg.Kind, Is.EqualTo(RestoreKind.WalArchive), "base backup + WAL");
        Assert.That(pg.Probed, Is.False, "the stack runs no self-managed server, so there is no endpoint to probe");
        Assert.That(pg.RecoveryPointOutput, Is.Not.Null, "the newest archived WAL is its recovery point");
    }

    [Test]
    public void Primary_SingleRegion_RestoresInThePrimaryRegionFromTheSourceItself()
    {
        var tiers = Tiers("primary");

        Assert.That(tiers.Select(t => t.Region).Distinct(), Is.EqualTo(new[] { "us-east-1" }), "a single-region stack drills in its only region");
        Assert.That(tiers.Single(t => t.Component == "context-store").From, Does.Contain("the source instance's automated backups"), "no replicated backups to restore from");
    }

    [Test]
    public void BackupRestoreRedis_DrilledInAnotherRegion_IsNotRestored_AndSaysWhy()
    {
        var plan = DrKit.Core.Planning.Planner.PlanFile(System.IO.Path.Combine(RepoPaths.Root, "stacks", "Pulumi.primary.yaml"));

        var cache = DrillRestore.For(plan.Components, plan.PrimaryRegion, "us-west-2").Single(t => t.Component == "session-cache");

        Assert.That(cache.Kind, Is.EqualTo(RestoreKind.NotRestored), "ElastiCache snapshots stay in their region and nothing exports them: the tier is listed, not skipped");
        Assert.That(cache.From, Does.Contain("snapshots in us-east-1 only"), "the reason names where the snapshots are");
        Assert.That(cache.RecoveryPointOutput, Is.Null, "no recovery point is claimed");
    }

    [Test]
    public void RdsWithoutReplicatedBackups_DrilledInAnotherRegion_IsNotRestored_AndListedAsAGap()
    {
        var plan = DrKit.Core.Planning.Planner.PlanFile(System.IO.Path.Combine(RepoPaths.Root, "stacks", "Pulumi.pilot-light.yaml"));
        var components = plan.Components.Select(c => c.Settings is DrKit.Core.Planning.PostgresSettings p ? c with { Settings = p with { ReplicateAutomatedBackups = false } } : c).ToList();
        var tiers = DrillRestore.For(components, plan.PrimaryRegion, "us-west-2");

        var db = tiers.Single(t => t.Component == "context-store");
        Assert.That(db.Kind, Is.EqualTo(RestoreKind.NotRestored), "no replicated backups: the tier is listed, never silently dropped");
        Assert.That(db.RecoveryPointOutput, Is.Null, "no recovery point is claimed");
        Assert.That(DrillObjectives.Gaps(components, tiers, plan.PrimaryRegion).Single(g => g.Component == "context-store").Reason, Does.Contain("not replicated to us-west-2"),
            "the drill reports why the tier was not restored");
    }

    [Test]
    public void RestoreBound_IsTheLongestCreateTimeoutOfTheRestoredCopies_AndTeardownWaitsForItPlusTheDeletions()
    {
        var plan = DrKit.Core.Planning.Planner.PlanFile(System.IO.Path.Combine(RepoPaths.Root, "stacks", "Pulumi.pilot-light.yaml"));
        var tiers = DrillRestore.For(plan.Components, plan.PrimaryRegion, DrillRestore.DrillRegion(plan));
        var restored = plan.Components.Where(c => tiers.Any(t => t.Component == c.Name && t.Kind is RestoreKind.RdsPointInTime or RestoreKind.RedisSnapshot)).ToList();

        var bound = DrillRestore.RestoreBound(tiers, plan.Components);

        Assert.Multiple(() =>
        {
            Assert.That(restored, Is.Not.Empty, "pilot-light restores RDS and Redis");
            Assert.That(bound, Is.EqualTo(restored.Max(DrillRestore.RestoreTimeout)), "the longest create timeout any restored copy carries");
            Assert.That(bound, Is.GreaterThanOrEqualTo(DrillRestore.MinimumRestoreTimeout), "never under the 2 h floor");
            Assert.That(DrillRestore.TeardownBound(bound, TimeSpan.FromMinutes(45)), Is.EqualTo(bound + TimeSpan.FromMinutes(45)),
                "teardown can wait for a restore still running before RDS lets it delete the copy, then for the deletions");
            Assert.That(DrillRestore.RestoreBound(tiers.Where(t => t.Kind == RestoreKind.ReadInPlace).ToList(), plan.Components), Is.EqualTo(TimeSpan.Zero),
                "a drill that restores no copy has no restore to wait for");
        });
    }
}
