using DrKit.Failover.Tests.Fakes;
using Moq;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class FailoverEngineOrderTests
{
    [Test]
    public async Task Run_HealthySetup_RunsStepsInFixedOrderAndSucceeds()
    {
        var scenario = new FailoverScenario();

        var result = await scenario.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"a healthy setup should fail over; reason: {result.Reason}");
            Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(FailoverSteps.Ordered), "steps must run in the fixed order");
            Assert.That(result.Steps.Select(s => s.Outcome), Is.All.EqualTo(StepOutcome.Completed), "every step should complete");
            Assert.That(result.PromotedTiers, Is.EqualTo(new[] { "postgres" }), "the result should name the promoted tier");
            Assert.That(result.Forced, Is.False, "nothing was forced");
            Assert.That(result.Reason, Is.Null, "a success carries no failure reason");
        });
    }

    [Test]
    public async Task Run_HealthySetup_ActsOnAdaptersInStepOrder()
    {
        var scenario = new FailoverScenario();

        await scenario.RunAsync();

        string[] actions = ["artifacts.Probe", "postgres.Fence", "postgres.Promote", "capacity.Scale", "traffic.Shift", "smoke.Probe"];
        var actingCalls = scenario.World.Calls.Where(actions.Contains).ToList();
        Assert.That(actingCalls, Is.EqualTo(actions), "adapters must be driven readiness -> fence -> promote -> scale -> shift -> verify, each once");
    }

    [Test]
    public async Task Run_HealthySetup_JournalsStartedAndCompletedForEveryStepInOrder()
    {
        var scenario = new FailoverScenario();

        await scenario.RunAsync();

        var expected = FailoverSteps.Ordered.SelectMany(s => new[] { (s, JournalEvent.Started), (s, JournalEvent.Completed) });
        var actual = scenario.Journal.Entries.Where(e => FailoverSteps.Ordered.Contains(e.Step)).Select(e => (e.Step, e.Event));
        Assert.That(actual, Is.EqualTo(expected), "each step must journal Started before acting and Completed after verifying");
        Assert.That(scenario.Journal.Entries.Where(e => e.Step.Contains(':', StringComparison.Ordinal)).Select(e => (e.Step, e.Event)), Is.EqualTo(new[]
        {
            ("Fence:postgres", JournalEvent.Completed), ("Promote:postgres", JournalEvent.Started), ("Promote:postgres", JournalEvent.Completed),
        }), "per tier, the fence's confirmation and the promotion's request and answer are journaled, so a resume or rollback knows what may be under way");
    }

    [Test]
    public async Task Run_HealthySetup_LeavesRecoveryRegionServing()
    {
        var scenario = new FailoverScenario();

        await scenario.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Postgres.Fenced, Is.True, "the old primary must end fenced");
            Assert.That(scenario.Postgres.Promoted, Is.True, "the replica must end promoted");
            Assert.That(scenario.Capacity.Running, Is.EqualTo(3), "recovery compute must be scaled to the desired count");
            Assert.That(scenario.Traffic.State, Is.EqualTo(new TrafficState(FailoverScenario.RecoveryRegion, 100)), "all traffic must be on the recovery region");
        });
    }

    [Test]
    public async Task Run_WithObserver_ReportsEachStepStartAndCompletionInOrder()
    {
        var scenario = new FailoverScenario();
        var seen = new List<string>();
        var observer = new Mock<IFailoverObserver>();
        observer.Setup(o => o.StepStarted(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>()))
            .Callback((string _, string step, DateTimeOffset _) => seen.Add($"start {step}"));
        observer.Setup(o => o.StepCompleted(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<StepOutcome>(), It.IsAny<TimeSpan>(), It.IsAny<string>()))
            .Callback((string _, string step, StepOutcome _, TimeSpan _, string _) => seen.Add($"done {step}"));

        await scenario.Engine(observer: observer.Object).RunAsync(scenario.Request(), CancellationToken.None);

        var expected = FailoverSteps.Ordered.SelectMany(s => new[] { $"start {s}", $"done {s}" });
        Assert.That(seen, Is.EqualTo(expected), "the observer should see every step start and complete, in order");
        observer.Verify(
            o => o.StepFailed(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<StepOutcome>(), It.IsAny<TimeSpan>(), It.IsAny<string>()),
            Times.Never, "no step failed, so no failure callback is expected");
    }

    [Test]
    public async Task Run_ObserverThrows_FailoverStillSucceeds()
    {
        var scenario = new FailoverScenario();
        var observer = new Mock<IFailoverObserver>();
        observer.Setup(o => o.StepStarted(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>()))
            .Throws(new InvalidOperationException("console closed"));

        var result = await scenario.Engine(observer: observer.Object).RunAsync(scenario.Request(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), "a broken progress display must not stop a failover half way");
    }

    [Test]
    public async Task Run_StepsTakeTimeOnTheClock_RecordsDurationsAndElapsedFromTimeProvider()
    {
        var scenario = new FailoverScenario();
        scenario.Capacity.Running = 0;
        var capacity = new Mock<IRecoveryCapacity>();
        var gets = 0;
        capacity.Setup(c => c.GetAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new CapacityStatus(4, ++gets >= 3 ? 3 : 0));
        var request = scenario.Request() with { Capacity = capacity.Object };

        var run = scenario.Engine().RunAsync(request, CancellationToken.None);
        var result = await ClockDriver.DriveAsync(scenario.Clock, run, TimeSpan.FromSeconds(1));

        var scale = result.Steps.Single(s => s.Name == FailoverSteps.ScaleCompute);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"scale-up finishing within the timeout should succeed; reason: {result.Reason}");
            Assert.That(scale.Duration, Is.EqualTo(TimeSpan.FromSeconds(5)), "readiness read capacity once, so scaling polls twice more, one 5s poll interval apart");
            Assert.That(result.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(5)), "total elapsed comes from the same clock");
        });
    }

    [Test]
    public void Run_ForceWithoutReason_IsRejected()
    {
        var scenario = new FailoverScenario();
        var request = scenario.Request() with { Force = true, ForceReason = " " };

        Assert.ThrowsAsync<ArgumentException>(() => scenario.RunAsync(request), "a forced failover must say why");
        Assert.That(scenario.World.Calls, Is.Empty, "an invalid request must not touch any adapter");
    }
}
