using DrKit.Failover.Tests.Fakes;
using Moq;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class FailoverEngineTimeoutTests
{
    private static Mock<IDataPromoter> HealthyPromoter()
    {
        return Promoters.Mock("postgres", new ReplicationStatus(true, true, TimeSpan.FromSeconds(1), false));
    }

    [Test]
    public async Task Run_PromoteHangsPastItsTimeout_TimesOutAndKeepsOldPrimaryFenced()
    {
        var scenario = new FailoverScenario();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var promoter = HealthyPromoter();
        promoter.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken ct) =>
        {
            entered.TrySetResult();
            return Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        var request = scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1)));

        var run = scenario.Engine().RunAsync(request, CancellationToken.None);
        await entered.Task;
        scenario.Clock.Advance(request.Timeouts.Promote);
        var result = await run;

        var promote = result.Steps.Single(s => s.Name == FailoverSteps.Promote);
        Assert.Multiple(() =>
        {
            Assert.That(promote.Outcome, Is.EqualTo(StepOutcome.TimedOut), "a promotion hanging past its timeout must count as timed out");
            Assert.That(promote.Duration, Is.EqualTo(request.Timeouts.Promote), "the step ends exactly at its timeout on the engine's clock");
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), $"a promotion that never answered cannot be rolled back; reason: {result.Reason}");
            Assert.That(result.Reason, Does.Contain("timed out").And.Contain("may still take effect"), "the reason must say the promotion timed out and may still happen");
        });
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Never, "a promotion the service may have accepted forbids unfencing the old primary");
    }

    [Test]
    public async Task Run_FenceIgnoresCancellation_StillTimesOutAndNeverPromotes()
    {
        var scenario = new FailoverScenario();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var neverEnds = new TaskCompletionSource();
        var promoter = HealthyPromoter();
        promoter.Setup(p => p.FenceAsync(It.IsAny<CancellationToken>())).Returns(() =>
        {
            entered.TrySetResult();
            return neverEnds.Task;
        });
        var request = scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1)))
            with { Timeouts = StepTimeouts.Default with { Fence = TimeSpan.FromSeconds(30) } };

        var run = scenario.Engine().RunAsync(request, CancellationToken.None);
        await entered.Task;
        scenario.Clock.Advance(TimeSpan.FromSeconds(30));
        var result = await run;

        Assert.Multiple(() =>
        {
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Fence).Outcome, Is.EqualTo(StepOutcome.TimedOut),
                "an adapter that ignores its token must not hold the engine past the timeout");
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.RolledBack), $"a timed-out fence rolls back; reason: {result.Reason}");
        });
        promoter.Verify(p => p.PromoteAsync(It.IsAny<CancellationToken>()), Times.Never, "nothing may be promoted after a failed fence");
    }

    [Test]
    public async Task Run_ComputeNeverReachesDesiredCount_TimesOutWithProgressAndKeepsPromotion()
    {
        var scenario = new FailoverScenario();
        var capacity = new Mock<IRecoveryCapacity>();
        capacity.Setup(c => c.GetAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new CapacityStatus(4, 1));
        var request = scenario.Request() with
        {
            Capacity = capacity.Object,
            Timeouts = StepTimeouts.Default with { ScaleCompute = TimeSpan.FromMinutes(1) },
        };

        var run = scenario.Engine().RunAsync(request, CancellationToken.None);
        var result = await ClockDriver.DriveAsync(scenario.Clock, run, TimeSpan.FromSeconds(1));

        var scale = result.Steps.Single(s => s.Name == FailoverSteps.ScaleCompute);
        Assert.Multiple(() =>
        {
            Assert.That(scale.Outcome, Is.EqualTo(StepOutcome.TimedOut), "compute that never starts must time out");
            Assert.That(scale.Duration, Is.EqualTo(TimeSpan.FromMinutes(1)), "the step ends at its configured timeout");
            Assert.That(scale.Detail, Does.Contain("1/3 running"), "the timeout must say what it was waiting for");
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), "a stuck scale-up fails the run");
            Assert.That(scenario.World.Count("postgres.Unfence"), Is.Zero, "the promotion stands; the old primary stays fenced");
            Assert.That(scenario.Traffic.Shifts, Is.Empty, "traffic must not move before compute is running");
        });
        capacity.Verify(c => c.GetAsync(It.IsAny<CancellationToken>()), Times.AtLeast(3), "the engine should keep polling until the timeout");
    }

    [Test]
    public async Task Run_VerificationTurnsHealthyAfterTwoPolls_Succeeds()
    {
        var scenario = new FailoverScenario();
        var probes = 0;
        var smoke = new Mock<IHealthProbe>();
        smoke.SetupGet(p => p.Name).Returns("smoke");
        smoke.Setup(p => p.ProbeAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ProbeResult(++probes >= 3, "warming up", TimeSpan.Zero));
        var request = scenario.Request() with { VerificationProbes = [smoke.Object] };

        var run = scenario.Engine().RunAsync(request, CancellationToken.None);
        var result = await ClockDriver.DriveAsync(scenario.Clock, run, TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"a service that becomes healthy within the timeout passes; reason: {result.Reason}");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Verify).Duration, Is.EqualTo(TimeSpan.FromSeconds(10)),
                "two unhealthy answers cost two 5s poll intervals");
        });
    }

    [Test]
    public async Task Run_VerificationNeverHealthy_TimesOutNamingTheProbe()
    {
        var scenario = new FailoverScenario();
        scenario.Smoke.Healthy = false;
        var request = scenario.Request() with { Timeouts = StepTimeouts.Default with { Verify = TimeSpan.FromSeconds(20) } };

        var run = scenario.Engine().RunAsync(request, CancellationToken.None);
        var result = await ClockDriver.DriveAsync(scenario.Clock, run, TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), "a recovery region that never turns healthy fails the run");
            Assert.That(result.Steps.Last().Outcome, Is.EqualTo(StepOutcome.TimedOut), "the verify step times out");
            Assert.That(result.Reason, Does.Contain("smoke unhealthy"), "the reason must carry the last failing probe");
        });
    }

    [Test]
    public async Task Run_ReadinessHangs_FailsWithoutTouchingData()
    {
        var scenario = new FailoverScenario();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new Mock<IHealthProbe>();
        probe.SetupGet(p => p.Name).Returns("artifacts");
        probe.Setup(p => p.ProbeAsync(It.IsAny<CancellationToken>())).Returns(async (CancellationToken ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return new ProbeResult(true, "unreachable", TimeSpan.Zero);
        });
        var request = scenario.Request() with { ReadinessProbes = [probe.Object] };

        var run = scenario.Engine().RunAsync(request, CancellationToken.None);
        await entered.Task;
        scenario.Clock.Advance(request.Timeouts.Readiness);
        var result = await run;

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Failed), "a readiness check that cannot finish must stop the run");
            Assert.That(result.Reason, Does.Contain("Nothing was fenced"), "the reason must reassure that nothing changed");
            Assert.That(scenario.World.Count("postgres.Fence"), Is.Zero, "no fence after a failed readiness check");
        });
    }

    [Test]
    public void Run_CallerCancels_StopsWithoutRollingBack()
    {
        var scenario = new FailoverScenario();
        using var cts = new CancellationTokenSource();
        var promoter = HealthyPromoter();
        promoter.Setup(p => p.PromoteAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken ct) =>
        {
            cts.Cancel();
            return Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        var request = scenario.Request(new DataTier(promoter.Object, TimeSpan.FromMinutes(1)));

        Assert.CatchAsync<OperationCanceledException>(() => scenario.Engine().RunAsync(request, cts.Token),
            "cancelling the run abandons it like a crash");
        promoter.Verify(p => p.UnfenceAsync(It.IsAny<CancellationToken>()), Times.Never, "an abandoned run is resumed, not rolled back");
        Assert.That(scenario.Entries(FailoverSteps.Promote, JournalEvent.Started), Has.Count.EqualTo(1), "the journal must show the promotion started so a resume checks it");
    }
}
