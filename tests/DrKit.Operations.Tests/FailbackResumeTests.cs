using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>A failback that dies at any AWS call and is run again with the same operation id.</summary>
public sealed class FailbackResumeTests
{
    private static IEnumerable<int> CrashPoints() => Enumerable.Range(0, CountCalls());

    [TestCaseSource(nameof(CrashPoints))]
    public async Task Failback_CrashAtAnyCallThenResume_NeverTwoWritersNorTwoPromotions(int call)
    {
        var harness = new FailbackHarness();
        using var crash = new CancellationTokenSource();
        harness.Aws.Crash = crash;
        harness.Aws.CrashAtCall = call;

        Assert.CatchAsync<OperationCanceledException>(() => harness.RunAsync(ct: crash.Token), $"the run dies at AWS call {call}");
        var writersAtCrash = harness.Aws.MostWriters;
        harness.Aws.Crash = null;
        var resumed = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(writersAtCrash, Is.LessThanOrEqualTo(1), $"crash at call {call}: at most one RDS writer took writes");
            Assert.That(resumed.Outcome, Is.EqualTo(OperationOutcome.Succeeded), $"crash at call {call}, resumed: {resumed.Summary}");
            Assert.That(harness.Aws.MostWriters, Is.EqualTo(1), $"crash at call {call}: never two RDS writers, before or after the resume");
            Assert.That(harness.Aws.Instances[FailbackHarness.Seed].Promotions, Is.EqualTo(1), $"crash at call {call}: the re-seed is promoted once");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("On"), $"crash at call {call}: the primary region serves");
        });
    }

    /// <summary>AWS calls an uninterrupted failback makes: every one of them is a crash point.</summary>
    private static int CountCalls()
    {
        var harness = new FailbackHarness();
        harness.RunAsync().GetAwaiter().GetResult();
        return harness.Aws.Calls.Count;
    }
}
