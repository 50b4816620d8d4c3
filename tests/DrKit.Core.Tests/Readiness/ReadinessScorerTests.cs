using DrKit.Core.Planning;
using DrKit.Core.Readiness;

namespace DrKit.Core.Tests.Readiness;

public sealed class ReadinessScorerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static DrPlan PilotLight => Planner.PlanFile(RepoPaths.Stack("pilot-light"));

    private static DrillSummary DrilledAt(DateTimeOffset at, bool ok = true) => new(true, ".drkit/drills/pilot-light.jsonl", (at, ok), ok ? at : null, []);

    private static LiveReadings Healthy() => new(
        [new LagObservation("context-store", "us-west-2", TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(15), "cw")],
        [new CapacityObservation("gpu", "us-west-2", 2, 2, "ec2")],
        [new HealthObservation("us-west-2", true, "route53")],
        [new BackupObservation("context-store", "us-west-2", TimeSpan.FromHours(2), TimeSpan.FromHours(26), "rds")]);

    /// <summary>
    /// What pilot light's plan costs now that verdicts judge the worst case: api, context-store and gpu breach their
    /// production targets at worst (15 each), the cache, images, online and offline features are at risk on unbounded
    /// worst cases (half their tier weight): more than the plan category's cap of 40.
    /// </summary>
    private const int PilotLightPlanPoints = 40;

    [Test]
    public void PilotLight_RecentlyDrilledAndHealthy_LosesOnlyItsAtRiskEstimates()
    {
        var report = ReadinessScorer.Score(PilotLight, [], DrilledAt(Now.AddDays(-3)), Now, Healthy());
        Assert.Multiple(() =>
        {
            Assert.That(report.Deductions.Select(d => (d.Category, d.Subject, d.Points)).Take(3),
                Is.EqualTo(new[] { (ReadinessScorer.Plan, "api", 15), (ReadinessScorer.Plan, "context-store", 15), (ReadinessScorer.Plan, "session-cache", 5) }),
                "a breached worst case costs its tier weight (production 15), an unbounded one at risk half of it (standard 5)");
            Assert.That(report.Deductions.Where(d => d.Category == ReadinessScorer.Plan).Sum(d => d.Points), Is.EqualTo(PilotLightPlanPoints), "plan verdicts are capped at 40 points");
            Assert.That(report.Score, Is.EqualTo(100 - PilotLightPlanPoints), "nothing live deducts");
            Assert.That(report.Live, Is.True, "live state was read");
        });
    }

    [Test]
    public void NoDrillHistory_CostsTwentyAndSaysWhy()
    {
        var report = ReadinessScorer.Score(PilotLight, [], DrillSummary.None, Now, null);
        var drill = report.Deductions.Single(d => d.Category == ReadinessScorer.Drill);
        Assert.Multiple(() =>
        {
            Assert.That(drill.Points, Is.EqualTo(20), "an untested plan");
            Assert.That(drill.Why, Does.Contain("drillHistory"), "names the missing setting");
            Assert.That(report.NotChecked, Has.Count.EqualTo(1), "offline: live state is listed as not checked");
            Assert.That(report.Score, Is.EqualTo(100 - PilotLightPlanPoints - 20), "plan verdicts and the missing drill");
        });
    }

    [Test]
    public void StaleAndFailedDrill_CostBoth()
    {
        var summary = new DrillSummary(true, "h.jsonl", (Now.AddDays(-1), false), Now.AddDays(-120), []);
        var report = ReadinessScorer.Score(PilotLight, [], summary, Now, null);
        Assert.That(report.Deductions.Where(d => d.Category == ReadinessScorer.Drill).Select(d => d.Points), Is.EqualTo(new[] { 15, 10 }),
            "older than drillMaxAge 90d, and the newest drill failed");
    }

    [Test]
    public void ReservationEndingInsideThePostureWindow_CostsTen()
    {
        var nearEnd = new DateTimeOffset(2027, 11, 15, 0, 0, 0, TimeSpan.Zero);
        var report = ReadinessScorer.Score(PilotLight, [], DrilledAt(nearEnd.AddDays(-1)), nearEnd, null);
        var reservation = report.Deductions.Single(d => d.Category == ReadinessScorer.Reservation);
        Assert.Multiple(() =>
        {
            Assert.That(reservation.Points, Is.EqualTo(10), "ends 2027-12-31, inside 90 days");
            Assert.That(reservation.Subject, Is.EqualTo("gpu (us-west-2)"), "names the component and region");
        });
    }

    [Test]
    public void LagBeyondRpo_CostsThirtyAndUnknownLagFifteen()
    {
        var live = Healthy() with
        {
            Lag =
            [
                new LagObservation("context-store", "us-west-2", TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(15), "cw"),
                new LagObservation("session-cache", "us-west-2", null, TimeSpan.FromHours(1), "no datapoint"),
            ],
        };
        var report = ReadinessScorer.Score(PilotLight, [], DrilledAt(Now.AddDays(-1)), Now, live);
        Assert.That(report.Deductions.Where(d => d.Category == ReadinessScorer.Lag).Select(d => d.Points), Is.EqualTo(new[] { 30, 0 }),
            "30 for the breach, then the category cap of 30 leaves nothing for the unknown lag");
    }

    [Test]
    public void UnhealthyRecoveryRegionAndMissingCapacity_DropBelowTheAlertThreshold()
    {
        var live = Healthy() with
        {
            Capacity = [new CapacityObservation("gpu", "us-west-2", 0, 2, "ec2")],
            Health = [new HealthObservation("us-west-2", false, "route53")],
        };
        var report = ReadinessScorer.Score(PilotLight, [], DrilledAt(Now.AddDays(-1)), Now, live);
        Assert.Multiple(() =>
        {
            Assert.That(report.Score, Is.EqualTo(100 - PilotLightPlanPoints - 25 - 25), "plan verdicts, capacity and health");
            Assert.That(report.BelowThreshold, Is.True, "the seeds alert below 70");
        });
    }

    [Test]
    public void PolicyFindings_MandatoryTenAdvisoryTwo_AndRulesScoredElsewhereSkipped()
    {
        ReadinessFinding[] findings =
        [
            new("pitr-retention", true, "context-store", "short"),
            new("immutable-backups", false, "x", "mutable"),
            new("drill-recency", false, "stack", "old"),
        ];
        var report = ReadinessScorer.Score(PilotLight, findings, DrilledAt(Now.AddDays(-1)), Now, null);
        Assert.That(report.Deductions.Where(d => d.Category == ReadinessScorer.Policy).Select(d => d.Points), Is.EqualTo(new[] { 10, 2 }),
            "drill-recency is scored by the drill category, not twice");
    }

    [Test]
    public void BreachedCriticalComponent_CostsTwenty()
    {
        var plan = TestStacks.Plan(TestStacks.Yaml(TestStacks.Component("kind: postgres", "tier: critical", "strategy: backup-restore"), "us-west-2"));
        var report = ReadinessScorer.Score(plan, [], DrilledAt(Now.AddDays(-1)), Now, null);
        Assert.That(report.Deductions.Single(d => d.Category == ReadinessScorer.Plan).Points, Is.EqualTo(20), "critical weight for a breached estimate");
    }

    [Test]
    public void AlertTopicsWithoutConfirmedSubscription_DeductAndNotesAreListedAsNotChecked()
    {
        var live = Healthy() with
        {
            Alerts = [new AlertObservation("us-west-2/critical", 0, "SNS lists 1 subscription(s), 0 confirmed"), new AlertObservation("us-east-1/high", null, "endpoint unreachable"), new AlertObservation("us-west-2/high", 1, "1 confirmed")],
            Notes = ["context-store: the us-west-2 member is the writer now"],
        };
        var report = ReadinessScorer.Score(PilotLight, [], DrilledAt(Now), Now, live);
        Assert.Multiple(() =>
        {
            Assert.That(report.Deductions.Where(d => d.Category == ReadinessScorer.Alerting).Select(d => (d.Subject, d.Points)),
                Is.EqualTo(new[] { ("us-west-2/critical", 10), ("us-east-1/high", 5) }), "an unanswered critical topic costs 10, an unreadable one 5, a confirmed one nothing");
            Assert.That(report.NotChecked, Does.Contain("context-store: the us-west-2 member is the writer now"), "what the live read found not applicable is shown");
        });
    }
}
