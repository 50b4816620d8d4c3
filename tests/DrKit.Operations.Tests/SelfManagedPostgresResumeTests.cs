using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>A self-managed switchover that dies after its fence and is run again with the same operation id.</summary>
public sealed class SelfManagedPostgresResumeTests
{
    private const string Stack = "active-active";

    [Test]
    public async Task Switchover_ResumedAfterTheFence_WaitsForTheFenceCheckpointAgainNotForTheSyncSetting()
    {
        // The first run dies in its Promote step, after the fence step was journaled done.
        var crashAt = CrashPoint();
        var harness = new AwsFailoverHarness(stack: Stack);
        using var crash = new CancellationTokenSource();
        harness.Aws.Crash = crash;
        harness.Aws.CrashAtCall = crashAt;
        Assert.CatchAsync<OperationCanceledException>(() => harness.RunAsync(null, crash.Token), "the first run dies after the fence");
        var primary = harness.Aws.Hosts[FakeAws.PrimaryHost];
        var standby = harness.Aws.Hosts[FakeAws.StandbyHost];
        Assert.That(primary.Running, Is.False, "precondition: the old primary was fenced when the run died");

        // The standby still streams (keepalives) but never got the WAL up to the shutdown checkpoint.
        standby.ReceiveLsn = standby.Lsn = primary.Lsn - 0x28;
        harness.Aws.Crash = null;
        var resumed = await harness.RunAsync(new FailoverSettings
        {
            OperationId = "failover-test",
            Timeouts = FailoverSettings.CloudTimeouts with { Promote = TimeSpan.FromMinutes(5) },
        });

        Assert.Multiple(() =>
        {
            Assert.That(standby.Promotions == 0 || standby.ReplayAtPromotion >= primary.Lsn, Is.True,
                $"never promoted short of the fence checkpoint (replay {standby.ReplayAtPromotion:X}, checkpoint {primary.Lsn:X}): {resumed.Summary}");
            Assert.That(resumed.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "the switchover cannot complete without losing the last writes");
            Assert.That(primary.Fences, Is.EqualTo(2), "the resumed run read the fence checkpoint again from the stopped server");
        });
    }

    [Test]
    public async Task Switchover_ResumedAfterTheFence_PromotesOnceTheStandbyReplayedTheCheckpoint()
    {
        var crashAt = CrashPoint();
        var harness = new AwsFailoverHarness(stack: Stack);
        using var crash = new CancellationTokenSource();
        harness.Aws.Crash = crash;
        harness.Aws.CrashAtCall = crashAt;
        Assert.CatchAsync<OperationCanceledException>(() => harness.RunAsync(null, crash.Token), "the first run dies after the fence");
        harness.Aws.Crash = null;

        var resumed = await harness.RunAsync();

        var primary = harness.Aws.Hosts[FakeAws.PrimaryHost];
        var standby = harness.Aws.Hosts[FakeAws.StandbyHost];
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Outcome, Is.EqualTo(OperationOutcome.Succeeded), $"no --force needed on resume: {resumed.Summary}");
            Assert.That(standby.ReplayAtPromotion, Is.GreaterThanOrEqualTo(primary.Lsn), "zero loss: replayed up to the shutdown checkpoint");
            Assert.That(standby.Promotions, Is.EqualTo(1), "promoted once");
        });
    }

    /// <summary>
    /// The second standby status read after the fence in an uninterrupted switchover: the first is the Fence step's own
    /// check, the second the Promote step's, so the fence step is journaled done and a resumed run does not fence again.
    /// </summary>
    private static int CrashPoint()
    {
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.RunAsync().GetAwaiter().GetResult();
        var calls = harness.Aws.Calls.Select(c => string.Join(' ', c)).ToList();
        bool Status(string c) => c.Contains("send-command", StringComparison.Ordinal) && c.Contains("pg_is_in_recovery", StringComparison.Ordinal);
        var fence = calls.FindIndex(c => c.Contains("send-command", StringComparison.Ordinal) && c.Contains("main stop", StringComparison.Ordinal));
        return calls.FindIndex(calls.FindIndex(fence + 1, Status) + 1, Status);
    }
}
