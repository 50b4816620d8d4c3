using DrKit.Core.Config;
using DrKit.Core.Estimation;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Planning;

public sealed class PlanDiffTests
{
    private const string AsyncReplica = "      strategy: pilot-light\n      replication: async\n";
    private const string WalArchiveOnly = "      strategy: backup-restore\n      replication: none\n";

    private static string PilotLight => File.ReadAllText(RepoPaths.Stack("pilot-light")).ReplaceLineEndings("\n");

    private static DrPlan Plan(string yaml, string name) => Planner.Plan(StackSpecReader.Read("pilot-light", YamlStackFile.Parse(yaml, name)));

    private static string Edit(string yaml, string from, string to)
    {
        Assert.That(yaml, Does.Contain(from), $"the stack file should contain the text to edit: {from}");
        return yaml.Replace(from, to, StringComparison.Ordinal);
    }

    private static ComponentChange Change(PlanDiffResult diff, string component) => diff.Changes.Single(c => c.Component == component);

    [Test]
    public void IdenticalStacks_HaveNoRegression()
    {
        var diff = PlanDiff.Compare(Plan(PilotLight, "old.yaml"), Plan(PilotLight, "new.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(diff.HasRegressions, Is.False, "nothing changed");
            Assert.That(diff.Changes.Select(c => c.Kind), Is.All.EqualTo(ChangeKind.Unchanged), "every component is unchanged");
            Assert.That((diff.OldSource, diff.NewSource), Is.EqualTo(("old.yaml", "new.yaml")), "both sources are named");
        });
    }

    [Test]
    public void AsyncReplicaReplacedByBackupRestore_Regresses()
    {
        var weakened = Edit(PilotLight, AsyncReplica, WalArchiveOnly);
        var diff = PlanDiff.Compare(Plan(PilotLight, "old.yaml"), Plan(weakened, "new.yaml"));
        var change = Change(diff, "context-store");
        // RDS's own point-in-time recovery: logs uploaded every 5 minutes, then the backup copy (typically 15m, unbounded).
        var newRpo = Assumptions.RdsLogUpload + Assumptions.S3TypicalReplication;
        Assert.Multiple(() =>
        {
            Assert.That(diff.HasRegressions, Is.True, "losing the replica is a regression");
            Assert.That(change.Kind, Is.EqualTo(ChangeKind.Regressed), "context-store regressed");
            Assert.That(change.Details, Has.Some.EqualTo($"RPO {DurationText.Format(Assumptions.AsyncReplicaLag)} -> {DurationText.Format(newRpo)}"), "the RPO move is spelled out");
            Assert.That(change.Details, Has.Some.StartWith("RTO "), "restoring takes longer than promoting");
            Assert.That(change.Details, Has.Some.StartWith("verdict Breached -> Breached").Or.Some.StartWith("strategy"), "the verdict stays breached or the strategy change is listed");
            Assert.That(change.Details, Has.Some.EqualTo("strategy pilot-light -> backup-restore"), "the strategy change is listed");
            Assert.That(Change(diff, "session-cache").Kind, Is.EqualTo(ChangeKind.Improved), "the cache is now the only tier promoted: it no longer waits behind the database's promotion");
        });
    }

    [Test]
    public void LongerArchiveTimeoutOnBackupRestore_Regresses()
    {
        // Self-managed: the archive timeout is what ships WAL (on RDS the 5-minute log upload decides, whatever archive_timeout says).
        var before = Edit(PilotLight, AsyncReplica, WalArchiveOnly + "      engine: self-managed\n");
        var after = Edit(before, "archiveTimeout: 60s", "archiveTimeout: 15m");
        var change = Change(PlanDiff.Compare(Plan(before, "old.yaml"), Plan(after, "new.yaml")), "context-store");
        Assert.Multiple(() =>
        {
            Assert.That(change.Kind, Is.EqualTo(ChangeKind.Regressed), "a longer archive timeout loses more data");
            Assert.That(change.Details[0], Is.EqualTo($"RPO {DurationText.Format(TimeSpan.FromSeconds(60) + Assumptions.S3RtcWindow)} -> {DurationText.Format(TimeSpan.FromMinutes(15) + Assumptions.S3RtcWindow)}"),
                "the RPO grows by the timeout difference");
        });
    }

