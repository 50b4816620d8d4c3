using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Runbooks;

namespace DrKit.Operations.Tests;

public sealed class RunbookTests
{
    private static DrPlan Plan(string stack) => Planner.PlanFile(RepoPaths.Stack(stack));

    private static readonly DrillSummary Drilled = new(true, ".drkit/drills/pilot-light.jsonl", (new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), true), new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero),
        [new DrillTierMeasure("postgres", TimeSpan.FromSeconds(1.5), TimeSpan.Zero, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15))]);

    [Test]
    public void PilotLight_HasTheSevenPhasesInOrder()
    {
        var runbook = RunbookBuilder.Build(Plan("pilot-light"), DrillSummary.None);
        Assert.That(runbook.Phases.Select(p => p.Name), Is.EqualTo(new[] { "Detect", "Assess", "Decide", "Execute", "Verify", "Communicate", "Fail back" }), "the seeds' runbook template");
    }

    [Test]
    public void PilotLight_ExecuteRunsTheDryRunBeforeTheFailover()
    {
        var commands = RunbookBuilder.Build(Plan("pilot-light"), DrillSummary.None).Phases.Single(p => p.Name == "Execute").Steps.Select(s => s.Command).OfType<string>().ToList();
        Assert.That(commands.Take(2), Is.EqualTo(new[] { "drkit failover pilot-light --dry-run", "drkit failover pilot-light" }), "review the exact calls, then run");
    }

    [Test]
    public void Decision_DeadlineIsTargetMinusEstimate()
    {
        var plan = Plan("pilot-light");
        var store = RunbookBuilder.Decision(plan.Component("context-store")!);
        Assert.Multiple(() =>
        {
            // The estimate counts a decision of its own; what the operator has is the target less everything else, typically.
            var c = plan.Component("context-store")!;
            var decision = c.Estimate.Terms.Single(t => t.Measure == "RTO" && t.Name == "decision").Typical;
            Assert.That(store.Deadline, Is.EqualTo(c.Target.Rto - (c.Estimate.TypicalRto - decision)), "time left to decide");
            Assert.That(store.WaitWhen, Does.Contain("replica lag exceeds 15m"), "lag beyond the RPO is a reason to wait");
            Assert.That(store.Authority, Does.Contain("operations manager"), "a manual regional switch under 4h");
        });
    }

    [Test]
    public void Authority_AboveFourHoursIsADisasterDeclaration() =>
        Assert.That(RunbookBuilder.Authority(TimeSpan.FromHours(5), Core.Model.Strategy.BackupRestore), Does.Contain("business continuity director"), "the seeds' authority levels");

    [Test]
    public void Primary_RecoversInRegionWithNoFailoverCommand()
    {
        var runbook = RunbookBuilder.Build(Plan("primary"), DrillSummary.None);
        var execute = runbook.Phases.Single(p => p.Name == "Execute");
        Assert.That(execute.Steps.Select(s => s.Command).OfType<string>(), Has.None.Contains("failover"), "a single-region stack has nowhere to fail over to");
    }

    [Test]
    public void Markdown_IsDeterministicAndShowsTheLastDrillBesideTargets()
    {
        var plan = Plan("pilot-light");
        var first = RunbookMarkdown.Render(RunbookBuilder.Build(plan, Drilled));
        var second = RunbookMarkdown.Render(RunbookBuilder.Build(Plan("pilot-light"), Drilled));
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(second), "regenerating gives the same text, so a pull request shows only real changes");
            Assert.That(first, Does.Contain("| postgres | 1.500 s | 30m | 0.000 s | 15m | met |"), "measured beside targets");
            Assert.That(first, Does.Contain("drkit-pilot-light-context-store-replica-lag-us-west-2"), "the alarms the stack declares");
        });
    }

    [Test]
    public void Html_IsSelfContainedWithTheDrillReportStyleAndAChart()
    {
        var html = RunbookHtml.Render(RunbookBuilder.Build(Plan("pilot-light"), Drilled));
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain(Core.Reporting.ReportStyle.Css), "the drill reports' stylesheet");
            Assert.That(html, Does.Contain("<svg class=\"bars\""), "a chart of recovery times");
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("src=\""), "nothing loaded from elsewhere");
            Assert.That(html, Does.Contain("$ drkit failback pilot-light --dry-run"), "exact failback commands");
        });
    }

    [Test]
    public void PilotLight_DetectNamesTheSignalThatSurvivesTheUsEast1Outage()
    {
        var detect = RunbookBuilder.Build(Plan("pilot-light"), DrillSummary.None).Phases.Single(p => p.Name == "Detect").Steps.Select(s => s.Text).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(detect[0], Does.Contain("drkit-pilot-light-api-canary-us-east-1").And.Contain("us-west-2").And.Contain("critical"),
                "the first signal is the canary homed in the recovery region, paging");
            Assert.That(detect, Has.Some.Contains("may stay silent"), "the Route 53 alarm's fate-sharing with us-east-1 is said");
            Assert.That(detect, Has.Some.Contains("context-store-replica-lag-us-west-2").And.Contains("late"), "the recovery-region lag alarm as a late signal");
        });
    }

    [Test]
    public void PilotLight_FailBackReadsResyncFromAwsNotFromStackOutputs()
    {
        var failback = RunbookBuilder.Build(Plan("pilot-light"), DrillSummary.None).Phases.Single(p => p.Name == "Fail back").Steps.Select(s => s.Text).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(failback, Has.Some.Contains("GlobalDatastoreReplicationLag"), "the old primary's resync lag is read from CloudWatch");
            Assert.That(failback, Has.Some.Contains("create-db-instance-read-replica"), "the RDS re-seed the failback makes");
            Assert.That(failback, Has.None.Contains("resyncLagSeconds"), "no stack output stands in for real state");
        });
    }

    [Test]
    public void PilotLight_VerifyAsksOnlyForAlarmsThatCanBeOk()
    {
        var verify = RunbookBuilder.Build(Plan("pilot-light"), DrillSummary.None).Phases.Single(p => p.Name == "Verify").Steps.Select(s => s.Text).ToList();
        Assert.That(verify, Has.None.Contains("alarms in the recovery region must be OK"), "after a failover the planned alarms cannot all be OK");
    }
}
