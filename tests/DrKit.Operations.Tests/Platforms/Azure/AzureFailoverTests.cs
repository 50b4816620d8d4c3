using DrKit.Failover;
using DrKit.Operations.Tests.Fakes;
using DrKit.Operations.Contract;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Tests.Platforms.Azure;

[TestFixture]
public sealed class AzureFailoverTests
{
    [Test]
    public async Task RunAsync_PrimaryAnswers_SwitchesOverPlannedWithoutUnlinkingRedis()
    {
        var h = new AzureFailoverHarness();
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(h.Az.Lines.Single(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal)),
                Does.Contain($"--resource-group {h.RecoveryGroup} --name {h.Az.Replica} --promote-mode switchover --promote-option planned"),
                "a primary that answers gets Azure's zero-loss planned switchover, run on the replica in the recovery group");
            Assert.That(h.Az.Roles[h.Az.Server], Is.EqualTo("AsyncReplica"), "the switchover made the old primary a replica: never two writers");
            Assert.That(h.Az.Count("redisenterprise database force-unlink"), Is.Zero, "with both members up the geo-replication link stays");
            Assert.That(h.Recorded[OpsConfig.Promote("context-store")], Is.EqualTo("true"), "the stack records the promotion");
            Assert.That(h.Recorded[OpsConfig.WriterRegion("session-cache")], Is.EqualTo(AzureFailoverHarness.Recovery), "and where the application writes Redis");
            Assert.That(h.Recorded[OpsConfig.TrafficActiveRegion], Is.EqualTo(AzureFailoverHarness.Recovery), "and where traffic goes");
            Assert.That(h.Az.Endpoints[AzureFailoverHarness.Recovery].Enabled && !h.Az.Endpoints[AzureFailoverHarness.Primary].Enabled, Is.True,
                "only the recovery endpoint stays enabled in the profile");
            Assert.That(h.Az.Policies, Is.Empty, "the destination's replication policy is gone, so the recovery containers take writes");
            Assert.That(h.Az.ScaleSetCapacity, Is.EqualTo(h.Topology.DesiredRunning), "the recovery scale set was scaled to the fleet size");
        });
    }

    [Test]
    public async Task RunAsync_PrimaryRegionDown_RefusesUnknownRedisLagWithoutForce()
    {
        var h = new AzureFailoverHarness();
        h.Az.PrimaryDown = true;
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "a broken geo-replication link gives no lag to judge the RPO on");
            Assert.That(result.Summary, Does.Contain("session-cache"), result.Summary);
            Assert.That(h.Az.Count("postgres flexible-server replica promote"), Is.Zero, "nothing was promoted");
            Assert.That(h.PrimaryCalls, Is.Empty, "readiness never asks the failed region");
        });
    }

    [Test]
    public async Task RunAsync_PrimaryRegionDownForced_CompletesFromTheRecoveryRegionOnly()
    {
        var h = new AzureFailoverHarness();
        h.Az.PrimaryDown = true;
        var result = await h.RunAsync(new FailoverSettings { OperationId = "outage", Force = true, ForceReason = "eastus2 is down" });
        var fenceReads = new[]
        {
            $"postgres flexible-server show --resource-group {h.PrimaryGroup} --name {h.Az.Server} --output json",
            $"redisenterprise database show --cluster-name {h.Az.PrimaryRedis} --resource-group {h.PrimaryGroup} --output json",
        };
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(h.PrimaryCalls, Is.SubsetOf(fenceReads), "the only calls to the failed region are the fence's bounded reads");
            Assert.That(h.PrimaryCalls, Has.Count.EqualTo(2), "each tier's fence is tried once");
            Assert.That(result.Failover!.UnconfirmedFences, Has.Count.EqualTo(2), "and reported as not confirmed");
            Assert.That(h.Az.Lines.Single(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal)),
                Does.Contain("--promote-option forced"), "an outage gets the forced promotion Azure documents for regional outages");
            Assert.That(h.Az.Lines.Single(l => l.StartsWith("redisenterprise database force-unlink", StringComparison.Ordinal)),
                Is.EqualTo($"redisenterprise database force-unlink --cluster-name {h.Az.RecoveryRedis} --resource-group {h.RecoveryGroup} --unlink-ids {h.Az.PrimaryDatabaseId} --output json"),
                "the lost member is unlinked from the survivor, in the recovery group, by the id the survivor lists");
            Assert.That(h.Recorded[OpsConfig.WriterRegion("session-cache")], Is.EqualTo(AzureFailoverHarness.Recovery), "writerRegion recorded");
            Assert.That(h.Recorded[OpsConfig.Promote("context-store")], Is.EqualTo("true"), "promotion recorded");
            Assert.That(result.Summary, Does.Contain("FENCE NOT CONFIRMED"), "the summary says the old side was not fenced");
        });
    }

    [Test]
    public async Task RunAsync_ResumedAfterTrafficFailed_NeverPromotesTwice()
    {
        var h = new AzureFailoverHarness();
        h.Az.TrafficFails = true;
        var first = await h.RunAsync();
        Assert.That(first.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "traffic could not move");
        h.Az.TrafficFails = false;
        var second = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(OperationOutcome.Succeeded), second.Summary);
            Assert.That(h.Az.Count("postgres flexible-server replica promote"), Is.EqualTo(1), "the replica's real role says it is promoted: no second promotion");
        });
    }

    [Test]
    public async Task RunAsync_PromoteAnswerLost_ReadsTheRoleBackAndGoesOn()
    {
        var h = new AzureFailoverHarness();
        h.Az.PromoteFailsAfterEffect = "connection reset";
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(h.Az.Count("postgres flexible-server replica promote"), Is.EqualTo(1), "the read-back role settles it: not promoted again");
        });
    }

    [Test]
    public async Task RunAsync_PromotionRefused_RollsBackReadingRealRolesAndMovesNoTraffic()
    {
        var h = new AzureFailoverHarness();
        h.Az.PromoteRefused = "server symmetry";
        var result = await h.RunAsync();
        var promote = h.Az.Lines.ToList().FindIndex(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(h.Az.Lines.Skip(promote + 1).Any(l => l.StartsWith($"postgres flexible-server show --resource-group {h.RecoveryGroup} --name {h.Az.Replica}", StringComparison.Ordinal)),
                Is.True, "after the failed call the replica's role is read from Azure");
            Assert.That(h.Az.Count("network traffic-manager endpoint update"), Is.Zero, "no traffic moved");
            Assert.That(h.Az.Roles[h.Az.Server], Is.EqualTo("Primary"), "the primary keeps writing");
        });
    }

    [Test]
    public async Task RunAsync_RunAgainAfterDyingInPromote_SwitchesOverPlannedOnce()
    {
        var h = new AzureFailoverHarness();
        h.Az.PromoteCrashes = true;
        var first = await h.RunAsync();
        Assert.That(first.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "the first run dies during the promote call");
        var resumed = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Outcome, Is.EqualTo(OperationOutcome.Succeeded), resumed.Summary);
            Assert.That(h.Az.Lines.Last(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal)), Does.Contain("--promote-option planned"),
                "the primary still answers, so the promotion that finally runs is planned: never forced while the primary answers");
            Assert.That(h.Az.Roles[h.Az.Server], Is.EqualTo("AsyncReplica"), "one switchover: the old primary is a replica, not a second writer");
        });
    }

    [Test]
    public async Task RunAsync_ResumedWithForceAfterConfirmedFence_SwitchesOverPlannedWithoutUnlink()
    {
        var h = new AzureFailoverHarness();
        h.Az.PromoteCrashes = true;
        var first = await h.RunAsync();
        Assert.That(first.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "the first run confirms both fences, then dies during the promote call");
        var resumed = await h.RunAsync(new FailoverSettings { OperationId = "azure-failover", Force = true, ForceReason = "operator resumes with force" });
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Outcome, Is.EqualTo(OperationOutcome.Succeeded), resumed.Summary);
            Assert.That(h.Az.Lines.Last(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal)), Does.Contain("--promote-option planned"),
                "the journaled fence says the primary answered: --force overrides checks, it does not turn a switchover into a forced promotion");
            Assert.That(h.Az.Count("redisenterprise database force-unlink"), Is.Zero, "a member whose fence answered is never force-unlinked (it would have to be deleted and recreated)");
            Assert.That(h.Az.Linked, Is.True, "the geo-replication link stays");
        });
    }

    [Test]
    public async Task RunAsync_IdlePrimaryAnswers_SwitchesOverWithoutJudgingTimeSinceReplay()
    {
        var h = new AzureFailoverHarness();
        h.Az.LagSeconds = 3600;
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded),
                $"an idle primary's Read Replica Lag is time since the last replay, and the planned switchover applies pending WAL itself: {result.Summary}");
            Assert.That(h.Az.Lines.Single(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal)), Does.Contain("--promote-option planned"),
                "the confirmed fence makes it the zero-loss planned switchover");
        });
    }

    [Test]
    public async Task RunAsync_PrimaryRegionDownWithOldReplay_RefusesOnTheUpperBoundWithoutForce()
    {
        var h = new AzureFailoverHarness();
        h.Az.PrimaryDown = true;
        h.Az.GeoHealthy = 1;
        h.Az.LagSeconds = 3600;
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Steps.Single(s => s.Name == DrKit.Failover.FailoverSteps.Fence).Detail,
                Does.Contain("time since the last replayed transaction").And.Contain("an upper bound on the loss"),
                "with the fence unanswered the figure is judged, worded as the upper bound it is");
            Assert.That(h.Az.Count("postgres flexible-server replica promote"), Is.Zero, "nothing was promoted");
        });
    }

    [Test]
    public async Task RunAsync_PrimaryRegionDownForced_RecordsTheUpperBoundAccepted()
    {
        var h = new AzureFailoverHarness();
        h.Az.PrimaryDown = true;
        h.Az.LagSeconds = 3600;
        var result = await h.RunAsync(new FailoverSettings { OperationId = "outage", Force = true, ForceReason = "eastus2 is down" });
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(h.Journal.Entries.Any(e => e.Event == DrKit.Failover.JournalEvent.Forced && e.Detail.Contains("an upper bound on the loss", StringComparison.Ordinal)),
                Is.True, "the force is journaled against the upper bound, not a lag figure");
        });
    }

    [Test]
    public async Task RunAsync_RedisLinkedButGeoReplicationUnhealthy_RefusesUnknownLag()
    {
        var h = new AzureFailoverHarness();
        h.Az.GeoHealthy = 0;
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "a Linked link whose Geo Replication Healthy metric reads 0 does not sync");
            Assert.That(result.Summary, Does.Contain("session-cache: replica lag unknown"), result.Summary);
        });
    }

    [Test]
    public async Task RunAsync_NoGeoReplicationHealthData_RefusesUnknownLag()
    {
        var h = new AzureFailoverHarness();
        h.Az.NoGeoHealthData = true;
        var result = await h.RunAsync();
        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), $"no datapoint is unknown, never healthy: {result.Summary}");
    }

    [Test]
    public async Task RunAsync_WriterEndpointStillOnOldPrimary_FailsVerification()
    {
        var h = new AzureFailoverHarness();
        h.Az.WriterEndpointStuck = true;
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "the replica's role alone does not say where the writer endpoint's clients land");
            Assert.That(result.Steps.Single(s => s.Name == DrKit.Failover.FailoverSteps.Verify).Detail, Does.Contain("writer endpoint"), "Verify names the endpoint that did not follow");
            Assert.That(h.PrimaryCalls.Where(c => !c.StartsWith("postgres flexible-server show", StringComparison.Ordinal) && !c.StartsWith("redisenterprise database show", StringComparison.Ordinal)),
                Is.Empty, "the endpoint is checked through DNS, never an ARM read in the primary's group");
        });
    }

    [Test]
    public async Task RunAsync_NoVirtualEndpoint_RefusesStandaloneUnlessForced()
    {
        var h = new AzureFailoverHarness();
        var topology = h.Topology with
        {
            Components = [.. h.Topology.Components.Select(c => c.Settings is DrKit.Core.Platforms.Azure.AzurePostgresSettings s ? c with { Settings = s with { VirtualEndpoint = null } } : c)],
        };
        var error = Assert.ThrowsAsync<Gateway.OperationRefusedException>(() => h.Program().RunAsync(topology, new FailoverSettings { OperationId = "no-endpoint" }, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("two writers"), "the refusal says why: the old server stays a writer when its region returns");
            Assert.That(h.Az.Calls, Is.Empty, "refused before any call");
        });
        var forced = await ClockedRun.DriveAsync(h.Program().RunAsync(topology, new FailoverSettings { OperationId = "standalone", Force = true, ForceReason = "accepted" }, CancellationToken.None), h.Clock);
        Assert.That(h.Az.Lines.Single(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal)), Does.Contain("--promote-mode standalone"),
            $"forced by the operator, the standalone promotion runs: {forced.Summary}");
    }

    [Test]
    public async Task RunAsync_ScalesTheFleetWithoutWaitingInTheCli()
    {
        var h = new AzureFailoverHarness();
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(h.Az.Lines.Single(l => l.StartsWith("vmss scale", StringComparison.Ordinal)), Does.Contain("--no-wait"),
                "a GPU set scaled from 0 can outlast one CLI call's bound; the engine polls the instances instead");
        });
    }

    [Test]
    public async Task RunAsync_PromotionStillReconfiguring_FailsVerification()
    {
        var h = new AzureFailoverHarness();
        h.Az.PromotionStaysReconfiguring = true;
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(h.Az.Count("postgres flexible-server replica promote"), Is.EqualTo(1), "a Reconfiguring replica counts as promoted: never promoted twice");
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "but it does not serve yet, so Verify does not pass");
            Assert.That(result.Steps.Single(s => s.Name == DrKit.Failover.FailoverSteps.Verify).Detail, Does.Contain("Reconfiguring"), "Verify says what it read");
        });
    }

    [Test]
    public async Task RunAsync_RecoveryEndpointDegraded_DoesNotVerify()
    {
        var h = new AzureFailoverHarness();
        h.Az.DegradedEndpoints.Add(AzureFailoverHarness.Recovery);
        var result = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "Enabled is not serving: Traffic Manager's probe says Degraded");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Verify).Detail, Does.Contain("monitor status Degraded"), "Verify says which probe failed");
        });
    }

    [Test]
    public void Plan_ProfileInThePrimaryRegionsGroup_Refuses()
    {
        var h = new AzureFailoverHarness();
        var topology = h.Topology with
        {
            Components = [.. h.Topology.Components.Select(c => c.Settings is Core.Platforms.Azure.AzureTrafficSettings t ? c with { Settings = t with { ProfileResourceGroup = h.PrimaryGroup } } : c)],
        };
        var refusal = Assert.Throws<Gateway.OperationRefusedException>(() => FailoverProgram.Plan(topology, new FailoverSettings { OperationId = "x" }), "a profile in the region that fails cannot be changed during its outage");
        Assert.That(refusal!.Message, Does.Contain("Nothing was changed"), "the refusal says nothing was done");
    }
}
