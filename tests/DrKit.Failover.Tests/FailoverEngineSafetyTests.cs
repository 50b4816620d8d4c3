using DrKit.Failover.Tests.Fakes;
using Moq;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class FailoverEngineSafetyTests
{
    private static Mock<IDataPromoter> MockPromoter(string name, ReplicationStatus status)
    {
        var promoter = new Mock<IDataPromoter>();
        promoter.SetupGet(p => p.Name).Returns(name);
        promoter.Setup(p => p.GetStatusAsync(It.IsAny<CancellationToken>())).ReturnsAsync(status);
        promoter.Setup(p => p.IsPromotedAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);
        return promoter;
    }

    private static void VerifyUntouched(Mock<IDataPromoter> promoter, string why)
    {
        promoter.Verify(p => p.FenceAsync(It.IsAny<CancellationToken>()), Times.Never, $"{why}: must not fence");
        promoter.Verify(p => p.PromoteAsync(It.IsAny<CancellationToken>()), Times.Never, $"{why}: must not promote");
    }

    [Test]
    public async Task Run_LagBeyondRpo_RefusesWithoutFencing()
    {
        var scenario = new FailoverScenario();
        var promoter = MockPromoter("postgres", new ReplicationStatus(true, true, TimeSpan.FromMinutes(10), false));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Refused), "10 minutes of lag against a 1 minute RPO must refuse");
            Assert.That(result.Reason, Does.Contain("postgres").And.Contain("exceeds RPO"), "the reason must name the tier and the RPO breach");
            Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[] { FailoverSteps.Readiness }), "no step after readiness may run");
            Assert.That(scenario.Entries(FailoverSteps.Readiness, JournalEvent.Refused), Has.Count.EqualTo(1), "the refusal must be journaled");
            Assert.That(scenario.Traffic.Shifts, Is.Empty, "a refusal must not move traffic");
        });
        VerifyUntouched(promoter, "a refused failover");
    }

    [Test]
    public async Task Run_UnknownLag_RefusesWithoutFencing()
    {
        var scenario = new FailoverScenario();
        var promoter = MockPromoter("postgres", new ReplicationStatus(false, true, null, false));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Refused), "unknown lag could hide any amount of data loss, so it must refuse");
            Assert.That(result.Reason, Does.Contain("unknown"), "the reason must say the lag is unknown");
        });
        VerifyUntouched(promoter, "an unknown-lag failover");
    }

    [Test]
    public async Task Run_OneOfTwoTiersBeyondRpo_RefusesAndTouchesNeither()
    {
        var scenario = new FailoverScenario();
        var postgres = MockPromoter("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(2), false));
        var redis = MockPromoter("redis", new ReplicationStatus(true, true, TimeSpan.FromSeconds(90), false));

        var result = await scenario.RunAsync(scenario.Request(
            new DataTier(postgres.Object, TimeSpan.FromMinutes(1)), new DataTier(redis.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Refused), "any tier beyond its RPO must refuse the whole failover");
            Assert.That(result.Reason, Does.Contain("redis").And.Not.Contain("postgres:"), "only the offending tier should be blamed");
        });
        VerifyUntouched(postgres, "the healthy tier of a refused failover");
        VerifyUntouched(redis, "the lagging tier of a refused failover");
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
    public async Task Run_PromotionFails_UnfencesOldPrimaryAndReportsRolledBack()
    {
        var scenario = new FailoverScenario();
        var promoter = MockPromoter("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
        promoter.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("pg_promote refused"));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.RolledBack), $"a failed promotion with a live old primary must roll back; reason: {result.Reason}");
            Assert.That(result.Reason, Does.Contain("pg_promote refused"), "the reason must carry the promotion error");
            Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[] { FailoverSteps.Readiness, FailoverSteps.Fence, FailoverSteps.Promote, FailoverSteps.Rollback }),
                "nothing may run after a failed promotion except the rollback");
            Assert.That(result.PromotedTiers, Is.Empty, "nothing was promoted");
            Assert.That(scenario.Entries(FailoverSteps.Fence, JournalEvent.RolledBack), Has.Count.EqualTo(1), "the undone fence must be journaled so a re-run fences again");
            Assert.That(scenario.Traffic.Shifts, Is.Empty, "traffic must stay on the old primary's region");
        });
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Once, "the old primary must be unfenced once");
    }

    [Test]
    public async Task Run_PromotionDoesNotTakeEffect_RollsBack()
    {
        var scenario = new FailoverScenario();
        var promoter = MockPromoter("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.RolledBack), "PromoteAsync returning while the replica is still not primary is a failed verification");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail, Does.Contain("did not take effect"), "the promote step must say its verification failed");
        });
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Once, "the old primary must be unfenced");
    }

    [Test]
    public async Task Run_PromotionFailsAndOldPrimaryUnreachable_ReportsNoPrimaryServing()
    {
        var scenario = new FailoverScenario();
        var promoter = MockPromoter("postgres", new ReplicationStatus(false, true, TimeSpan.FromSeconds(1), false));
        promoter.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("disk full"));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), "with the old primary gone the run cannot be rolled back");
            Assert.That(result.Reason, Does.Contain("No primary serving").And.Contain("postgres"), "the reason must say plainly that the tier has no primary");
        });
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Never, "an unreachable old primary cannot be unfenced");
    }

    [Test]
    public async Task Run_FenceFails_UnfencesAndNeverPromotes()
    {
        var scenario = new FailoverScenario();
        var promoter = MockPromoter("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
        promoter.Setup(p => p.FenceAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("ALTER SYSTEM hung"));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.RolledBack), $"a failed fence must roll back; reason: {result.Reason}");
        promoter.Verify(p => p.PromoteAsync(It.IsAny<CancellationToken>()), Times.Never, "a replica must never be promoted without a fence");
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Once, "a possibly half-applied fence must be undone");
    }

    [Test]
    public async Task Run_SecondTierPromotionFails_ReportsSplitAndRestoresOnlyTheUnpromotedTier()
    {
        var scenario = new FailoverScenario();
        var redis = new FakeDataPromoter(scenario.World, "redis");
        var failing = MockPromoter("vectors", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
        failing.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("replica corrupt"));

        var result = await scenario.RunAsync(scenario.Request(
            new DataTier(redis, TimeSpan.FromMinutes(1)), new DataTier(failing.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), "a half-promoted set of tiers is not a clean rollback");
            Assert.That(result.PromotedTiers, Is.EqualTo(new[] { "redis" }), "the result must list the tier that is already promoted");
            Assert.That(result.Reason, Does.Contain("already promoted"), "the reason must explain the split");
            Assert.That(redis.Fenced, Is.True, "the promoted tier's old primary must stay fenced, or it would have two primaries");
        });
        failing.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Once, "the tier that did not promote must get its old primary back");
    }

    [Test]
    public async Task Run_PromoteCallFailsButReplicaIsPromoted_ContinuesWithoutRepeating()
    {
        var scenario = new FailoverScenario();
        var promoted = false;
        var promoter = MockPromoter("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
        promoter.Setup(p => p.IsPromotedAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => promoted);
        promoter.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>()))
            .Callback(() => promoted = true)
            .ThrowsAsync(new IOException("connection reset after promote"));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"a lost reply after a real promotion must not fail the failover; reason: {result.Reason}");
        promoter.Verify(p => p.PromoteAsync(It.IsAny<CancellationToken>()), Times.Once, "the promotion must not be retried");
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Never, "unfencing next to a promoted replica would create two primaries");
    }

    [Test]
    public async Task Run_TrafficSwitchDoesNotMove_FailsWithoutUndoingPromotion()
    {
        var scenario = new FailoverScenario();
        var traffic = new Mock<ITrafficSwitch>();
        traffic.Setup(t => t.GetStateAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new TrafficState(FailoverScenario.PrimaryRegion, 100));
        var request = scenario.Request() with { TrafficSwitch = traffic.Object };

        var result = await scenario.RunAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), "traffic not on the recovery region is a failed verification");
            Assert.That(result.Steps.Last().Name, Is.EqualTo(FailoverSteps.ShiftTraffic), "the run must stop at the traffic step");
            Assert.That(result.Reason, Does.Contain("0% on eu-central").And.Contain("re-run"), "the reason must show what the switch reports and how to resume");
            Assert.That(scenario.World.Count("postgres.Unfence"), Is.Zero, "after promotion the old primary must stay fenced");
            Assert.That(result.PromotedTiers, Is.EqualTo(new[] { "postgres" }), "the promoted tier must still be reported");
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
