namespace DrKit.Policies.Tests;

/// <summary>Stack overrides of rule levels, and unknown rule ids.</summary>
public sealed class PolicyLevelsTests
{
    private static readonly string[] CriticalBackupRestore = ["kind: model-artifacts", "tier: critical", "strategy: backup-restore", "rto: 1h", "rpo: 1h", "objectLock: true"];

    [Test]
    public void Override_DisabledSilencesAMandatoryRule()
    {
        var report = Stacks.Check(Stacks.TwoWith("rules:\n  critical-not-backup-restore: disabled", CriticalBackupRestore));
        Assert.That(report.Of(RuleCatalog.CriticalNotBackupRestore), Is.Empty, "a disabled rule reports nothing");
    }

    [Test]
    public void Override_MandatoryTurnsAnAdvisoryRuleIntoAFailure()
    {
        var plan = Stacks.TwoWith("drillHistory: none.jsonl\nrules:\n  drill-recency: mandatory", "kind: inference-endpoint", "tier: production", "strategy: pilot-light");
        var report = Stacks.Check(plan);
        Assert.Multiple(() =>
        {
            Assert.That(report.Of(RuleCatalog.DrillRecency).Single().Level, Is.EqualTo(PolicyLevel.Mandatory), "the override sets the level");
            Assert.That(report.HasMandatoryViolations, Is.True, "a mandatory finding fails the check");
        });
    }

    [Test]
    public void Override_AdvisoryKeepsAFindingButDoesNotFail()
    {
        var report = Stacks.Check(Stacks.TwoWith("drillHistory: none.jsonl\nrules:\n  critical-not-backup-restore: advisory", CriticalBackupRestore));
        Assert.Multiple(() =>
        {
            Assert.That(report.Of(RuleCatalog.CriticalNotBackupRestore).Single().Level, Is.EqualTo(PolicyLevel.Advisory), "the finding stays visible");
            Assert.That(report.HasMandatoryViolations, Is.False, "nothing else in this stack is mandatory");
        });
    }

    [Test]
    public void UnknownRuleId_IsAMandatoryFindingNamingTheKey()
    {
        var report = Stacks.Check(Stacks.TwoWith("rules:\n  no-such-rule: advisory", "kind: inference-endpoint", "tier: production", "strategy: pilot-light"));
        var finding = report.Of(RuleCatalog.KnownRuleIds).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Subject, Is.EqualTo("drkit:policy.rules.no-such-rule"), "the config key is named");
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Mandatory), "a typo must not silently leave a rule at its default");
        });
    }

    [Test]
    public void UnverifiableViolations_AreNeverMandatory()
    {
        var levels = new PolicyLevels(Stacks.Two("kind: inference-endpoint", "tier: production", "strategy: pilot-light").Policy);
        var level = levels.For(RuleCatalog.PublicAccessBlocked, new Violation("b", "x", Unverifiable: true));
        Assert.That(level, Is.EqualTo(PolicyLevel.Advisory), "an unknown value cannot prove a violation");
    }

    [Test]
    public void Catalog_IdsAreKebabCaseAndUnique()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Unique, "ids name rules in stack configs");
            Assert.That(ids, Has.All.Matches("^[a-z]+(-[a-z]+)*$"), "ids are kebab-case");
        });
    }
}
