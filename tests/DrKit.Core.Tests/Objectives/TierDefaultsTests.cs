using DrKit.Core.Objectives;

namespace DrKit.Core.Tests.Objectives;

public sealed class TierDefaultsTests
{
    [TestCase(Tier.Critical, "5m", "1m")]
    [TestCase(Tier.Production, "30m", "15m")]
    [TestCase(Tier.Standard, "4h", "1h")]
    [TestCase(Tier.Basic, "24h", "24h")]
    public void For_GivesTheServiceTierMatrix(Tier tier, string rto, string rpo)
    {
        var objectives = TierDefaults.For(tier);
        Assert.Multiple(() =>
        {
            Assert.That(objectives.Rto, Is.EqualTo(DurationText.Parse(rto)), $"{tier} RTO");
            Assert.That(objectives.Rpo, Is.EqualTo(DurationText.Parse(rpo)), $"{tier} RPO");
        });
    }

    [TestCase("critical", Tier.Critical)]
    [TestCase("production", Tier.Production)]
    [TestCase("standard", Tier.Standard)]
    [TestCase("basic", Tier.Basic)]
    public void Component_WithoutObjectives_TakesItsTierDefaults(string tierName, Tier tier)
    {
        var plan = TestStacks.Two("kind: redis", $"tier: {tierName}", "strategy: warm-standby");
        Assert.That(plan.Target, Is.EqualTo(TierDefaults.For(tier)), $"a {tierName} component without rto/rpo takes the tier's objectives");
    }

    [Test]
    public void Component_WithoutTier_IsStandard()
    {
        var plan = TestStacks.Two("kind: redis", "strategy: warm-standby");
        Assert.That(plan.Tier, Is.EqualTo(Tier.Standard), "tier defaults to standard");
    }

    [Test]
    public void ExplicitRtoAndRpo_OverrideTheTier()
    {
        var plan = TestStacks.Two("kind: redis", "tier: critical", "strategy: warm-standby", "rto: 2h", "rpo: 10m");
        Assert.That(plan.Target, Is.EqualTo(new RecoveryObjectives(TimeSpan.FromHours(2), TimeSpan.FromMinutes(10))), "explicit objectives win over the critical tier's");
    }

    [Test]
    public void ExplicitRpoAlone_KeepsTheTierRto()
    {
        var plan = TestStacks.Two("kind: redis", "tier: production", "strategy: warm-standby", "rpo: 1h");
        Assert.That(plan.Target, Is.EqualTo(new RecoveryObjectives(TimeSpan.FromMinutes(30), TimeSpan.FromHours(1))), "only the given objective is overridden");
    }

    [Test]
    public void StatelessComponent_HasNoRpoTarget()
    {
        var plan = TestStacks.Two("kind: inference-endpoint", "tier: critical", "strategy: pilot-light");
        Assert.That(plan.Target.Rpo, Is.Null, "an inference endpoint keeps no data, so it has no RPO target");
    }
}
