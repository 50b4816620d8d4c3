using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Tests.Platforms.Azure;

[TestFixture]
public sealed class AzureFailbackTests
{
    private const string Primary = AzureFailoverHarness.Primary;
    private const string Recovery = AzureFailoverHarness.Recovery;

    /// <summary>A stack failed over with the primary up (planned switchover) or down (forced), the primary region back afterwards.</summary>
    private static async Task<AzureFailoverHarness> FailedOverAsync(bool outage, bool relinked = true)
    {
        var h = new AzureFailoverHarness();
        h.Az.PrimaryDown = outage;
        var failover = await h.RunAsync(outage ? new FailoverSettings { OperationId = "outage", Force = true, ForceReason = "eastus2 is down" } : null);
        Assert.That(failover.Outcome, Is.EqualTo(OperationOutcome.Succeeded), failover.Summary);
        h.Az.PrimaryDown = false;
        h.Az.Linked = relinked;
        h.Az.LagSeconds = 0;
        return h;
    }

    private static int Promotions(AzureFailoverHarness h, string server) =>
        h.Az.Lines.Count(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal) && l.Contains($"--name {server} ", StringComparison.Ordinal));

    [Test]
    public async Task RunAsync_AfterPlannedFailover_SwitchesBackInStagesAndRecordsSteady()
    {
        var h = await FailedOverAsync(outage: false);
        var result = await h.FailbackAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(h.Az.Created, Is.Empty, "after a planned switchover the old primary already replicates from the writer: nothing to re-seed");
            Assert.That(h.Az.Lines.Single(l => l.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal) && l.Contains(h.PrimaryGroup, StringComparison.Ordinal)),
                Does.Contain($"--name {h.Az.Server} --promote-mode switchover --promote-option planned"), "the switch back is a planned switchover on the primary-region replica");
            Assert.That((h.Az.Roles[h.Az.Server], h.Az.Roles[h.Az.Replica]), Is.EqualTo(("Primary", "AsyncReplica")), "one writer, in the primary region");
            Assert.That(h.Az.Endpoints[Primary], Is.EqualTo((true, 1000)), "the primary endpoint is back at full weight");
            Assert.That(h.Az.Endpoints[Recovery], Is.EqualTo((false, 1)), "the recovery endpoint is back to its planned disabled weight 1");
            Assert.That(h.Az.Lines.Where(l => l.StartsWith("network traffic-manager endpoint update", StringComparison.Ordinal)).ToList(),
                Has.Some.Contains($"--name {Primary} --type externalEndpoints --endpoint-status Enabled --weight 100 ").And.Some.Contains($"--name {Recovery} --type externalEndpoints --endpoint-status Enabled --weight 900 "),
                "the 10 % stage weights the primary 10·p and the recovery 1000 − 10·p");
            Assert.That(h.World.ConfigWrites.Where(w => w.Values.ContainsKey(OpsConfig.TrafficPercent) && w.Values[OpsConfig.TrafficActiveRegion].Value == Primary)
                .Select(w => w.Values[OpsConfig.TrafficPercent].Value), Is.EqualTo(new[] { "10", "50", "100", "100" }), "each stage is recorded, then the steady state");
            Assert.That(h.Recorded[OpsConfig.Promote("context-store")], Is.EqualTo("false"), "the promotion is cleared so the next up declares steady");
            Assert.That(h.Recorded[OpsConfig.WriterRegion("context-store")], Is.EqualTo(Primary), "the writer is recorded in the primary region");
            Assert.That(h.Recorded[OpsConfig.WriterRegion("session-cache")], Is.EqualTo(Primary), "Redis writes return to the primary member");
            Assert.That(h.Recorded[OpsConfig.RecoveryRunning], Is.EqualTo(OpsConfig.Text(Operations.Platforms.Azure.AzureFailback.SteadyRunning(h.Topology, Recovery))),
                "the recovery fleet's steady size is recorded");
            Assert.That(h.Az.ScaleSetCapacity, Is.EqualTo(Operations.Platforms.Azure.AzureFailback.SteadyRunning(h.Topology, Recovery)), "and the scale set runs it");
        });
    }

    [Test]
    public async Task RunAsync_AfterForcedFailover_DeletesTheStaleOldPrimaryAndReseedsUnderItsName()
    {
        var h = await FailedOverAsync(outage: true);
        Assert.That(h.Az.Roles[h.Az.Server], Is.EqualTo("Primary"), "precondition: the old primary came back as a standalone writer");
        var result = await h.FailbackAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(h.Az.Deleted, Is.EqualTo(new[] { h.Az.Server }), "a server name cannot be changed, so the stale writer is deleted first");
            Assert.That(h.Az.Created.Single().Name, Is.EqualTo(h.Az.Server), "the replica takes the primary's decided name");
            Assert.That(h.Az.Created.Single().Source, Does.EndWith($"/flexibleServers/{h.Az.Replica}"), "its source is the writer, by the id read from its show");
            Assert.That(h.Az.Lines.Single(l => l.StartsWith("postgres flexible-server replica create", StringComparison.Ordinal)),
                Does.Contain($"--resource-group {h.PrimaryGroup} --location {Primary}"), "created in the primary region's group");
            Assert.That((h.Az.Roles[h.Az.Server], h.Az.Roles[h.Az.Replica]), Is.EqualTo(("Primary", "AsyncReplica")), "one writer, in the primary region");
        });
    }

    [Test]
    public async Task RunAsync_PrimaryRegionStillDown_RefusesAndChangesNothing()
    {
        var h = await FailedOverAsync(outage: true);
        h.Az.PrimaryDown = true;
        var calls = h.Az.Calls.Count;
        var writes = h.World.ConfigWrites.Count;
        var result = await h.FailbackAsync();
        string[] verbs = ["replica create", "flexible-server delete", "replica promote", "endpoint update", "vmss scale", "force-unlink"];
        var changes = h.Az.Lines.Skip(calls).Where(l => verbs.Any(v => l.Contains(v, StringComparison.Ordinal))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), result.Summary);
            Assert.That(result.Summary, Does.Contain("the primary region is still down"), "the refusal says why");
            Assert.That(changes, Is.Empty, "only reads were made");
            Assert.That(h.World.ConfigWrites.Count, Is.EqualTo(writes), "no config was written");
            Assert.That(h.Az.Roles[h.Az.Replica], Is.EqualTo("Primary"), "the writer keeps serving from the recovery region");
        });
    }

    [Test]
    public async Task RunAsync_RedisMemberNotRelinked_RefusesWithTheRunbookSteps()
    {
        var h = await FailedOverAsync(outage: true, relinked: false);
        var result = await h.FailbackAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), result.Summary);
            Assert.That(result.Summary, Does.Contain("az redisenterprise database force-link-to-replication-group").And.Contain(h.Az.PrimaryRedis), "the refusal gives the re-link command");
            Assert.That(h.Az.Deleted, Is.Empty, "nothing was deleted before the refusal");
            Assert.That(h.Az.Created, Is.Empty, "nothing was created");
        });
    }

    [Test]
    public async Task RunAsync_ReplicaNeverCatchesUp_StopsBeforeTheSwitchover()
    {
        var h = await FailedOverAsync(outage: true);
        h.Az.LagSeconds = 5;
        var result = await h.FailbackAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), result.Summary);
            Assert.That(result.Summary, Does.Contain("did not reach lag 0"), result.Summary);
            Assert.That(Promotions(h, h.Az.Server), Is.Zero, "no switchover onto a replica that lags");
            Assert.That((h.Az.Roles[h.Az.Server], h.Az.Roles[h.Az.Replica]), Is.EqualTo(("AsyncReplica", "Primary")), "one writer, still in the recovery region");
            Assert.That(h.Az.Endpoints[Recovery], Is.EqualTo((true, 1000)), "traffic stays in the recovery region");
        });
    }

    [Test]
    public async Task RunAsync_RunAgainAfterDyingInTheSwitchover_ReseedsAndSwitchesOnce()
    {
        var h = await FailedOverAsync(outage: true);
        h.Az.PromoteCrashes = true;
        Assert.ThrowsAsync<OperationCanceledException>(() => h.FailbackAsync(), "the first run dies during the switchover call");
        var resumed = await h.FailbackAsync();
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Outcome, Is.EqualTo(OperationOutcome.Succeeded), resumed.Summary);
            Assert.That(h.Az.Created, Has.Count.EqualTo(1), "the re-run finds the replica it created and does not create another");
            Assert.That(Promotions(h, h.Az.Server), Is.EqualTo(2), "the lost call and the one that ran");
            Assert.That((h.Az.Roles[h.Az.Server], h.Az.Roles[h.Az.Replica]), Is.EqualTo(("Primary", "AsyncReplica")), "one writer");
        });
    }

    [Test]
    public async Task RunAsync_AnswerLostAfterTheSwitchover_ResumesWithoutSwitchingAgain()
    {
        var h = await FailedOverAsync(outage: false);
        h.Az.PromoteFailsAfterEffect = "connection reset";
        var first = await h.FailbackAsync("lost");
        h.Az.PromoteFailsAfterEffect = null;
        var promotions = Promotions(h, h.Az.Server);
        var resumed = await h.FailbackAsync("lost");
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(OperationOutcome.Failed), first.Summary);
            Assert.That(resumed.Outcome, Is.EqualTo(OperationOutcome.Succeeded), resumed.Summary);
            Assert.That(Promotions(h, h.Az.Server), Is.EqualTo(promotions), "the roles read back say the switchover took effect: no second one");
            Assert.That((h.Az.Roles[h.Az.Server], h.Az.Roles[h.Az.Replica]), Is.EqualTo(("Primary", "AsyncReplica")), "one writer");
        });
    }

    [Test]
    public async Task RunAsync_ErrorRateRisesAtFiftyPercent_RollsBackToTenPercent()
    {
        var h = await FailedOverAsync(outage: false);
        var result = await h.FailbackAsync("rising", 0.01, 0.01, 0.5);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.RolledBack), result.Summary);
            Assert.That(h.Az.Endpoints[Primary], Is.EqualTo((true, 100)), "back to the 10 % stage: primary weight 100");
            Assert.That(h.Az.Endpoints[Recovery], Is.EqualTo((true, 900)), "recovery weight 900");
            Assert.That(h.Recorded.GetValueOrDefault(OpsConfig.RecoveryRunning), Is.EqualTo(OpsConfig.Text(h.Topology.DesiredRunning)), "the recovery fleet keeps serving");
        });
    }
}
