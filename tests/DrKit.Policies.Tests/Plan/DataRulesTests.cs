namespace DrKit.Policies.Tests.Plan;

/// <summary>pitr-retention and immutable-backups.</summary>
public sealed class DataRulesTests
{
    [Test]
    public void Pitr_PassesWhenRdsRetainsTheWindow()
    {
        var report = Stacks.Check(Stacks.Two("kind: postgres", "tier: production", "strategy: pilot-light", "pitrWindow: 35d"));
        Assert.That(report.Of(RuleCatalog.PitrRetention), Is.Empty, "35 days is the most RDS keeps, and enough");
    }

    [Test]
    public void Pitr_FlagsAWindowRdsCannotKeep()
    {
        var finding = Stacks.Check(Stacks.Two("kind: postgres", "tier: production", "strategy: pilot-light", "pitrWindow: 40d")).Of(RuleCatalog.PitrRetention).Single();
        Assert.That(finding.Message, Does.Contain("35d").And.Contain("40d"), "retention and window are both named");
    }

    [Test]
    public void Pitr_SelfManagedIsBoundByTheWalArchiveOnly()
    {
        var report = Stacks.Check(Stacks.Two("kind: postgres", "tier: production", "strategy: pilot-light", "engine: self-managed", "pitrWindow: 40d"));
        Assert.That(report.Of(RuleCatalog.PitrRetention), Is.Empty, "a self-managed server keeps its PITR in the WAL archive, which expires after the window");
    }

    [Test]
    public void Pitr_FlagsAWalArchiveExpiringBeforeTheWindow()
    {
        var plan = Stacks.Two("kind: postgres", "tier: production", "strategy: pilot-light", "engine: self-managed", "pitrWindow: 30d");
        var c = plan.Components[0];
        var pg = (Core.Planning.PostgresSettings)c.Settings;
        var shortened = pg with { WalArchive = pg.WalArchive with { ExpireAfterDays = 7 } };
        var finding = Stacks.Check(plan with { Components = [c with { Settings = shortened }] }).Of(RuleCatalog.PitrRetention).Single();
        Assert.That(finding.Message, Does.Contain("WAL archive expires objects after 7d"), "the archive expiry is named");
    }

    [Test]
    public void Immutable_PassesForCriticalDataWithObjectLock()
    {
        var report = Stacks.Check(Stacks.Two("kind: postgres", "tier: critical", "strategy: warm-standby", "immutableBackups: true"));
        Assert.That(report.Of(RuleCatalog.ImmutableBackups), Is.Empty, "the WAL archive is locked");
    }

    [Test]
    public void Immutable_FlagsCriticalDataWithoutObjectLock()
    {
        var finding = Stacks.Check(Stacks.Two("kind: vector-index", "tier: critical", "strategy: warm-standby")).Of(RuleCatalog.ImmutableBackups).Single();
        Assert.That(finding.Message, Does.Contain("index store"), "the unlocked store is named");
    }

    [Test]
    public void Immutable_DoesNotApplyBelowCriticalTier()
    {
        var report = Stacks.Check(Stacks.Two("kind: model-artifacts", "tier: production", "strategy: warm-standby"));
        Assert.That(report.Of(RuleCatalog.ImmutableBackups), Is.Empty, "object lock is required for critical data only");
    }
}
