using DrKit.Core.Estimation;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Planning;

public sealed class JudgeTests
{
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(10);

    private static Estimate Rto(TimeSpan rto, bool guaranteed = true, params string[] caveats) => new(null, rto, true, guaranteed, [], caveats);

    private static Verdict Judge(TimeSpan rto) => DrKit.Core.Planning.Judge.Verdict(new RecoveryObjectives(Target, null), Rto(rto)).Verdict;

    [Test]
    public void EstimateEqualToTarget_IsAtRiskUnderTheMarginRule() =>
        Assert.That(Judge(Target), Is.EqualTo(Verdict.AtRisk), "meeting the target exactly uses 100% of it, above the 80% margin");

    [Test]
    public void EstimateJustAboveTarget_IsBreached() =>
        Assert.That(Judge(Target + TimeSpan.FromTicks(1)), Is.EqualTo(Verdict.Breached), "one tick over the target breaches it");

    [Test]
    public void EstimateAtExactlyTheMargin_IsMet() =>
        Assert.That(Judge(Target * Assumptions.AtRiskMargin), Is.EqualTo(Verdict.Met), "exactly 80% of the target still leaves the margin");

    [Test]
    public void EstimateJustAboveTheMargin_IsAtRisk() =>
        Assert.That(Judge(Target * Assumptions.AtRiskMargin + TimeSpan.FromSeconds(1)), Is.EqualTo(Verdict.AtRisk), "over 80% of the target leaves too little margin");

    [Test]
    public void ZeroEstimateOfZeroTarget_IsMet() =>
        Assert.That(DrKit.Core.Planning.Judge.Verdict(new RecoveryObjectives(Target, TimeSpan.Zero), new Estimate(TimeSpan.Zero, TimeSpan.Zero, true, true, [], [])).Verdict,
            Is.EqualTo(Verdict.Met), "a synchronous replica meets an RPO of zero");

    [Test]
    public void UnguaranteedEstimateWellWithinTarget_IsAtRisk()
    {
        var (verdict, reason) = DrKit.Core.Planning.Judge.Verdict(new RecoveryObjectives(Target, null), Rto(TimeSpan.FromMinutes(1), guaranteed: false, "capacity may not exist in us-west-2"));
        Assert.Multiple(() =>
        {
            Assert.That(verdict, Is.EqualTo(Verdict.AtRisk), "no guarantee, no met verdict");
            Assert.That(reason, Does.Contain("worst case is unbounded").And.Contain("only the typical case meets it").And.Contain("may not exist"), "the reason says why and carries the capacity caveat");
        });
    }

    [Test]
    public void UnguaranteedEstimateAboveTarget_IsBreached() =>
        Assert.That(DrKit.Core.Planning.Judge.Verdict(new RecoveryObjectives(Target, null), Rto(Target * 2, guaranteed: false)).Verdict, Is.EqualTo(Verdict.Breached),
            "a breach outranks a missing guarantee");

    [Test]
    public void StatelessTarget_IgnoresAnyRpo()
    {
        var estimate = new Estimate(TimeSpan.FromDays(10), TimeSpan.FromMinutes(1), false, true, [], []);
        var (verdict, reason) = DrKit.Core.Planning.Judge.Verdict(new RecoveryObjectives(Target, null), estimate);
        Assert.Multiple(() =>
        {
            Assert.That(verdict, Is.EqualTo(Verdict.Met), "a component with no RPO target is judged on RTO alone");
            Assert.That(reason, Does.Not.Contain("RPO"), "the reason mentions no RPO");
        });
    }

    [Test]
    public void RpoBreach_IsReportedWithBothFigures()
    {
        var (verdict, reason) = DrKit.Core.Planning.Judge.Verdict(new RecoveryObjectives(Target, TimeSpan.FromMinutes(1)), new Estimate(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), true, true, [], []));
        Assert.Multiple(() =>
        {
            Assert.That(verdict, Is.EqualTo(Verdict.Breached), "2m RPO exceeds a 1m target");
            Assert.That(reason, Is.EqualTo("RPO typical 2m exceeds target 1m"), "the reason shows estimate and target");
        });
    }

    [Test]
    public void MetReason_ShowsBothComparisons()
    {
        var (_, reason) = DrKit.Core.Planning.Judge.Verdict(new RecoveryObjectives(Target, TimeSpan.FromHours(1)), new Estimate(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), true, true, [], []));
        Assert.That(reason, Is.EqualTo("RPO worst 5s <= 1h, RTO worst 1m <= 10m"), "a met verdict shows its arithmetic on the worst case");
    }

    [Test]
    public void WorstAboveTargetWhileTypicalMeets_IsBreachedAndSaysOnlyTypicalMeets()
    {
        var estimate = new Estimate(null, Target * 2, true, true, [], []) { RtoTypical = Target / 2 };
        var (verdict, reason) = DrKit.Core.Planning.Judge.Verdict(new RecoveryObjectives(Target, null), estimate);
        Assert.Multiple(() =>
        {
            Assert.That(verdict, Is.EqualTo(Verdict.Breached), "a promise is judged on its worst case");
            Assert.That(reason, Does.Contain("only the typical case (5m) meets it"), "the reason says the typical case alone meets the target");
        });
    }
}
