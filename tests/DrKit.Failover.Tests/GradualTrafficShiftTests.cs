using DrKit.Failover.Tests.Fakes;
using Moq;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class GradualTrafficShiftTests
{
    private const string Primary = "us-east";
    private const string Recovery = "eu-central";

    private ManualTimeProvider _clock = null!;
    private InMemoryFailoverJournal _journal = null!;
    private FakeTrafficSwitch _traffic = null!;
    private Queue<double> _rates = null!;
    private Mock<IErrorRateProbe> _errorRate = null!;
    private List<DateTimeOffset> _rateReadAt = null!;

    [SetUp]
    public void SetUp()
    {
        // NUnit reuses one fixture instance, so every piece of state is rebuilt per test.
        _clock = new ManualTimeProvider();
        _journal = new InMemoryFailoverJournal();
        // Failback: all traffic is on the recovery region and goes back to the primary in stages.
        _traffic = new FakeTrafficSwitch(new FakeWorld(), new TrafficState(Recovery, 100));
        _rates = new Queue<double>();
        _rateReadAt = [];
        _errorRate = new Mock<IErrorRateProbe>();
        _errorRate.Setup(p => p.GetErrorRateAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            _rateReadAt.Add(_clock.GetUtcNow());
            return _rates.Dequeue();
        });
    }

    private GradualShiftRequest Request() => new()
    {
        OperationId = "failback-1",
        TrafficSwitch = _traffic,
        ErrorRate = _errorRate.Object,
        TargetRegion = Primary,
        SettleTime = TimeSpan.FromSeconds(30),
    };

    private Task<GradualShiftResult> RunAsync(GradualShiftRequest request, IFailoverObserver? observer = null)
    {
        var run = new GradualTrafficShift(_clock, _journal, observer).RunAsync(request, CancellationToken.None);
        return ClockDriver.DriveAsync(_clock, run, TimeSpan.FromSeconds(1));
    }

    [Test]
    public async Task Shift_ErrorRateStaysLow_RunsEveryStageAndCompletes()
    {
        foreach (var rate in new[] { 0.01, 0.01, 0.012, 0.011 })
        {
            _rates.Enqueue(rate);
        }

        var result = await RunAsync(Request());

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(GradualShiftOutcome.Completed), $"a steady error rate should complete; reason: {result.Reason}");
            Assert.That(_traffic.Shifts.Select(s => s.Percent), Is.EqualTo(new[] { 10, 50, 100 }), "default stages are 10, 50, 100 percent");
            Assert.That(_traffic.Shifts.Select(s => s.TargetRegion), Is.All.EqualTo(Primary), "every stage targets the failback region");
            Assert.That(result.PercentOnTarget, Is.EqualTo(100), "all traffic ends on the target");
            Assert.That(result.BaselineErrorRate, Is.EqualTo(0.01), "the baseline is read before the first stage");
            Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[] { "Baseline", "Shift10%", "Shift50%", "Shift100%" }), "stages run in order");
            Assert.That(_journal.Entries.Count(e => e.Event == JournalEvent.Completed), Is.EqualTo(4), "baseline and each stage must be journaled as completed");
        });
    }

    [Test]
    public async Task Shift_EachStage_WaitsTheSettleTimeBeforeJudging()
    {
        foreach (var rate in new[] { 0.0, 0.0, 0.0, 0.0 })
        {
            _rates.Enqueue(rate);
        }

        var result = await RunAsync(Request());

        var offsets = _rateReadAt.Select(t => t - _clock.Start);
        Assert.Multiple(() =>
        {
            Assert.That(offsets, Is.EqualTo(new[] { 0, 30, 60, 90 }.Select(s => TimeSpan.FromSeconds(s))),
                "the baseline is read at once, then each stage's rate only after its 30s settle time");
            Assert.That(result.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(90)), "three settle periods on the fake clock");
        });
    }

    [Test]
    public async Task Shift_AbsoluteThresholdBreachedAtSecondStage_RollsBackToFirstStageAndStops()
    {
        foreach (var rate in new[] { 0.01, 0.01, 0.09 })
        {
            _rates.Enqueue(rate);
        }

        var result = await RunAsync(Request() with { MaxErrorRateRise = null });

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(GradualShiftOutcome.RolledBack), "9% errors is above the 5% threshold");
            Assert.That(_traffic.Shifts.Select(s => s.Percent), Is.EqualTo(new[] { 10, 50, 10 }), "traffic goes back to the previous stage and 100% is never tried");
            Assert.That(result.PercentOnTarget, Is.EqualTo(10), "the result says where traffic was left");
            Assert.That(result.Reason, Does.Contain("above threshold").And.Contain("rolled back to 10%"), "the reason explains the stop");
            Assert.That(_journal.Entries.Count(e => e.Event == JournalEvent.RolledBack), Is.EqualTo(1), "the rollback must be journaled");
        });
    }

    [Test]
    public async Task Shift_RiseOverBaselineAtFirstStage_RestoresTheStartingState()
    {
        foreach (var rate in new[] { 0.001, 0.03 })
        {
            _rates.Enqueue(rate);
        }

        var result = await RunAsync(Request() with { MaxErrorRate = null, MaxErrorRateRise = 0.02 });

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(GradualShiftOutcome.RolledBack), "a 2.9 point rise is above the allowed 2 points even though 3% is low");
            Assert.That(_traffic.Shifts.Last(), Is.EqualTo(new TrafficShift(Recovery, 100)), "before the first stage, 'previous' is the switch as it was found");
            Assert.That(result.PercentOnTarget, Is.EqualTo(0), "no traffic is left on the target");
            Assert.That(result.Reason, Does.Contain("over baseline"), "the reason names the baseline rule");
        });
    }

    [Test]
    public async Task Shift_RateBelowBothThresholds_IsNotRolledBack()
    {
        foreach (var rate in new[] { 0.02, 0.039, 0.04, 0.04 })
        {
            _rates.Enqueue(rate);
        }

        var result = await RunAsync(Request() with { MaxErrorRate = 0.05, MaxErrorRateRise = 0.02 });

        Assert.That(result.Outcome, Is.EqualTo(GradualShiftOutcome.Completed), $"4% with a 2% baseline is within both limits; reason: {result.Reason}");
    }

    [Test]
    public async Task Shift_WithObserver_ReportsStagesAndTheFailedOne()
    {
        foreach (var rate in new[] { 0.0, 0.5 })
        {
            _rates.Enqueue(rate);
        }

        var observer = new Mock<IFailoverObserver>();

        await RunAsync(Request(), observer.Object);

        observer.Verify(o => o.StepStarted("failback-1", "Shift10%", It.IsAny<DateTimeOffset>()), Times.Once, "the stage start must be observable");
        observer.Verify(o => o.StepFailed("failback-1", "Shift10%", StepOutcome.Failed, TimeSpan.FromSeconds(30), It.IsAny<string>()), Times.Once,
            "the breached stage must be reported as failed with its duration on the clock");
        observer.Verify(o => o.StepCompleted("failback-1", "ShiftRollback", StepOutcome.RolledBack, It.IsAny<TimeSpan>(), It.IsAny<string>()), Times.Once,
            "the rollback must be observable");
    }

    [Test]
    public async Task Shift_SwitchDoesNotApplyStage_RollsBackWithoutWaiting()
    {
        _rates.Enqueue(0.0);
        var stuck = new Mock<ITrafficSwitch>();
        stuck.Setup(s => s.GetStateAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new TrafficState(Recovery, 100));

        var result = await RunAsync(Request() with { TrafficSwitch = stuck.Object });

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(GradualShiftOutcome.RolledBack), "a stage the switch did not apply must stop the shift");
            Assert.That(result.Reason, Does.Contain("expected 10%"), "the reason shows the failed verification");
            Assert.That(_rateReadAt, Has.Count.EqualTo(1), "no error rate is judged for a stage that never applied");
        });
    }

    [Test]
    public void Shift_NoThresholds_IsRejected()
    {
        var request = Request() with { MaxErrorRate = null, MaxErrorRateRise = null };

        Assert.ThrowsAsync<ArgumentException>(() => new GradualTrafficShift(_clock, _journal).RunAsync(request, CancellationToken.None),
            "a shift with no error threshold would never roll back");
    }

    [TestCase(new[] { 50, 10 })]
    [TestCase(new[] { 0, 100 })]
    [TestCase(new[] { 10, 101 })]
    public void Shift_InvalidStages_AreRejected(int[] stages)
    {
        var request = Request() with { Stages = stages };

        Assert.ThrowsAsync<ArgumentException>(() => new GradualTrafficShift(_clock, _journal).RunAsync(request, CancellationToken.None),
            $"stages {string.Join(",", stages)} are not strictly increasing within 1..100");
    }
}
