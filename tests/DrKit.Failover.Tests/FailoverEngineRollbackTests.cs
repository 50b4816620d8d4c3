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
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));

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
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(false, true, TimeSpan.FromSeconds(1), false));
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
        var promoter = Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
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
        var failing = Promoters.Mock("vectors", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
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
