using DrKit.Failover.Tests.Fakes;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class FailoverEngineSwitchoverTests
{
    [Test]
    public async Task Run_FenceConfirmed_PromotesOnlyOnceReplicaLagIsZero()
    {
        var scenario = new FailoverScenario();
        var promoter = new CatchingUpPromoter(scenario.World, statusReadsUntilCaughtUp: 3);
        var request = scenario.Request(new DataTier(promoter, TimeSpan.FromMinutes(1)));

        var result = await ClockDriver.DriveAsync(scenario.Clock, scenario.Engine().RunAsync(request, CancellationToken.None), TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the switchover should finish; reason: {result.Reason}");
            Assert.That(promoter.LagAtPromotion, Is.EqualTo(TimeSpan.Zero), "a planned switchover promotes only when the replica holds every write the fenced primary took");
            Assert.That(result.UnconfirmedFences, Is.Empty, "the fence was confirmed");
        });
    }

    [Test]
    public async Task Run_TierWithWalCatchUp_PromotesOnceTheReplicaReplayedTheFencedEnd_ThoughLagNeverReadsZero()
    {
        // RDS ReplicaLag is the time since the last replayed commit: on a fenced, idle primary it only grows.
        var scenario = new FailoverScenario();
        var promoter = new CatchingUpPromoter(scenario.World, statusReadsUntilCaughtUp: int.MaxValue);
        var catchUp = new ReplayingReplica(scenario.Clock, readsUntilReplayed: 3);
        var request = scenario.Request(new DataTier(promoter, TimeSpan.FromMinutes(1)) { CatchUp = catchUp });

        var result = await ClockDriver.DriveAsync(scenario.Clock, scenario.Engine().RunAsync(request, CancellationToken.None), TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the switchover must not wait for a lag that never reads 0; reason: {result.Reason}");
            Assert.That(catchUp.Reads, Is.EqualTo(3), "the promotion waited until the replica had replayed the fenced primary's end of WAL");
            Assert.That(catchUp.FencedAt, Is.Not.Null, "the catch-up is judged against the moment the fence was confirmed");
        });
    }

    [Test]
    public async Task Run_ForcedWithConfirmedFence_PromotesWithoutWaitingForLagZero()
    {
        var scenario = new FailoverScenario();
        var promoter = new CatchingUpPromoter(scenario.World, statusReadsUntilCaughtUp: int.MaxValue);
        var request = scenario.Request(new DataTier(promoter, TimeSpan.FromMinutes(1))) with { Force = true, ForceReason = "replica replay paused; accept the loss" };

        var result = await ClockDriver.DriveAsync(scenario.Clock, scenario.Engine().RunAsync(request, CancellationToken.None), TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"a forced run must not wait for a lag that never reaches 0; reason: {result.Reason}");
            Assert.That(promoter.LagAtPromotion, Is.GreaterThan(TimeSpan.Zero), "the operator accepted promoting with the lag the replica had");
        });
    }

    [Test]
    public async Task Run_FenceUnconfirmed_DoesNotWaitForLagZero()
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.FenceUnreachable = true;
        scenario.Postgres.Lag = TimeSpan.FromSeconds(20);

        var result = await scenario.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"an outage failover within the RPO must not wait on a primary that is gone; reason: {result.Reason}");
            Assert.That(scenario.Postgres.Promoted, Is.True, "the replica is promoted with its 20 s of lag, inside the one-minute RPO");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Run_FenceRefused_StopsBeforePromotion_EvenForced(bool force)
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.FenceRefused = true;
        scenario.Postgres.Lag = TimeSpan.FromSeconds(20);

        var result = await scenario.RunAsync(force ? scenario.Request() with { Force = true, ForceReason = "drill" } : null);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(FailoverOutcome.Succeeded),
                "a refusal proves the old primary is up and writing: promoting within the RPO (or forced) would leave two writers");
            Assert.That(scenario.Postgres.Promoted, Is.False, "nothing is promoted");
            Assert.That(result.Reason, Does.Contain("fence REFUSED").And.Contain("Forbidden"), "the reason carries the refusal");
        });
    }

    [Test]
    public void Plan_ListsTheStepsTheEngineRunsWithTheirTimeouts()
    {
        var timeouts = StepTimeouts.Default with { Promote = TimeSpan.FromMinutes(9), FenceAttempt = TimeSpan.FromSeconds(20) };

        var plan = FailoverSteps.Plan(timeouts);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Select(p => p.Name), Is.EqualTo(FailoverSteps.Ordered), "the plan lists the steps in the order the engine runs them");
            Assert.That(plan.Select(p => p.Order), Is.EqualTo(Enumerable.Range(1, FailoverSteps.Ordered.Count)), "orders count from 1");
            Assert.That(plan.Single(p => p.Name == FailoverSteps.Promote).Timeout, Is.EqualTo(TimeSpan.FromMinutes(9)), "each step carries its own timeout");
            Assert.That(plan.Single(p => p.Name == FailoverSteps.Fence).PerTierTimeout, Is.EqualTo(TimeSpan.FromSeconds(20)), "the fence is bounded per tier");
            Assert.That(plan.Where(p => p.PerTier).Select(p => p.Name), Is.EqualTo(new[] { FailoverSteps.Fence, FailoverSteps.Promote }), "fence and promote act per tier");
            Assert.That(plan.Where(p => p.TiersInParallel).Select(p => p.Name), Is.EqualTo(new[] { FailoverSteps.Fence }),
                "tiers are fenced all at once (each fence may take a reboot) and promoted one after the other");
        });
    }

    [Test]
    public async Task Run_CrashAfterEveryCallThenResume_NeverPromotesTwiceNorLeavesTwoWriters()
    {
        var clean = new FailoverScenario();
        await clean.RunAsync();
        var callCount = clean.World.Calls.Count;

        for (var crashAt = 0; crashAt < callCount; crashAt++)
        {
            var scenario = new FailoverScenario();
            scenario.World.CrashAfterIndex = crashAt;
            var first = await scenario.RunAsync();
            Assert.That(TwoWriters(scenario), Is.False, $"after a crash at call {crashAt} ({clean.World.Calls[crashAt]}) there must not be two writers");
            scenario.World.Recover();
            var second = await scenario.RunAsync();

            Assert.Multiple(() =>
            {
                Assert.That(second.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the resume after a crash at call {crashAt} should finish; first: {first.Reason}; second: {second.Reason}");
                Assert.That(scenario.Postgres.PromoteCalls, Is.LessThanOrEqualTo(1), $"never two promotions (crash at call {crashAt})");
                Assert.That(TwoWriters(scenario), Is.False, $"never two writers after the resume (crash at call {crashAt})");
            });
        }

        static bool TwoWriters(FailoverScenario s) => s.Postgres.Promoted && !s.Postgres.Fenced;
    }

    /// <summary>A replica whose WAL receiver shows the fenced primary's end replayed after a few reads.</summary>
    private sealed class ReplayingReplica(TimeProvider clock, int readsUntilReplayed) : ISwitchoverCatchUp
    {
        public int Reads { get; private set; }

        public DateTimeOffset? FencedAt { get; private set; }

        public Task<CatchUpStatus> ReadAsync(DateTimeOffset fencedAt, CancellationToken ct)
        {
            FencedAt = fencedAt;
            Reads++;
            var end = WalPosition.Parse("0/3000000");
            var replayed = Reads >= readsUntilReplayed ? end : WalPosition.Parse("0/2FFFF00");
            return Task.FromResult(WalCatchUp.Decide(fencedAt, new WalReceiverSample(end, clock.GetUtcNow().AddMilliseconds(1), replayed)));
        }
    }

    /// <summary>A promoter whose replica reaches lag 0 a few status reads after its primary is fenced.</summary>
    private sealed class CatchingUpPromoter(FakeWorld world, int statusReadsUntilCaughtUp) : IDataPromoter
    {
        private bool _fenced;
        private int _readsAfterFence;
        private bool _promoted;

        public string Name => "postgres";

        public TimeSpan? LagAtPromotion { get; private set; }

        private TimeSpan Lag => _fenced && _readsAfterFence >= statusReadsUntilCaughtUp ? TimeSpan.Zero : TimeSpan.FromSeconds(4);

        public Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
        {
            world.Enter("postgres.GetStatus");
            if (_fenced)
            {
                _readsAfterFence++;
            }

            return Task.FromResult(new ReplicationStatus(true, true, Lag, _promoted));
        }

        public Task FenceAsync(CancellationToken ct)
        {
            _fenced = true;
            return Task.CompletedTask;
        }

        public Task UnfenceAsync(CancellationToken ct)
        {
            _fenced = false;
            return Task.CompletedTask;
        }

        public Task PromoteAsync(CancellationToken ct)
        {
            LagAtPromotion = Lag;
            _promoted = true;
            return Task.CompletedTask;
        }

        public Task<bool> IsPromotedAsync(CancellationToken ct) => Task.FromResult(_promoted);
    }
}
