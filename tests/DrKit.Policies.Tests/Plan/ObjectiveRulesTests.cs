using DrKit.Core.Objectives;

namespace DrKit.Policies.Tests.Plan;

/// <summary>objectives-declared, objectives-within-target and critical-not-backup-restore.</summary>
public sealed class ObjectiveRulesTests
{
    [Test]
    public void ObjectivesDeclared_PassesWhenTierGivesTargets()
    {
        var report = Stacks.Check(Stacks.Two("kind: postgres", "tier: production", "strategy: pilot-light"));
        Assert.That(report.Of(RuleCatalog.ObjectivesDeclared), Is.Empty, "a tier always supplies RTO and RPO targets");
    }

    [Test]
    public void ObjectivesDeclared_FlagsADataComponentWithoutRpoTarget()
    {
        var plan = Stacks.Two("kind: postgres", "tier: production", "strategy: pilot-light");
        var c = plan.Components[0];
        plan = plan with { Components = [c with { Target = new RecoveryObjectives(c.Target.Rto, null) }] };
        var finding = Stacks.Check(plan).Of(RuleCatalog.ObjectivesDeclared).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Subject, Is.EqualTo("c"), "the finding names the component");
            Assert.That(finding.Message, Does.Contain("RPO"), "the missing objective is named");
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Mandatory), "a component without objectives cannot be judged at all");
        });
    }

    [Test]
    public void WithinTarget_PassesWhenEstimatesFit()
    {
        var report = Stacks.Check(Stacks.Two("kind: inference-endpoint", "tier: production", "strategy: pilot-light"));
        Assert.That(report.Of(RuleCatalog.ObjectivesWithinTarget), Is.Empty, "pilot light recovers an endpoint well within 30m");
    }

    [Test]
    public void WithinTarget_IsMandatoryForCriticalTier()
    {
        var finding = Stacks.Check(Stacks.Two("kind: inference-endpoint", "tier: critical", "strategy: pilot-light")).Of(RuleCatalog.ObjectivesWithinTarget).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Mandatory), "a critical component outside its target fails the check");
            Assert.That(finding.Message, Does.Contain("RTO").And.Contain("exceeds target 5m"), "the message gives estimate and target");
        });
    }

    [Test]
    public void WithinTarget_IsAdvisoryBelowCriticalTier()
    {
        var finding = Stacks.Check(Stacks.Two("kind: inference-endpoint", "tier: production", "strategy: pilot-light", "rto: 2m")).Of(RuleCatalog.ObjectivesWithinTarget).Single();
        Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Advisory), "outside critical tier a missed target is reported, not gating");
    }

    [Test]
    public void WithinTarget_OverrideAppliesToEveryTier()
    {
        var plan = Stacks.TwoWith("rules:\n  objectives-within-target: mandatory", "kind: inference-endpoint", "tier: production", "strategy: pilot-light", "rto: 2m");
        Assert.That(Stacks.Check(plan).Of(RuleCatalog.ObjectivesWithinTarget).Single().Level, Is.EqualTo(PolicyLevel.Mandatory),
            "a stack override replaces the per-tier default for all tiers");
    }

    [Test]
    public void CriticalNotBackupRestore_PassesForWarmerStrategies()
    {
        var report = Stacks.Check(Stacks.Two("kind: model-artifacts", "tier: critical", "strategy: warm-standby", "rto: 1h", "rpo: 1h", "objectLock: true"));
        Assert.That(report.Of(RuleCatalog.CriticalNotBackupRestore), Is.Empty, "warm standby is allowed for critical components");
    }

    [Test]
    public void CriticalNotBackupRestore_FlagsCriticalBackupRestore()
    {
        var report = Stacks.Check(Stacks.Two("kind: model-artifacts", "tier: critical", "strategy: backup-restore", "rto: 1h", "rpo: 1h", "objectLock: true"));
        var finding = report.Of(RuleCatalog.CriticalNotBackupRestore).Single();
        Assert.That(finding.ToString(), Does.Contain("c").And.Contain("critical-not-backup-restore").And.Contain("Fix: use pilot-light"),
            "the line names the component, the rule and the fix");
    }
}
