using System.Text.Json;
using DrKit.Failover;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>A self-managed promotion that does not answer at once, and Run Command calls the caller gives up on.</summary>
public sealed class SelfManagedPostgresPromotionTests
{
    private const string Stack = "active-active";

    [Test]
    public async Task Failover_PgPromoteGivesUpWaiting_WaitsForTheServerAndNeverRestartsTheOldPrimary()
    {
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.Aws.Hosts[FakeAws.StandbyHost].ReadsUntilPromoted = 3;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.Hosts[FakeAws.PrimaryHost].Unfences, Is.Zero, "pg_promote returning f does not withdraw the promotion: the old primary must stay down");
            Assert.That(harness.Aws.Hosts[FakeAws.StandbyHost].IsWriter, Is.True, "the standby finished promoting and is the one writer");
            Assert.That(harness.Aws.Hosts[FakeAws.StandbyHost].Promotions, Is.EqualTo(1), "the promotion is not sent twice");
        });
    }

    [Test]
    public async Task Failover_PromotionStillPendingAtTheStepTimeout_KeepsTheOldPrimaryFenced()
    {
        var harness = new AwsFailoverHarness(stack: Stack);
        harness.Aws.Hosts[FakeAws.StandbyHost].ReadsUntilPromoted = int.MaxValue;

        var result = await harness.RunAsync();

        var primary = harness.Aws.Hosts[FakeAws.PrimaryHost];
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(primary.Unfences, Is.Zero, "a promotion that may still complete forbids restarting the old primary: two writers");
            Assert.That(primary.IsWriter, Is.False, "the old primary stays fenced");
        });
    }

    [Test]
    public async Task RunAsync_CallerGivesUpOnAQueuedCommand_CancelsItAndBoundsItsDelivery()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws { Clock = clock };
        aws.Hosts[FakeAws.PrimaryHost].Offline = true;
        var ssm = new SsmRunCommand(new AwsCli(aws), clock);
        using var giveUp = new CancellationTokenSource();

        var run = ssm.RunAsync(FakeAws.PrimaryHost, PilotLightProgram.Primary, "drkit unfence context-store", ["echo unfence"], giveUp.Token);
        await Task.Yield();
        await giveUp.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>(), "the caller's bound ends the call");
        var send = aws.Calls.Single(c => c[1] == "send-command");
        var cancel = aws.Calls.SingleOrDefault(c => c[1] == "cancel-command");
        var deadline = clock.GetUtcNow().ToUnixTimeSeconds() + SsmRunCommand.StartDeadlineSeconds;
        var first = JsonDocument.Parse(send[send.ToList().IndexOf("--parameters") + 1]).RootElement.GetProperty("commands")[0].GetString();
        Assert.Multiple(() =>
        {
            Assert.That(cancel, Is.Not.Null, "a command still queued for an offline host is cancelled, or it runs whenever the host reconnects");
            Assert.That(cancel!, Does.Contain("cmd-1").And.Contain(PilotLightProgram.Primary), "the cancel names the command, in the host's region");
            Assert.That(aws.Queued, Is.Empty, "nothing is left to deliver");
            Assert.That(send, Does.Contain("--timeout-seconds").And.Contain("30"), "SSM drops an undelivered command after 30 s");
            Assert.That(first, Does.Contain($"-le {deadline} ]").And.Contain("exit 3"), "the script refuses to start past its deadline");
        });
    }

    [Test]
    public async Task RunAsync_InvocationCancelling_KeepsPollingUntilItEnds()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws { Clock = clock };
        aws.Hosts[FakeAws.StandbyHost].Offline = true;
        var ssm = new SsmRunCommand(new AwsCli(aws), clock);

        var run = ssm.RunAsync(FakeAws.StandbyHost, PilotLightProgram.Recovery, "drkit status context-store", ["echo status"], CancellationToken.None);
        aws.SetInvocation("cmd-1", "Cancelling");
        var reads = aws.Calls.Count(c => c[1] == "get-command-invocation");
        await AdvanceAsync(clock, ssm, () => run.IsCompleted || aws.Calls.Count(c => c[1] == "get-command-invocation") >= reads + 2);
        Assert.That(run.IsCompleted, Is.False, "Cancelling is not an end state: the script may still finish");
        aws.SetInvocation("cmd-1", "Success", "done\n");
        await AdvanceAsync(clock, ssm, () => run.IsCompleted);

        Assert.That(await run, Is.EqualTo("done\n"), "the invocation ended Success after all");
    }

    [Test]
    public async Task Archived_StandbyPromotedBeforeThisProcess_ReadsTheSegmentFromTheServer()
    {
        var (aws, promoter) = Promoter();
        aws.Hosts[FakeAws.StandbyHost].InRecovery = false;

        var (healthy, detail) = await promoter.ArchivedAsync(CancellationToken.None);

        Assert.That(healthy, Is.True, "a resumed run, or one that found the standby promoted, verifies from the writer itself: " + detail);
        var list = aws.Calls.Single(c => c[1] == "list-objects-v2");
        Assert.That(list, Does.Contain("--prefix").And.Contain("wal_005/000000020000000000000004"), "S3 filters by the segment's key prefix, one key instead of the whole archive");
    }

    [Test]
    public async Task Archived_ListingFails_IsUnhealthyWithTheErrorNotAThrow()
    {
        var (aws, promoter) = Promoter();
        aws.Hosts[FakeAws.StandbyHost].InRecovery = false;
        aws.ArchiveError = "An error occurred (AccessDenied) when calling the ListObjectsV2 operation";

        var (healthy, detail) = await promoter.ArchivedAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(healthy, Is.False, "never healthy on a failed read");
            Assert.That(detail, Does.Contain("AccessDenied"), "the probe says why it could not read");
        });
    }

    [Test]
    public void SegmentPrefix_PgBackRestLayout_FillsTheSixteenCharacterDirectory()
    {
        var tier = Tier() with { WalKeyPrefix = "archive/main/16-1/{segment16}/{segment}" };

        Assert.That(tier.SegmentPrefix("000000020000000000000004"), Is.EqualTo("archive/main/16-1/0000000200000000/000000020000000000000004"),
            "pgBackRest keeps segments under a directory named by their first 16 characters");
    }

    private static SelfManagedPostgresTier Tier() => new("context-store", PilotLightProgram.Primary, PilotLightProgram.Recovery, FakeAws.PrimaryHost, FakeAws.StandbyHost,
        new PostgresHostScripts("/usr/lib/postgresql/16/bin", "/var/lib/postgresql/16/main", "pg_ctlcluster -m fast 16 main stop", "pg_ctlcluster 16 main start"),
        FakeAws.RecoveryArchive, Synchronous: false);

    private static (FakeAws Aws, SelfManagedPostgresPromoter Promoter) Promoter()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws { Clock = clock };
        var cli = new AwsCli(aws);
        return (aws, new SelfManagedPostgresPromoter(cli, new SsmRunCommand(cli, clock), Tier(), new StackStateRecord(new StackWorld().Gateway.Object, "active-active")));
    }

    private static async Task AdvanceAsync(ManualTimeProvider clock, SsmRunCommand ssm, Func<bool> done)
    {
        for (var i = 0; i < 1_000 && !done(); i++)
        {
            await Task.Yield();
            clock.Advance(ssm.PollInterval);
        }
    }
}
