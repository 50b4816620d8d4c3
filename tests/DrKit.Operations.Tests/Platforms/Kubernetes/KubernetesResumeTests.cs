using DrKit.Failover;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

public sealed class KubernetesResumeTests
{
    private static IEnumerable<string> Steps => FailoverSteps.Ordered;

    [TestCaseSource(nameof(Steps))]
    public async Task Failover_CrashBeforeAStepIsJournaledDone_ResumeFinishesAndPromotesOnce(string step)
    {
        var harness = new KubernetesFailoverHarness();
        var crashing = new CrashingJournal(harness.Journal, step);

        Assert.ThrowsAsync<FailoverJournalException>(() => harness.RunAsync(journal: crashing), $"losing the journal at {step} stops the run like a crash");
        Assert.That(crashing.Crashed, Is.True, $"the run reached {step}");

        var resumed = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(resumed.Outcome, Is.EqualTo(OperationOutcome.Succeeded), resumed.Summary);
            Assert.That(harness.Kube.RecoveryPromotions, Has.Count.EqualTo(1), "the CNPG replica cluster is promoted once across both runs");
            Assert.That(harness.Kube.RecoveryPromotions[0].Token, Is.EqualTo(FakeKube.Token), "a resumed run still promotes with the demotion token");
            Assert.That(harness.Kube.RedisPromotions, Is.EqualTo(1), "Redis is promoted once across both runs");
            Assert.That(harness.Kube.InferenceReady, Is.EqualTo(2), "inference serves in the recovery cluster");
        });
    }

    [Test]
    public async Task Failover_CrashAfterTheFence_ResumedRunReadsTheRecordedTokenForLagAndPromotion()
    {
        var harness = new KubernetesFailoverHarness();
        // The fence completed and was journaled; the process died before the promotion step began.
        var crashing = new CrashingJournal(harness.Journal, FailoverSteps.Promote, JournalEvent.Started);
        Assert.ThrowsAsync<FailoverJournalException>(() => harness.RunAsync(journal: crashing), "the crash surfaces");
        Assert.That(harness.Kube.RecoveryPromotions, Is.Empty, "nothing was promoted before the crash");

        var resumed = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(resumed.Steps.Single(s => s.Name == FailoverSteps.Fence).Outcome, Is.EqualTo(StepOutcome.Skipped), "the fence is not repeated");
            Assert.That(harness.Kube.RecoveryPromotions, Is.EqualTo(new[] { ((string?)FakeKube.Token, true) }),
                "the new process waited for the token's location from the recorded token, then promoted with it");
        });
    }

    /// <summary>A journal that fails once when asked to write one step's event: the process dies there.</summary>
    private sealed class CrashingJournal(IFailoverJournal inner, string step, JournalEvent at = JournalEvent.Completed) : IFailoverJournal
    {
        public bool Crashed { get; private set; }

        public Task<IReadOnlyList<JournalEntry>> ReadAsync(string operationId, CancellationToken ct) => inner.ReadAsync(operationId, ct);

        public Task AppendAsync(JournalEntry entry, CancellationToken ct)
        {
            if (!Crashed && entry.Step == step && entry.Event == at)
            {
                Crashed = true;
                throw new IOException($"simulated crash before journaling {at} of {step}");
            }

            return inner.AppendAsync(entry, ct);
        }
    }
}
