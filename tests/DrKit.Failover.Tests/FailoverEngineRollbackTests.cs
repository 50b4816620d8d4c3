using DrKit.Failover.Tests.Fakes;
using Moq;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class FailoverEngineRollbackTests
{
    [Test]
    public async Task Run_PromotionFails_UnfencesOldPrimaryAndReportsRolledBack()
    {
        var scenario = new FailoverScenario();
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
        promoter.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new PromotionRefusedException("pg_promote refused"));

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
    public async Task Run_PromoteCallTimesOutAndReadBackSaysReplica_KeepsOldPrimaryFenced()
    {
        // The request may have reached the service before the call was cut: only a definite refusal settles it.
        var scenario = new FailoverScenario();
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
        promoter.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("aws did not answer within 30s"));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), $"a promotion in doubt cannot be rolled back; reason: {result.Reason}");
            Assert.That(result.Reason, Does.Contain("may still take effect"), "the reason says why the old primary stays fenced");
            Assert.That(scenario.Entries(FailoverSteps.Promote + ":postgres", JournalEvent.Failed), Is.Empty,
                "the tier stays journaled as requested (in doubt), so a resume never unfences it either");
        });
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Never, "two writers if the promotion completes after all");
    }

    [Test]
    public async Task Run_PromotionAcceptedButNotYetEffective_KeepsOldPrimaryFenced()
    {
        // RDS accepts promote-read-replica at once and promotes minutes later: a replica that is not primary yet may
        // still become one, so unfencing the old primary could leave two writers.
        var scenario = new FailoverScenario();
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), "an accepted promotion that has not shown yet cannot be rolled back");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail, Does.Contain("did not take effect"), "the promote step must say its verification failed");
            Assert.That(result.Reason, Does.Contain("may still take effect").And.Contain("stay fenced"), "the reason must say why the old primary stays fenced");
        });
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Never, "an old primary whose replica may be promoted must never be unfenced");
    }

    [Test]
    public async Task Run_PromotionFailsAndOldPrimaryUnreachable_ReportsNoPrimaryServing()
    {
        var scenario = new FailoverScenario();
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(false, true, TimeSpan.FromSeconds(1), false));
        promoter.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new PromotionRefusedException("disk full"));

        var result = await scenario.RunAsync(scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), "with the old primary gone the run cannot be rolled back");
            Assert.That(result.Reason, Does.Contain("No primary serving").And.Contain("postgres"), "the reason must say plainly that the tier has no primary");
        });
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Never, "an unreachable old primary cannot be unfenced");
    }

    [Test]
    public async Task Run_PromotionFailsBeforeAnUnfencedTierWhoseServiceStillNamesItsPrimary_ReportsThatPrimaryUnchanged()
    {
        // A Global Datastore has no fence and its old primary is not asked (it may be in the failed region), but the
        // service itself, read in the recovery region, still names it PRIMARY: the tier has a primary, nothing to undo.
        var scenario = new FailoverScenario();
        var postgres = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
        postgres.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new PromotionRefusedException("not a read replica"));
        var redis = Promoters.Mock("session-cache", new ReplicationStatus(false, true, TimeSpan.FromSeconds(1), false, "PRIMARY"));

        var result = await scenario.RunAsync(scenario.Request(
            new DataTier(postgres.Object, TimeSpan.FromMinutes(1)), new DataTier(redis.Object, TimeSpan.FromMinutes(1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Reason, Does.Not.Contain("NO PRIMARY SERVING").And.Not.Contain("No primary serving"),
                "the cache still has its primary, as its service reports; the rollback must not say it has none");
            Assert.That(result.Reason, Does.Contain("primary kept, as its service reports: session-cache (its service reports the old primary as PRIMARY)"),
                "the report says what was read");
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.RolledBack), $"every tier keeps a primary, so the run rolled back cleanly: {result.Reason}");
        });
    }

    [Test]
    public async Task Run_FenceUnconfirmedAndRpoZero_RollsBackWithoutPromoting()
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.FenceUnreachable = true;
        scenario.Postgres.Lag = TimeSpan.Zero;

        var result = await scenario.RunAsync(scenario.Request(new DataTier(scenario.Postgres, TimeSpan.Zero)));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.RolledBack), $"an RPO of 0 cannot accept an unconfirmed fence; reason: {result.Reason}");
            Assert.That(result.Reason, Does.Contain("NOT CONFIRMED").And.Contain("Force"), "the reason says the fence was not confirmed and how to accept the loss");
            Assert.That(scenario.Postgres.PromoteCalls, Is.Zero, "a replica must never be promoted past an unconfirmed fence the plan does not allow");
        });
    }

    [Test]
    public async Task Run_FenceUnconfirmedWithinRpo_ProceedsAndReportsTheUnconfirmedFence()
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.FenceUnreachable = true;

        var result = await scenario.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"a one-minute RPO allows failing over past an unreachable primary; reason: {result.Reason}");
            Assert.That(result.UnconfirmedFences, Has.Count.EqualTo(1).And.Some.Contains("postgres"), "the result must name the tier whose fence is unconfirmed");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Fence).Detail, Does.Contain("NOT CONFIRMED"), "the fence step must say so too");
            Assert.That(scenario.Postgres.Promoted, Is.True, "the replica is promoted");
        });
    }

    [Test]
    public async Task Run_FenceUnconfirmedRpoZeroForced_ProceedsAndIsRecordedAsForced()
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.FenceUnreachable = true;
        scenario.Postgres.Lag = TimeSpan.Zero;
        var request = scenario.Request(new DataTier(scenario.Postgres, TimeSpan.Zero)) with { Force = true, ForceReason = "region gone" };

        var result = await scenario.RunAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the operator may accept the loss; reason: {result.Reason}");
            Assert.That(result.Forced, Is.True, "overriding an unconfirmed fence is a forced failover");
            Assert.That(scenario.Entries(FailoverSteps.Fence, JournalEvent.Forced), Has.Count.EqualTo(1), "the override is journaled with its reason");
        });
    }

    [Test]
    public async Task Run_SecondTierPromotionFails_ReportsSplitAndRestoresOnlyTheUnpromotedTier()
    {
        var scenario = new FailoverScenario();
        var redis = new FakeDataPromoter(scenario.World, "redis");
        var failing = Promoters.Mock("vectors", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
        failing.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new PromotionRefusedException("replica corrupt"));

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
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
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
}
