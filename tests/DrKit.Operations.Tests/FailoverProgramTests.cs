using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class FailoverProgramTests
{
    private static FailoverSettings Settings => new() { OperationId = "failover-test" };

    [Test]
    public async Task Failover_RunsPrerequisitesStackAndEngineSteps_InOrder()
    {
        var harness = new AwsFailoverHarness();

        var result = await harness.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[]
        {
            "Prerequisites", "SelectStack", "Readiness", "Fence", "Promote", "ScaleCompute", "SwitchModelProvider", "ShiftTraffic", "Verify", "Report",
        }), "a failover checks prerequisites and the stack first, then runs the engine's steps in their fixed order, flipping the model-provider switch just before traffic moves");
        Assert.That(result.MeasuredRto, Is.Not.Null, "a successful failover reports its measured RTO");
    }

    [Test]
    public async Task Failover_PrimaryReachable_IsAZeroLossSwitchover()
    {
        var harness = new AwsFailoverHarness();

        var result = await harness.RunAsync();

        var primary = harness.Aws.Instances[FakeAws.PrimaryInstance];
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(primary.Groups, Is.EqualTo(new[] { FakeAws.FenceGroup }), "the hard fence leaves only the group without ingress on the old primary");
            Assert.That(primary.Rebooted, Is.True, "the reboot ends the sessions a security group change leaves open");
            Assert.That(result.Failover!.UnconfirmedFences, Has.None.Contains("context-store"), "the RDS fence was confirmed by reading it back");
            Assert.That(harness.Wal.Reads.Where(r => r.CaughtUp).Select(r => r.CallsBefore).FirstOrDefault(-1),
                Is.InRange(harness.Index("reboot-db-instance") + 1, harness.Index("promote-read-replica")),
                "the promotion waits until the replica has replayed the fenced primary's end of WAL, read after the fence");
            Assert.That(harness.Wal.Login, Is.EqualTo(("context-store.usw2.internal", 5432, "drkit_admin", "test-password")),
                "the replica is read at its recovery endpoint with the master login the stack exports");
            Assert.That(harness.Aws.Instances[FakeAws.RecoveryInstance].Promotions, Is.EqualTo(1), "the replica is promoted once");
        });
    }

    [Test]
    public async Task Failover_PromoteCallTimesOutWhileReplicaStillReadsAsReplica_NeverUnfencesTheOldPrimary()
    {
        // The CLI is stopped at its bound after RDS accepted the request; describe still shows 'available' with a source.
        var harness = new AwsFailoverHarness();
        harness.Aws.PromoteTimesOut = true;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), result.Summary);
            Assert.That(harness.Aws.Instances[FakeAws.PrimaryInstance].Groups, Is.EqualTo(new[] { FakeAws.FenceGroup }),
                "a promotion without a definite answer may still happen: unfencing would risk two writers");
            Assert.That(result.Summary, Does.Contain("may still take effect"), "the operator is told why the old primary stays fenced");
        });
    }

    [Test]
    public async Task Failover_OfAStackWithoutGpuCapacity_MovesDataAndTrafficWithoutScaling()
    {
        var harness = new AwsFailoverHarness(gpu: false);

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), $"a data-and-endpoint stack has nothing to scale but still fails over: {result.Summary}");
            Assert.That(harness.Aws.Calls.Where(c => c[0] == "autoscaling"), Is.Empty, "no group to describe or scale");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Recovery], Is.EqualTo("On"), "traffic moved");
        });
    }

    [Test]
    public async Task Failover_PromoteRefusedByRds_UnfencesTheOldPrimary()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.PromoteError = "An error occurred (InvalidDBInstanceState) when calling the PromoteReadReplica operation: not a read replica";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Summary, Does.Contain("old primary unfenced: context-store"), "the rollback says it restored the RDS primary");
            Assert.That(harness.Aws.Instances[FakeAws.PrimaryInstance].Groups, Is.EqualTo(new[] { FakeAws.ClientGroup }),
                "a definite refusal started nothing, so the old primary gets its clients back");
        });
    }

    [Test]
    public async Task Failover_PromoteRefusedByRds_ReportsTheGlobalDatastorePrimaryAsTheServiceReadsIt()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.PromoteError = "An error occurred (InvalidDBInstanceState) when calling the PromoteReadReplica operation: not a read replica";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Summary, Does.Not.Contain("NO PRIMARY SERVING").And.Not.Contain("No primary serving"),
                "the Global Datastore still names its primary-region member PRIMARY: the cache has a primary");
            Assert.That(result.Summary, Does.Contain("primary kept, as its service reports: session-cache"), "the rollback reports what describe-global-replication-groups read");
            Assert.That(harness.Aws.Members[PilotLightProgram.Primary].Role, Is.EqualTo("PRIMARY"), "nothing switched the cache");
        });
    }

    [Test]
    public void Failover_FailbackWriterNotAdoptedYet_IsRefusedBeforeAnyCloudCall()
    {
        var harness = new AwsFailoverHarness();
        harness.World.Config.TryAdd("pilot-light", new Dictionary<string, Gateway.ConfigSetting>(StringComparer.Ordinal));
        harness.World.Config["pilot-light"]["drkit-ops:adopt.context-store"] = Gateway.ConfigSetting.Plain("pilot-light-context-store-use1-fb");

        var error = Assert.ThrowsAsync<Gateway.OperationRefusedException>(() => harness.RunAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("pilot-light-context-store-use1-fb").And.Contain(FakeAws.PrimaryInstance).And.Contain("pulumi up"),
                "the refusal names the writer to adopt, the stale instance the stack still names, and the step that fixes it");
            Assert.That(harness.Aws.Calls.Where(c => c[0] is "rds" or "elasticache" or "route53-recovery-cluster" or "ssm"), Is.Empty, "nothing was fenced, promoted or moved");
        });
    }

    [Test]
    public async Task Failover_AfterTheAdoptingUp_IsNotRefused()
    {
        var harness = new AwsFailoverHarness();
        // The adopting up ran: the deployed writer is the adopted identifier.
        harness.World.Config.TryAdd("pilot-light", new Dictionary<string, Gateway.ConfigSetting>(StringComparer.Ordinal));
        harness.World.Config["pilot-light"]["drkit-ops:adopt.context-store"] = Gateway.ConfigSetting.Plain(FakeAws.PrimaryInstance);

        var result = await harness.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
    }

    [Test]
    public async Task Failover_PrimaryRegionDownAndPromoteRefused_DoesNotReportTheUnreachableGlobalDatastorePrimaryAsKept()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.FailedRegion = PilotLightProgram.Primary;
        harness.Aws.PromoteError = "An error occurred (InvalidDBInstanceState) when calling the PromoteReadReplica operation: not a read replica";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), result.Summary);
            Assert.That(result.Summary, Does.Not.Contain("primary kept, as its service reports: session-cache"),
                "read in the recovery region, the member list still names the unreachable member PRIMARY: that is no writer kept");
            Assert.That(result.Summary, Does.Contain("session-cache (its service still lists the old primary as PRIMARY; its region was not reachable from this run, it serves only if its region does)"),
                "the rollback says what was read and why it does not mean the cache serves");
        });
    }

    [Test]
    public async Task Failover_TrafficUpdateAppliedButItsReplyLost_ReadsTheControlsInsteadOfRetryingIntoTheWaitPeriod()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.UpdateRepliesLost = 1;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), "traffic moved with the first update: " + result.Summary);
            Assert.That(harness.Aws.UpdateTimes, Has.Count.EqualTo(1), "the controls read as wanted, so the update is not sent again");
            Assert.That(harness.Aws.UpdatesInWaitPeriod, Is.Zero, "no update falls in the safety rule's wait period");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Recovery], Is.EqualTo("On"), "the recovery region serves");
        });
    }

    [Test]
    public async Task Failover_TrafficUpdateRefusedByAnEndpoint_RetriesOnTheNextAfterTheWaitPeriod()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.UpdatesRefused = 1;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.UpdateTimes, Has.Count.EqualTo(2), "the controls still read as before, so the update is sent again");
            Assert.That(harness.Aws.UpdateTimes[1] - harness.Aws.UpdateTimes[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5)),
                "not before the safety rule's wait period (5000 ms) has passed");
        });
    }

    [Test]
    public async Task Failover_TrafficUpdateRefusedWhileThePrimaryRegionIsDown_ReadsTheControlsAwayFromIt()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.FailedRegion = PilotLightProgram.Primary;
        harness.Aws.UpdatesRefused = 1;
        // Cluster endpoints in the two serving regions only: the failed primary's sorts first.
        harness.World.Deployed["pilot-light"]["routingControlEndpoints"] = "{" + string.Join(",", FakeAws.ClusterEndpoints
            .Where(e => e.Key is PilotLightProgram.Primary or PilotLightProgram.Recovery).Select(e => $"\"{e.Key}\":\"{e.Value}\"")) + "}";

        await harness.RunAsync();

        var updates = harness.Aws.Calls.Select((c, i) => (c, i)).Where(x => x.c.Count > 1 && x.c[1] == "update-routing-control-states").Select(x => x.i).ToList();
        var firstRead = harness.Aws.Calls.FindIndex(updates[0], c => c.Count > 1 && c[1] == "get-routing-control-state");
        Assert.Multiple(() =>
        {
            Assert.That(firstRead, Is.GreaterThan(updates[0]), "the refused update is followed by a read of the controls");
            Assert.That(FakeAws.Value(harness.Aws.Calls[firstRead], "--region"), Is.EqualTo(PilotLightProgram.Recovery),
                "the read goes to the recovery region's cluster endpoint first, not the failed region's");
        });
    }

    [Test]
    public async Task Failover_PrimaryRegionDown_RecordsTheFenceBeforeTryingIt()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.FailedRegion = PilotLightProgram.Primary;

        await harness.RunAsync();

        Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:fence.context-store").WithValue("true"),
            "an unconfirmed fence is still recorded, so the next up does not give the old primary its clients back");
    }

    [Test]
    public async Task Failover_SecurityGroupChangeStillModifying_RebootsOnlyOnceItSettled()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.ModifyingDescribes = 2;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Failover!.UnconfirmedFences, Has.None.Contains("context-store"),
                "RDS refuses a reboot while the instance is modifying; the fence waits for the change to settle, then reboots and is confirmed");
            Assert.That(harness.Aws.Instances[FakeAws.PrimaryInstance].Rebooted, Is.True, "the reboot went through");
        });
    }

    [TestCase(OutageMode.Fail)]
    [TestCase(OutageMode.Hang)]
    public async Task Failover_PrimaryRegionDown_CompletesWithoutCallingItExceptTheFence(OutageMode mode)
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.FailedRegion = PilotLightProgram.Primary;
        harness.Aws.Outage = mode;

        var result = await harness.RunAsync();

        var toPrimary = harness.Aws.CallsTo(PilotLightProgram.Primary).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Steps.Where(s => s.Outcome == StepOutcome.TimedOut), Is.Empty, "every step finishes within its timeout");
            Assert.That(toPrimary, Is.Not.Empty.And.All.Contains("--db-instance-identifier " + FakeAws.PrimaryInstance),
                "the only calls to the failed region are the best-effort fence of the old primary");
            Assert.That(result.Failover!.UnconfirmedFences, Has.Some.Contains("context-store"), "the result says the fence is not confirmed");
            Assert.That(result.Summary, Does.Contain("FENCE NOT CONFIRMED"), "so does the summary an operator reads");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Recovery], Is.EqualTo("On"), "the recovery region's routing control is On");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("Off"), "the failed region's routing control is Off");
            Assert.That(harness.Aws.Instances[FakeAws.RecoveryInstance].Source, Is.Null, "the replica is a writer");
        });
    }

    [Test]
    public async Task Failover_PromotedPilotLightReplica_IsResizedToTheProductionClassWithBackups()
    {
        var harness = new AwsFailoverHarness();

        await harness.RunAsync();

        var promote = harness.Aws.Calls.Single(c => c.Count > 1 && c[1] == "promote-read-replica");
        var resize = harness.Aws.Calls.Single(c => c.Count > 1 && c[1] == "modify-db-instance" && c.Contains("--db-instance-class"));
        Assert.Multiple(() =>
        {
            Assert.That(promote, Does.Contain("--backup-retention-period"), "the promoted writer has automated backups from the start");
            Assert.That(resize, Does.Contain("db.r6g.large").And.Contain("--apply-immediately").And.Contain(PilotLightProgram.Recovery),
                "the small pilot-light replica becomes the production class at once, in the recovery region");
            Assert.That(harness.Aws.Instances[FakeAws.RecoveryInstance].Class, Is.EqualTo("db.r6g.large"), "the resize took effect");
        });
    }

    [Test]
    public async Task Failover_PilotLightResize_IsOverBeforeTrafficMoves()
    {
        // A class change takes the instance down for minutes: users must not arrive while it runs.
        var harness = new AwsFailoverHarness();
        harness.Aws.ModifyingDescribes = 3;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.RecoveryStatusAtTrafficShift, Is.EqualTo("available"), "traffic moves only once the resized writer is available again");
        });
    }

    [Test]
    public async Task Failover_RecordsTheNewStateInStackConfig_WithoutDeploying()
    {
        var harness = new AwsFailoverHarness();

        await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(harness.World.Calls.Where(c => c.StartsWith("Up", StringComparison.Ordinal)), Is.Empty, "no pulumi up runs during a failover");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:promote.context-store").WithValue("true"), "the promotion is recorded so the next up keeps it");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:fence.context-store").WithValue("true"), "the fence is recorded");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:writerRegion.session-cache").WithValue(PilotLightProgram.Recovery), "the Redis writer is recorded");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:recovery.running").WithValue("2"), "the scaled group is recorded");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:traffic.activeRegion").WithValue(PilotLightProgram.Recovery), "the traffic gate is recorded");
        });
    }

    [Test]
    public async Task Failover_ScaleCompute_WaitsForInstancesInServiceInTheRecoveryGroup()
    {
        var harness = new AwsFailoverHarness();

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(harness.Aws.DesiredCapacity, Is.EqualTo(2), "the recovery group is asked for the plan's GPU count");
            Assert.That(harness.Aws.InService, Is.EqualTo(2), "the step ends only when AWS reports both instances in service");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.ScaleCompute).Detail, Does.Contain("2/2"), "the step says what it saw");
        });
    }

    [Test]
    public async Task Failover_PromotionAcceptedButNeverFinishing_NeverUnfencesTheOldPrimary()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.DescribesToPromote = int.MaxValue;

        var result = await harness.RunAsync(Settings with { Timeouts = FailoverSettings.CloudTimeouts with { Promote = TimeSpan.FromMinutes(3) } });

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), result.Summary);
            Assert.That(harness.Aws.Instances[FakeAws.PrimaryInstance].Groups, Is.EqualTo(new[] { FakeAws.FenceGroup }),
                "a replica RDS may still promote must not meet an unfenced old primary: two writers");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("On"), "traffic does not move after a failed promotion");
        });
    }

    [Test]
    public async Task Failover_WithReplicaLagBeyondTheRpo_IsRefusedWithoutAnyChange()
    {
        var harness = new AwsFailoverHarness(lagSeconds: 7200);

        var result = await harness.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "two hours of lag exceeds both tiers' RPO");
        Assert.That(harness.World.Changes, Is.Empty, "a refused failover records nothing");
        Assert.That(harness.Aws.Calls.Where(c => c.Count > 1 && c[1] is "modify-db-instance" or "promote-read-replica" or "set-desired-capacity"), Is.Empty, "and changes nothing in AWS");
    }

    [Test]
    public async Task Failover_WithNoRecentDatapointButForced_ProceedsAndJournalsTheOverride()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.Datapoints.Clear();

        var result = await harness.RunAsync(Settings with { Force = true, ForceReason = "us-east-1 is down, CloudWatch silent" });

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(result.Failover!.Forced, Is.True, "the unknown lag was accepted only because the run was forced");
    }

    [Test]
    public async Task Failover_WhenCloudWatchCannotBeRead_FailsWithTheCliErrorAndChangesNothing()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.CloudWatchError = "An error occurred (AccessDenied) when calling the GetMetricStatistics operation";

        var result = await harness.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), "a lag that could not be read is a failure, not a refusal to override");
        Assert.That(result.Summary, Does.Contain("AccessDenied").And.Contain("get-metric-statistics"), "the summary carries the command and its stderr");
        Assert.That(harness.World.Changes, Is.Empty, "readiness fails before any fence");
    }

    [Test]
    public async Task Failover_WhenTheGlobalDatastoreSwitchFails_StopsBeforeTrafficAndReportsItsStderr()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.FailoverError = "An error occurred (InvalidGlobalReplicationGroupStateFault): The Global datastore is not available";

        var result = await harness.RunAsync();

        Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "a failed switch fails the failover");
        Assert.That(string.Join("\n", result.Steps.Select(s => s.Detail)), Does.Contain("InvalidGlobalReplicationGroupStateFault"), "the AWS CLI's stderr is reported");
        Assert.That(harness.Recorded, Does.Not.ContainKey("drkit-ops:writerRegion.session-cache"), "the stack never records a writer AWS did not switch");
        Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("On"), "traffic stays where it was");
    }

    [Test]
    public void Failover_WhenTheAwsCliIsMissing_StopsBeforeAnyChange()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.Missing = true;

        var error = Assert.ThrowsAsync<CloudCliMissingException>(() => harness.Program()
            .RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None), "nothing can be failed over without the AWS CLI");

        Assert.That(error!.Message, Does.Contain("AWS CLI ('aws') was not found on PATH").And.Contain("Nothing was changed"), "the message names the missing CLI");
        Assert.That(harness.World.Changes, Is.Empty, "the AWS CLI is checked with the prerequisites, before the first fence");
    }

    [Test]
    public void Failover_OfASingleRegionStack_IsRefusedBeforeAnyCall()
    {
        var harness = new AwsFailoverHarness();

        var error = Assert.ThrowsAsync<Gateway.OperationRefusedException>(
            () => harness.Program().RunAsync(BundledStacks.Topology("primary"), Settings, CancellationToken.None),
            "a stack without a recovery region has nowhere to fail over to");

        Assert.That(error!.Message, Does.Contain("primary"), "the refusal names the stack");
        Assert.That(harness.Aws.Calls, Is.Empty, "nothing is called for a refused failover");
    }
}
