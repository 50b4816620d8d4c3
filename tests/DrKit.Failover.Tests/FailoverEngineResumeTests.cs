using DrKit.Failover.Tests.Fakes;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class FailoverEngineResumeTests
{
    // The adapter call through which each step acts; counting it shows whether a step ran again.
    private static readonly Dictionary<string, string> ActingCall = new()
    {
        [FailoverSteps.Readiness] = "artifacts.Probe",
        [FailoverSteps.Fence] = "postgres.Fence",
        [FailoverSteps.Promote] = "postgres.Promote",
        [FailoverSteps.ScaleCompute] = "capacity.Scale",
        [FailoverSteps.ShiftTraffic] = "traffic.Shift",
        [FailoverSteps.Verify] = "smoke.Probe",
    };

    private static IEnumerable<string> AdapterSteps => ActingCall.Keys;

    private static IEnumerable<string> AllSteps => FailoverSteps.Ordered;

    [TestCaseSource(nameof(AdapterSteps))]
    public async Task Run_AdapterCrashesAtStep_ResumeSkipsCompletedStepsAndPromotesOnce(string crashStep)
    {
        var scenario = new FailoverScenario();
        scenario.World.CrashAfter = ActingCall[crashStep];

        var first = await scenario.RunAsync();
        scenario.World.Recover();
        var second = await scenario.RunAsync();

        Assert.That(first.Outcome, Is.EqualTo(FailoverOutcome.Failed), $"the crash at {crashStep} should stop the first run; reason: {first.Reason}");
        AssertResumed(scenario, second, crashStep);
    }

    [TestCaseSource(nameof(AllSteps))]
    public async Task Run_CrashBeforeStepCompletionIsJournaled_ResumeSkipsCompletedStepsAndPromotesOnce(string crashStep)
    {
        var scenario = new FailoverScenario();
        var crashing = new CrashingJournal(scenario.Journal, crashStep, JournalEvent.Completed);

        Assert.ThrowsAsync<FailoverJournalException>(() => scenario.RunAsync(journal: crashing),
            $"losing the journal at {crashStep} must stop the run like a crash");
        Assert.That(scenario.Entries(crashStep, JournalEvent.Started), Has.Count.EqualTo(1), $"{crashStep} should have been started before the crash");
        Assert.That(scenario.Entries(crashStep, JournalEvent.Completed), Is.Empty, $"{crashStep} must look unfinished to the resume");

        var second = await scenario.RunAsync();

        AssertResumed(scenario, second, crashStep);
    }

    [Test]
    public async Task Run_PromoteStartedButNotCompleted_ChecksIsPromotedInsteadOfPromotingAgain()
    {
        var scenario = new FailoverScenario();
        var crashing = new CrashingJournal(scenario.Journal, FailoverSteps.Promote, JournalEvent.Completed);
        Assert.ThrowsAsync<FailoverJournalException>(() => scenario.RunAsync(journal: crashing), "the simulated crash should surface");
        var callsBeforeResume = scenario.World.Calls.Count;

        var second = await scenario.RunAsync();

        var resumeCalls = scenario.World.Calls.Skip(callsBeforeResume).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the resume should finish the failover; reason: {second.Reason}");
            Assert.That(resumeCalls, Does.Contain("postgres.IsPromoted"), "the resume must ask whether the replica is already primary");
            Assert.That(resumeCalls, Does.Not.Contain("postgres.Promote"), "an already promoted replica must not be promoted again");
            Assert.That(second.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail, Does.Contain("already promoted"), "the step must say why it did not promote");
        });
    }

    [Test]
    public async Task Run_SameOperationAfterSuccess_SkipsEveryStep()
    {
        var scenario = new FailoverScenario();
        await scenario.RunAsync();
        var callsAfterFirst = scenario.World.Calls.Count;

        var second = await scenario.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), "re-running a finished operation is a no-op success");
            Assert.That(second.Steps.Select(s => s.Outcome), Is.All.EqualTo(StepOutcome.Skipped), "every step was completed before");
            Assert.That(scenario.World.Calls, Has.Count.EqualTo(callsAfterFirst), "a skipped step must not call any adapter");
            Assert.That(scenario.Entries(FailoverSteps.Promote, JournalEvent.Skipped), Has.Count.EqualTo(1), "skips must be journaled");
            Assert.That(second.PromotedTiers, Is.EqualTo(new[] { "postgres" }), "a resumed result still reports the promoted tiers");
        });
    }

    [Test]
    public async Task Run_ForcedRunResumed_ResultStillReportsTheForce()
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.Lag = null;
        var request = scenario.Request() with { Force = true, ForceReason = "region gone" };
        scenario.World.CrashAfter = "capacity.Scale";
        await scenario.RunAsync(request);
        scenario.World.Recover();

        var second = await scenario.RunAsync(scenario.Request());

        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the resume should finish; reason: {second.Reason}");
            Assert.That(second.Forced, Is.True, "a resumed operation that was forced is still a forced failover");
            Assert.That(second.ForceReason, Does.Contain("region gone"), "the reason comes back from the journal");
        });
    }

    [Test]
    public async Task Run_AfterRollback_RerunFencesAgainBeforePromoting()
    {
        var scenario = new FailoverScenario();
        scenario.Postgres.FailNextPromote = new PromotionRefusedException("promotion refused");
        var first = await scenario.RunAsync();
        Assert.That(scenario.Postgres.Fenced, Is.False, "the rollback should have unfenced the old primary");

        var second = await scenario.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(FailoverOutcome.RolledBack), "the first run should roll back");
            Assert.That(second.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the re-run should succeed; reason: {second.Reason}");
            Assert.That(second.Steps.Single(s => s.Name == FailoverSteps.Fence).Outcome, Is.EqualTo(StepOutcome.Completed),
                "a rolled-back fence must run again, not be skipped");
            Assert.That(scenario.World.Count("postgres.Fence"), Is.EqualTo(2), "the old primary must be fenced again before the second promotion");
            Assert.That(scenario.Postgres.Fenced && scenario.Postgres.Promoted, Is.True, "the end state is fenced old primary, promoted replica");
        });
    }

    [Test]
    public async Task Run_CrashAtPromoteWithFileJournal_NewProcessResumesFromFile()
    {
        var directory = Directory.CreateTempSubdirectory("drkit-failover-");
        try
        {
            var path = Path.Combine(directory.FullName, "journal.jsonl");
            var scenario = new FailoverScenario();
            var crashing = new CrashingJournal(new FileFailoverJournal(path), FailoverSteps.Promote, JournalEvent.Completed);
            Assert.ThrowsAsync<FailoverJournalException>(() => scenario.RunAsync(journal: crashing), "the simulated crash should surface");

            var second = await scenario.RunAsync(journal: new FileFailoverJournal(path));

            Assert.Multiple(() =>
            {
                Assert.That(second.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the resume from file should finish; reason: {second.Reason}");
                Assert.That(scenario.Postgres.PromoteCalls, Is.EqualTo(1), "the promotion must happen once across both processes");
                Assert.That(second.Steps.Take(2).Select(s => s.Outcome), Is.All.EqualTo(StepOutcome.Skipped), "readiness and fence were completed before the crash");
            });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void AssertResumed(FailoverScenario scenario, FailoverResult second, string crashStep)
    {
        var crashIndex = FailoverSteps.Ordered.ToList().IndexOf(crashStep);
        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), $"the resume after a crash at {crashStep} should finish; reason: {second.Reason}");
            Assert.That(scenario.Postgres.PromoteCalls, Is.EqualTo(1), $"PromoteAsync must be called exactly once across both runs (crash at {crashStep})");
            Assert.That(second.Steps.Select(s => s.Name), Is.EqualTo(FailoverSteps.Ordered), "the resumed run still walks every step in order");
            for (var i = 0; i < FailoverSteps.Ordered.Count; i++)
            {
                var step = FailoverSteps.Ordered[i];
                var expected = i < crashIndex ? StepOutcome.Skipped : StepOutcome.Completed;
                Assert.That(second.Steps[i].Outcome, Is.EqualTo(expected), $"{step} should be {expected} when resuming after a crash at {crashStep}");
                if (ActingCall.TryGetValue(step, out var call))
                {
                    // Steps before the crash ran once, the crashed one runs again (except a promotion), later ones once.
                    var runs = i == crashIndex && step != FailoverSteps.Promote ? 2 : 1;
                    Assert.That(scenario.World.Count(call), Is.EqualTo(runs), $"{call} call count across both runs (crash at {crashStep})");
                }
            }

            Assert.That(scenario.Journal.Entries.Count(e => e.Event == JournalEvent.Skipped), Is.EqualTo(crashIndex),
                "each step completed before the crash is journaled as Skipped by the resume");
        });
    }
}
