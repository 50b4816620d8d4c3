using DrKit.Failover.Tests.Fakes;
using Moq;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class FailoverEngineRefusalTests
{
    [Test]
    public async Task Run_LagBeyondRpo_RefusesWithoutFencing()
    {
        var scenario = new FailoverScenario();
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromMinutes(10), false));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Refused), "10 minutes of lag against a 1 minute RPO must refuse");
            Assert.That(result.Reason, Does.Contain("postgres").And.Contain("exceeds RPO"), "the reason must name the tier and the RPO breach");
            Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[] { FailoverSteps.Readiness }), "no step after readiness may run");
            Assert.That(scenario.Entries(FailoverSteps.Readiness, JournalEvent.Refused), Has.Count.EqualTo(1), "the refusal must be journaled");
            Assert.That(scenario.Traffic.Shifts, Is.Empty, "a refusal must not move traffic");
        });
        Promoters.VerifyUntouched(promoter, "a refused failover");
    }

    [Test]
    public async Task Run_UnknownLag_RefusesWithoutFencing()
    {
        var scenario = new FailoverScenario();
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(false, true, null, false));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Refused), "unknown lag could hide any amount of data loss, so it must refuse");
            Assert.That(result.Reason, Does.Contain("unknown"), "the reason must say the lag is unknown");
        });
        Promoters.VerifyUntouched(promoter, "an unknown-lag failover");
    }

    [Test]
    public async Task Run_OneOfTwoTiersBeyondRpo_RefusesAndTouchesNeither()
    {
        var scenario = new FailoverScenario();
        var postgres = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(2), false));
        var redis = Promoters.Mock("redis", new ReplicationStatus(true, true, TimeSpan.FromSeconds(90), false));

        var result = await scenario.RunAsync(scenario.Request(
            new DataTier(postgres.Object, TimeSpan.FromMinutes(1)), new DataTier(redis.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Refused), "any tier beyond its RPO must refuse the whole failover");
            Assert.That(result.Reason, Does.Contain("redis").And.Not.Contain("postgres:"), "only the offending tier should be blamed");
        });
        Promoters.VerifyUntouched(postgres, "the healthy tier of a refused failover");
        Promoters.VerifyUntouched(redis, "the lagging tier of a refused failover");
    }

    [Test]
    public async Task Run_LagBeyondRpoWithForce_ProceedsAndJournalsTheReason()
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.Lag = TimeSpan.FromMinutes(10);
        var request = scenario.Request() with { Force = true, ForceReason = "primary region lost, CTO approved" };

        var result = await scenario.RunAsync(request);

        var forced = scenario.Entries(FailoverSteps.Readiness, JournalEvent.Forced);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"a forced failover should go ahead; reason: {result.Reason}");
            Assert.That(result.Forced, Is.True, "the result must say the run was forced");
            Assert.That(result.ForceReason, Is.EqualTo("primary region lost, CTO approved"), "the result must carry the operator's reason");
            Assert.That(forced, Has.Count.EqualTo(1), "the override must be journaled exactly once");
            Assert.That(forced.Single().Detail, Does.Contain("CTO approved").And.Contain("exceeds RPO"), "the journal must keep both the reason and what was overridden");
            Assert.That(scenario.Postgres.PromoteCalls, Is.EqualTo(1), "the forced run must promote");
        });
    }

    [Test]
    public async Task Run_ForcedButReadinessProbeUnhealthy_StillRefuses()
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.Lag = TimeSpan.FromMinutes(10);
        scenario.Ready.Healthy = false;
        var request = scenario.Request() with { Force = true, ForceReason = "drill" };

        var result = await scenario.RunAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Refused), "force accepts data loss, not a recovery region that cannot serve");
            Assert.That(result.Reason, Does.Contain("artifacts"), "the reason must name the failing readiness probe");
            Assert.That(scenario.World.Count("postgres.Fence"), Is.Zero, "a refusal must fence nothing");
        });
    }

    [Test]
    public async Task Run_NotEnoughRecoveryCapacity_Refuses()
    {
        var scenario = new FailoverScenario();
        scenario.Capacity.Available = 1;

        var result = await scenario.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Refused), "1 available instance cannot take 3 running");
            Assert.That(result.Reason, Does.Contain("1 available, 3 needed"), "the reason must give the numbers");
            Assert.That(scenario.World.Count("postgres.Fence"), Is.Zero, "a refusal must fence nothing");
        });
    }

    [Test]
    public async Task Run_JournalUnwritable_StopsBeforeTouchingAnything()
    {
        var scenario = new FailoverScenario();
        var journal = new Mock<IFailoverJournal>();
        journal.Setup(j => j.ReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        journal.Setup(j => j.AppendAsync(It.IsAny<JournalEntry>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk full"));

        Assert.ThrowsAsync<FailoverJournalException>(() => scenario.RunAsync(journal: journal.Object),
            "without a journal a later resume could promote twice, so the run must stop");
        Assert.That(scenario.World.Calls, Is.Empty, "no adapter may be called before the step's Started entry is on disk");
    }
}
