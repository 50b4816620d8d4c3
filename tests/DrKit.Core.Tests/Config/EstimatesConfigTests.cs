using DrKit.Core.Objectives;

namespace DrKit.Core.Tests.Config;

/// <summary><c>drkit:estimates</c>: decision time per tier and the drill calibration switch, validated like every other key.</summary>
public sealed class EstimatesConfigTests
{
    private static string Stack(string estimates) =>
        TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: pilot-light"), "us-west-2")
            .Replace("  drkit:components:\n", "  drkit:estimates:\n" + TestStacks.Indent(estimates, 4) + "  drkit:components:\n", StringComparison.Ordinal);

    [Test]
    public void DecisionTime_IsReadPerTier()
    {
        var spec = TestStacks.Read(Stack("decisionTime:\n  production: 3m\n  basic: 4h\ncalibration: measured"));
        Assert.Multiple(() =>
        {
            Assert.That(spec.Estimates.Decision(Tier.Production), Is.EqualTo(TimeSpan.FromMinutes(3)), "the stack's own production decision time");
            Assert.That(spec.Estimates.Decision(Tier.Standard), Is.EqualTo(TimeSpan.FromMinutes(30)), "tiers not listed keep DrKit's default");
            Assert.That(spec.Estimates.DecisionSource(Tier.Production), Is.EqualTo("drkit:estimates.decisionTime.production"), "a set value names its key");
            Assert.That(spec.Estimates.UseMeasured, Is.True, "calibration: measured uses the drills' step times");
        });
    }

    [Test]
    public void DecisionTime_NotADuration_NamesFileLineKeyAndExpectation()
    {
        var problem = TestStacks.Problems(Stack("decisionTime:\n  production: soon")).At("drkit:estimates.decisionTime.production", "expected a duration");
        Assert.That(problem.Location.Line, Is.GreaterThan(0), "the problem names the line");
    }

    [Test]
    public void DecisionTime_UnknownTier_IsRejected() =>
        TestStacks.Problems(Stack("decisionTime:\n  urgent: 1m")).At("drkit:estimates.decisionTime.urgent", "unknown key");

    [Test]
    public void Calibration_OtherThanAssumedOrMeasured_IsRejected() =>
        TestStacks.Problems(Stack("calibration: guessed")).At("drkit:estimates.calibration", "expected one of assumed, measured");
}
