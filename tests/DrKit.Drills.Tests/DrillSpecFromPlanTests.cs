using DrKit.Core.Planning;
using DrKit.Drills.Planning;
using PgMode = DrKit.Drills.Postgres.ReplicationMode;

namespace DrKit.Drills.Tests;

public sealed class DrillSpecFromPlanTests
{
    private static DrPlan Bundled(string stack) => Planner.PlanFile(RepoPaths.Stack(stack));

    [Test]
    public void PilotLight_DrillsAsyncReplicaWithPlannedArchiveTimeoutAndTargets()
    {
        var plan = Bundled("pilot-light");
        var spec = DrillSpecFromPlan.Create(plan, DrillFailureMode.KillPrimary, restore: false);

        Assert.Multiple(() =>
        {
            Assert.That(spec.PostgresMode, Is.EqualTo(PgMode.Async), "the pilot-light plan replicates PostgreSQL asynchronously");
            Assert.That(spec.ArchiveTimeout, Is.EqualTo(TimeSpan.FromSeconds(60)), "archive_timeout comes from the plan's parameters");
            Assert.That(spec.PostgresTargets, Is.EqualTo(new TierTargets(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30))), "production tier objectives of context-store");
            Assert.That(spec.Redis && spec.Sentinel, Is.True, "session-cache asks for automatic failover, which locally means Sentinel");
            Assert.That(spec.Restore, Is.False, "a stack with a replica drills the failover unless a restore is asked for");
        });
    }

    [TestCase("pilot-light", 60)]
    [TestCase("active-active", 30)]
    public void StopArchive_OutageOutlastsTheStacksArchiveTimeout(string stack, int archiveTimeoutSeconds)
    {
        var spec = DrillSpecFromPlan.Create(Bundled(stack), DrillFailureMode.StopArchive, restore: false);

        Assert.That(spec.ArchiveOutage, Is.GreaterThan(TimeSpan.FromSeconds(archiveTimeoutSeconds)),
            "with archive_timeout forcing the segment switch, a shorter outage sees no archive attempt, and the drill reports it undetected");
    }

    [Test]
    public void ActiveActive_DrillsSynchronousReplication()
    {
        var spec = DrillSpecFromPlan.Create(Bundled("active-active"), DrillFailureMode.KillPrimary, restore: false);

        Assert.That(spec.PostgresMode, Is.EqualTo(PgMode.Sync), "context-store is self-managed with synchronous replication");
        Assert.That(spec.PostgresTargets.Rpo, Is.EqualTo(TimeSpan.FromMinutes(1)), "critical tier RPO");
    }

    [Test]
    public void PrimaryOnly_DrillsTheRestoreBecauseNoReplicaExists()
    {
        var spec = DrillSpecFromPlan.Create(Bundled("primary"), DrillFailureMode.KillPrimary, restore: false);

        Assert.That(spec.Restore, Is.True, "a backup-restore database is drilled by restoring it");
    }

    [Test]
    public void Force_CarriesTheReason()
    {
        var spec = DrillSpecFromPlan.Create(Bundled("pilot-light"), DrillFailureMode.PausedReplica, restore: false, forceReason: "drill of the override");

        Assert.That((spec.Force, spec.ForceReason), Is.EqualTo((true, "drill of the override")), "a forced drill records why");
        Assert.DoesNotThrow(spec.Validate, "the derived spec is valid");
    }
}