    [Test]
    public void RtcTurnedOff_RegressesOnTheLostGuarantee()
    {
        var after = Edit(PilotLight, "      objectLock: true\n      objectLockRetention: 30d\n", "      objectLock: true\n      objectLockRetention: 30d\n      replicationTimeControl: false\n");
        var change = Change(PlanDiff.Compare(Plan(PilotLight, "old.yaml"), Plan(after, "new.yaml")), "model-artifacts");
        Assert.Multiple(() =>
        {
            Assert.That(change.Kind, Is.EqualTo(ChangeKind.Regressed), "the same 15m without RTC is no longer guaranteed");
            Assert.That(change.Details, Has.Some.EqualTo("RPO is no longer guaranteed"), "the lost guarantee is named");
            Assert.That(change.Details, Has.Some.StartWith("verdict Met -> AtRisk"), "the verdict worsens");
            Assert.That(change.Details, Has.Some.Contains("mechanism 'S3 cross-region replication with RTC' -> 'S3 cross-region replication (no RTC)'"), "the mechanism change is listed");
        });
    }

    [Test]
    public void RemovedComponent_CountsAsARegression()
    {
        var after = PilotLight[..PilotLight.IndexOf("    features-offline:\n", StringComparison.Ordinal)];
        var diff = PlanDiff.Compare(Plan(PilotLight, "old.yaml"), Plan(after, "new.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(Change(diff, "features-offline").Kind, Is.EqualTo(ChangeKind.Removed), "the component is gone");
            Assert.That(diff.HasRegressions, Is.True, "whatever protected it is gone too");
        });
    }

    [Test]
    public void AddedComponent_IsNotARegression()
    {
        var after = PilotLight + "    archive2:\n      kind: model-artifacts\n      strategy: pilot-light\n";
        var diff = PlanDiff.Compare(Plan(PilotLight, "old.yaml"), Plan(after, "new.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(Change(diff, "archive2").Kind, Is.EqualTo(ChangeKind.Added), "the new component is listed");
            Assert.That(Change(diff, "archive2").Details.Single(), Does.StartWith("new S3 cross-region replication with RTC: RTO "), "with its mechanism and estimate");
            Assert.That(diff.HasRegressions, Is.False, "adding protection that recovers on its own path is no regression");
        });
    }

    [Test]
    public void AddedDataTier_LengthensTheFailoverOfWhatComesAfterIt()
    {
        var after = PilotLight + "    cache2:\n      kind: redis\n      strategy: pilot-light\n";
        var diff = PlanDiff.Compare(Plan(PilotLight, "old.yaml"), Plan(after, "new.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(Change(diff, "cache2").Kind, Is.EqualTo(ChangeKind.Added), "the new tier is listed");
            Assert.That(Change(diff, "api").Kind, Is.EqualTo(ChangeKind.Regressed), "tiers are promoted one after the other: traffic moves one promotion later");
            Assert.That(Change(diff, "context-store").Kind, Is.EqualTo(ChangeKind.Unchanged), "a tier promoted before the new one is not delayed by it");
        });
    }

    [Test]
    public void StrongerMechanism_IsAnImprovement()
    {
        var weaker = Edit(PilotLight, AsyncReplica, WalArchiveOnly);
        var diff = PlanDiff.Compare(Plan(weaker, "old.yaml"), Plan(PilotLight, "new.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(Change(diff, "context-store").Kind, Is.EqualTo(ChangeKind.Improved), "adding a replica improves RPO and RTO");
            Assert.That(Change(diff, "session-cache").Kind, Is.EqualTo(ChangeKind.Regressed), "honestly: the cache is now promoted after the database, one promotion later");
        });
    }

    [Test]
    public void TargetOnlyChange_IsChangedNotRegressed()
    {
        var after = Edit(PilotLight, "      rpo: 4h\n      repositories:", "      rpo: 5h\n      repositories:");
        var change = Change(PlanDiff.Compare(Plan(PilotLight, "old.yaml"), Plan(after, "new.yaml")), "images");
        Assert.Multiple(() =>
        {
            Assert.That(change.Kind, Is.EqualTo(ChangeKind.Changed), "the achievable recovery did not move");
            Assert.That(change.Details.Single(), Is.EqualTo("target RTO 30m -> 30m, RPO 4h -> 5h"), "the target change is listed");
        });
    }
}
