using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>The active-active stack's self-managed PostgreSQL fails over on its hosts through SSM, never through RDS.</summary>
public sealed class SelfManagedPostgresFailoverTests
{
    private const string Stack = "active-active";

    private static FailoverSettings Settings => new() { OperationId = "failover-self-managed" };

    [Test]
    public void Topology_SelfManagedPostgres_IsPromotedOnItsHostNotAsAnRdsReplica()
    {
        var tier = BundledStacks.Topology(Stack).DataTiers.Single(t => t.Component == "context-store");

        Assert.That(tier.Kind, Is.EqualTo(PromotionKind.SelfManagedStandby), "RDS knows nothing of a self-managed standby; treating it as a read replica refuses every failover");
    }

    [Test]
    public async Task Failover_SelfManagedPrimaryReachable_IsAZeroLossSwitchoverThroughSsm()
    {
        var harness = new AwsFailoverHarness(stack: Stack);

        var result = await harness.RunAsync();

        var primary = harness.Aws.Hosts[FakeAws.PrimaryHost];
        var standby = harness.Aws.Hosts[FakeAws.StandbyHost];
        var promote = harness.Aws.Calls.Single(c => c.Count > 1 && c[1] == "send-command" && string.Join(' ', c).Contains("pg_promote", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.Calls.Where(c => c[0] == "rds"), Is.Empty, "a self-managed server is never asked of RDS");
            Assert.That(promote, Does.Contain(FakeAws.StandbyHost).And.Contain(PilotLightProgram.Recovery), "pg_promote runs on the standby host, through SSM in the recovery region");
            Assert.That(primary.IsWriter, Is.False, "the old primary is shut down");
            Assert.That(primary.StandbySignal, Is.True, "and would restart read-only as a standby");
            Assert.That(result.Failover!.UnconfirmedFences, Has.None.Contains("context-store"), "the fence was confirmed from the control file");
            Assert.That(standby.ReplayAtPromotion, Is.GreaterThanOrEqualTo(primary.Lsn), "the standby had replayed up to the old primary's shutdown checkpoint: nothing lost");
            Assert.That(standby.Promotions, Is.EqualTo(1), "the standby is promoted once");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:writerRegion.context-store").WithValue(PilotLightProgram.Recovery), "the stack records where the writer is");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Verify).Detail, Does.Contain("context-store WAL archive"),
                "verification found the promoted writer's first WAL segment in the recovery region's archive");
        });
    }

    [TestCase(OutageMode.Fail)]
    [TestCase(OutageMode.Hang)]
    public async Task Failover_SelfManagedPrimaryRegionDown_CompletesWithoutCallingItExceptTheFence(OutageMode mode)
    {
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.Aws.FailedRegion = PilotLightProgram.Primary;
        harness.Aws.Outage = mode;
        harness.Aws.Hosts[FakeAws.StandbyHost].Streaming = false;
        harness.Aws.Hosts[FakeAws.StandbyHost].ReplayAge = 20;

        var result = await harness.RunAsync(Settings with { Force = true, ForceReason = "us-east-1 is down" });

        var toPrimary = harness.Aws.CallsTo(PilotLightProgram.Primary).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Steps.Where(s => s.Outcome == StepOutcome.TimedOut), Is.Empty, "every step finishes within its timeout");
            Assert.That(toPrimary, Is.Not.Empty.And.All.Contains(FakeAws.PrimaryHost).And.All.Contains("drkit fence context-store"),
                "the only calls to the failed region are the best-effort fence of the old primary's host");
            Assert.That(result.Failover!.UnconfirmedFences, Has.Some.Contains("context-store"), "the result says the fence is not confirmed");
            Assert.That(harness.Aws.Hosts[FakeAws.StandbyHost].IsWriter, Is.True, "the standby is the writer");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Recovery], Is.EqualTo("On"), "traffic moved to the recovery region");
        });
    }

    [Test]
    public async Task Failover_SelfManagedStandbyNotStreaming_IsRefusedAsLagNotAsUnreachable()
    {
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.Aws.Hosts[FakeAws.StandbyHost].Streaming = false;
        harness.Aws.Hosts[FakeAws.StandbyHost].ReplayAge = 90;
        // The primary went on writing while the standby was not streaming.
        harness.Aws.Hosts[FakeAws.PrimaryHost].Lsn += 0x4000;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), result.Summary);
            Assert.That(result.Summary, Does.Not.Contain("unreachable").And.Contain("--force"), "a lag the operator may accept is refused in a way --force overrides");
            Assert.That(result.Summary, Does.Contain("not streaming").And.Contain("through SSM"), "the refusal says what was read and where");
            Assert.That(harness.Aws.Hosts[FakeAws.PrimaryHost].IsWriter, Is.True, "nothing was fenced");
        });
    }

    [Test]
    public async Task Failover_SelfManagedStandbyStreamingButGigabytesBehind_IsRefusedOnWalBytesNotMessageAge()
    {
        // A bulk load saturates the cross-region link: keepalives keep the last message fresh (0.2 s) while the standby
        // trails the primary by a GiB, and the stack file says replication: sync.
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.Aws.Hosts[FakeAws.PrimaryHost].Lsn += 1UL << 30;
        harness.Aws.Hosts[FakeAws.StandbyHost].ReplayAge = 240;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "a standby a GiB behind is not at lag 0 whatever its message age or the configured mode: " + result.Summary);
            Assert.That(result.Summary, Does.Contain($"{1UL << 30} bytes not received"), "the refusal names the byte lag read from both servers");
            Assert.That(result.Summary, Does.Contain("last message 0.2s ago: liveness only"), "message age is shown for what it is");
            Assert.That(harness.Aws.PrimaryAsked, Is.GreaterThan(0), "the primary's flushed WAL was asked over the replication connection");
            Assert.That(harness.Aws.Hosts[FakeAws.PrimaryHost].IsWriter, Is.True, "nothing was fenced");
        });
    }

    [Test]
    public async Task Failover_SelfManagedConfiguredSyncButServerAsync_ReadsTheModeFromThePrimary()
    {
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.Aws.Hosts[FakeAws.PrimaryHost].SynchronousStandbyNames = string.Empty;
        harness.Aws.Hosts[FakeAws.PrimaryHost].Lsn += 0x10000;
        harness.Aws.Hosts[FakeAws.StandbyHost].ReplayAge = 120;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "replication: sync in the stack file is no lag 0: " + result.Summary);
            Assert.That(result.Summary, Does.Contain("asynchronous (synchronous_standby_names is empty on the primary) although the stack file says replication: sync"),
                "the mode is the server's, and the mismatch with the stack file is named");
        });
    }

    [Test]
    public async Task Readiness_SelfManagedPrimaryRegionDown_JudgesFromTheStandbyAloneAndSaysSo()
    {
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.Aws.FailedRegion = PilotLightProgram.Primary;
        harness.Aws.Outage = OutageMode.Fail;
        harness.Aws.Hosts[FakeAws.StandbyHost].Streaming = false;
        harness.Aws.Hosts[FakeAws.StandbyHost].ReplayAge = 600;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "the upper bound from the standby alone exceeds the RPO: " + result.Summary);
            Assert.That(result.Summary, Does.Contain("from the standby alone, the primary did not answer").And.Contain("an upper bound; the loss is unknowable without the primary"),
                "an outage reading is labelled as what it is");
            Assert.That(harness.Aws.CallsTo(PilotLightProgram.Primary), Is.Empty, "readiness made no AWS call to the failed region");
        });
    }

    [Test]
    public async Task Failover_SelfManagedPostgresUnreadableButForced_Proceeds()
    {
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.Aws.StandbyPostgresError = "psql: error: FATAL:  the database system is starting up";

        var refused = await harness.RunAsync();
        Assert.That(refused.Outcome, Is.EqualTo(OperationOutcome.Refused), "an unknown lag refuses first: " + refused.Summary);
        harness.Aws.StandbyPostgresError = null;

        var forced = await new AwsFailoverHarness(stack: Stack).RunAsync(Settings with { Force = true, ForceReason = "accepted" });
        Assert.That(forced.Outcome, Is.EqualTo(OperationOutcome.Succeeded), forced.Summary);
    }

    [Test]
    public void DryRun_SelfManagedPostgres_ListsTheSsmCallsWithTheirRegions()
    {
        var steps = FailoverProgram.Plan(BundledStacks.Topology(Stack), Settings);

        var promote = steps.Single(s => s.Name == FailoverSteps.Promote).Calls;
        var fence = steps.Single(s => s.Name == FailoverSteps.Fence).Calls;
        Assert.Multiple(() =>
        {
            Assert.That(promote, Does.Contain($"aws ssm send-command --document-name AWS-RunShellScript --instance-ids {FakeAws.StandbyHost}")
                .And.Contain("pg_promote(true, 60)").And.Contain("--region us-west-2"), "the promotion is an SSM command on the standby host in the recovery region");
            Assert.That(promote, Does.Not.Contain("promote-read-replica"), "no RDS call for a self-managed server");
            Assert.That(fence, Does.Contain(FakeAws.PrimaryHost).And.Contain("pg_ctlcluster -m fast 16 main stop").And.Contain("standby.signal").And.Contain("--region us-east-1"),
                "the fence runs on the old primary's host, in its region, bounded");
        });
    }
}
