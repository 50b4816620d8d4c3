using DrKit.Core.Model;
using DrKit.Core.Operations;

namespace DrKit.Core.Tests.Operations;

public sealed class StackOperationsTests
{
    private static readonly Dictionary<string, TierEndpoints> Endpoints = new(StringComparer.Ordinal)
    {
        ["context-store"] = new("db.use1:5432", "db.usw2:5432"),
        ["session-cache"] = new("cache.use1:6379", "cache.usw2:6379"),
    };

    [Test]
    public void PilotLight_NoOperations_ReportsTheNormalState()
    {
        var outputs = OpsPlans.Decide("pilot-light").FlatOutputs(Endpoints);
        Assert.Multiple(() =>
        {
            Assert.That(outputs["context-store.recoveryRole"], Is.EqualTo("replica"), "the replica is a replica");
            Assert.That(outputs["context-store.fenced"], Is.EqualTo("false"), "the primary takes writes");
            Assert.That(outputs["context-store.writerRegion"], Is.EqualTo("us-east-1"), "the writer is in the primary region");
            Assert.That(outputs["context-store.primaryEndpoint"], Is.EqualTo("db.use1:5432"), "primary endpoint passed through");
            Assert.That(outputs["context-store.recoveryEndpoint"], Is.EqualTo("db.usw2:5432"), "replica endpoint passed through");
            Assert.That(outputs["traffic.activeRegion"], Is.EqualTo("us-east-1"), "traffic on the primary region");
            Assert.That(outputs["traffic.percent"], Is.EqualTo("100"), "all of it");
            Assert.That(outputs["recovery.running"], Is.EqualTo("0"), "pilot light runs nothing in the recovery region");
            Assert.That(outputs["recovery.available"], Is.EqualTo("2"), "two GPUs are reserved there");
            Assert.That(outputs["endpoint.us-west-2"], Is.EqualTo("https://api.usw2.assistant.example.com/healthz"), "health-check URL per region");
        });
    }

    [Test]
    public void FlatOutputs_LeaveOutWhatADeploymentCannotKnow()
    {
        var outputs = OpsPlans.Decide("pilot-light").FlatOutputs(Endpoints);
        Assert.That(outputs.Keys, Has.None.EndsWith(".replicaLagSeconds").And.None.EndsWith(".resyncLagSeconds").And.None.EndsWith(".recoveryPoint"),
            "operations read a missing lag or recovery point as unknown; a made-up number would pass their RPO checks");
    }

    [Test]
    public void Promote_MakesTheRecoveryReplicaThePrimaryAndMovesTheWriter()
    {
        var ops = OpsPlans.Decide("pilot-light", ("promote.context-store", "true"));
        var tier = ops.Tiers["context-store"];
        Assert.Multiple(() =>
        {
            Assert.That(tier.ReplicaPromoted, Is.True, "the replica is declared without a replication source");
            Assert.That(tier.RecoveryRole, Is.EqualTo("primary"), "recoveryRole");
            Assert.That(tier.WriterRegion, Is.EqualTo("us-west-2"), "the promoted replica holds the writer");
        });
    }

    [Test]
    public void PromotionWithoutConfirmedFence_KeepsTheOldPrimaryIsolated()
    {
        var promoted = OpsPlans.Decide("pilot-light", ("promote.context-store", "true"), ("fence.context-store", "false")).Tiers["context-store"];
        var normal = OpsPlans.Decide("pilot-light").Tiers["context-store"];
        Assert.Multiple(() =>
        {
            Assert.That(promoted.PrimaryIsolated, Is.True,
                "an outage kept the fence from being confirmed: re-declaring the client groups would give the old primary clients as a second writer");
            Assert.That(normal.PrimaryIsolated, Is.False, "without fence or promotion the primary keeps its client groups");
        });
    }

    [Test]
    public void PostgresWriterRegion_FollowsThePromotionNotTheNote()
    {
        // A failback leaves writerRegion=<primary> behind; the next failover's promotion must still win.
        var tier = OpsPlans.Decide("pilot-light", ("writerRegion.context-store", "us-east-1"), ("promote.context-store", "true")).Tiers["context-store"];
        Assert.That(tier.WriterRegion, Is.EqualTo("us-west-2"), "promotion decides where the RDS writer is");
    }

    [Test]
    public void Fence_SetsTheReadOnlyDefaultOnThePrimary()
    {
        var fenced = OpsPlans.Decide("pilot-light", ("fence.context-store", "true")).Tiers["context-store"];
        var open = OpsPlans.Decide("pilot-light", ("fence.context-store", "false")).Tiers["context-store"];
        Assert.Multiple(() =>
        {
            Assert.That((fenced.Fenced, fenced.FenceParameterValue), Is.EqualTo((true, "on")), "fenced: default_transaction_read_only=on");
            Assert.That((open.Fenced, open.FenceParameterValue), Is.EqualTo((false, "off")), "unfenced: writes again");
            Assert.That(DataTierState.FenceParameter, Is.EqualTo("default_transaction_read_only"), "the PostgreSQL setting");
        });
    }

    [Test]
    public void RedisWriterRegion_IsRecordedFromTheKey()
    {
        var ops = OpsPlans.Decide("pilot-light", ("writerRegion.session-cache", "us-west-2"));
        var outputs = ops.FlatOutputs(Endpoints);
        Assert.Multiple(() =>
        {
            Assert.That(ops.Tiers["session-cache"].Kind, Is.EqualTo(DataTierKind.Redis), "Redis tier");
            Assert.That(outputs["session-cache.writerRegion"], Is.EqualTo("us-west-2"), "operations switched the Global Datastore there");
            Assert.That(outputs["session-cache.recoveryRole"], Is.EqualTo("primary"), "the secondary region holds the writer");
        });
    }

    [Test]
    public void FullTrafficOnRecovery_MovesWeightsNotRoles()
    {
        var traffic = OpsPlans.Decide("pilot-light", ("traffic.activeRegion", "us-west-2"), ("traffic.percent", "100")).Traffic;
        Assert.Multiple(() =>
        {
            Assert.That(traffic.For("us-west-2"), Is.EqualTo(new RecordRouting("us-west-2", RoutingPolicy.Weighted, null, 100)), "recovery region takes all the weight");
            Assert.That(traffic.For("us-east-1"), Is.EqualTo(new RecordRouting("us-east-1", RoutingPolicy.Weighted, null, 0)), "old primary keeps its record at weight 0");
        });
    }

    [Test]
    public void FailoverPlan_WithoutOperations_IsWeightedAllOnThePrimary()
    {
        var traffic = OpsPlans.Decide("pilot-light").Traffic;
        Assert.That(traffic.Records, Is.EqualTo(new[]
        {
            new RecordRouting("us-east-1", RoutingPolicy.Weighted, null, 100), new RecordRouting("us-west-2", RoutingPolicy.Weighted, null, 0),
        }), "a failover plan is weighted records: the recovery region at 0 answers only when the primary's health check fails");
    }

    [TestCase(50, 50, 50)]
    [TestCase(10, 10, 90)]
    [TestCase(0, 0, 100)]
    public void PartialTraffic_IsWeighted(int percent, int activeWeight, int otherWeight)
    {
        var traffic = OpsPlans.Decide("pilot-light", ("traffic.activeRegion", "us-east-1"), ("traffic.percent", percent.ToString(System.Globalization.CultureInfo.InvariantCulture))).Traffic;
        Assert.Multiple(() =>
        {
            Assert.That(traffic.For("us-east-1")?.Weight, Is.EqualTo(activeWeight), "the active region gets the percentage");
            Assert.That(traffic.For("us-west-2")?.Weight, Is.EqualTo(otherWeight), "the other region the rest");
            Assert.That(traffic.Records.Select(r => r.Policy), Is.All.EqualTo(RoutingPolicy.Weighted), "both records weighted");
            Assert.That((traffic.ActiveRegion, traffic.Percent), Is.EqualTo(("us-east-1", percent)), "read back as set");
        });
    }

    [Test]
    public void ActiveActive_WithoutOperations_KeepsLatencyRouting()
    {
        var traffic = OpsPlans.Decide("active-active").Traffic;
        Assert.That(traffic.Records.Select(r => r.Policy), Is.EqualTo(new[] { RoutingPolicy.Latency, RoutingPolicy.Latency }), "the planned routing holds in both regions");
    }

    [Test]
    public void RecoveryRunning_ScalesTheFirstGpuComponentInTheRecoveryRegion()
    {
        var ops = OpsPlans.Decide("pilot-light", ("recovery.running", "2"));
        var gpu = ops.Plan.Components.First(c => c.Name == ops.Recovery.GpuComponent);
        var desired = ops.Recovery.DesiredRunning(gpu.Name, (DrKit.Core.Planning.GpuSettings)gpu.Settings);
        Assert.Multiple(() =>
        {
            Assert.That(desired["us-west-2"], Is.EqualTo(2), "the serving group there is told to run two");
            Assert.That(ops.FlatOutputs(Endpoints)["recovery.running"], Is.EqualTo("2"), "read back for the scale poll");
        });
    }

    [Test]
    public void RecoveryAvailable_CountsRunningBeyondTheReservation()
    {
        var outputs = OpsPlans.Decide("pilot-light", ("recovery.running", "5")).FlatOutputs(Endpoints);
        Assert.That(outputs["recovery.available"], Is.EqualTo("5"), "instances told to run are provisioned");
    }

    [Test]
    public void Primary_HasNoRecoveryMembersOrCompute()
    {
        var ops = OpsPlans.Decide("primary");
        var outputs = ops.FlatOutputs(new Dictionary<string, TierEndpoints>(StringComparer.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(ops.Tiers.Values.Select(t => t.RecoveryRegion), Is.All.Null, "single region: nothing to promote");
            Assert.That(outputs.Where(o => o.Key.EndsWith(".recoveryEndpoint", StringComparison.Ordinal)).Select(o => o.Value), Is.All.Empty, "empty when there is none");
            Assert.That(outputs["recovery.available"], Is.EqualTo("0"), "no recovery compute");
        });
    }

    [Test]
    public void HostPort_IsEmptyWithoutAHost()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StackOperations.HostPort("h", 6379), Is.EqualTo("h:6379"), "host:port");
            Assert.That(StackOperations.HostPort(null, 6379), Is.Empty, "no member, no endpoint");
        });
    }

    [Test]
    public void AzurePilotLight_DecidesItsDataTiersFromTheOperationsState()
    {
        var normal = OpsPlans.Decide("azure-pilot-light");
        var promoted = OpsPlans.Decide("azure-pilot-light", ("promote.context-store", "true"), ("writerRegion.session-cache", "centralus"));
        Assert.Multiple(() =>
        {
            Assert.That(normal.Tiers["context-store"].Kind, Is.EqualTo(DataTierKind.FlexiblePostgres), "a Flexible Server pair");
            Assert.That(normal.Tiers["context-store"].RecoveryRegion, Is.EqualTo("centralus"), "its read replica's region");
            Assert.That(normal.Tiers["context-store"].WriterRegion, Is.EqualTo("eastus2"), "before any promotion the primary writes");
            Assert.That(promoted.Tiers["context-store"].ReplicaPromoted, Is.True, "promote.<c> records the service's promotion");
            Assert.That(promoted.Tiers["context-store"].WriterRegion, Is.EqualTo("centralus"), "the promoted replica is the writer");
            Assert.That(normal.Tiers["session-cache"].Kind, Is.EqualTo(DataTierKind.ManagedRedis), "an active geo-replication group");
            Assert.That(normal.Tiers["session-cache"].RecoveryRegion, Is.EqualTo("centralus"), "the group's member in the recovery region");
            Assert.That(promoted.Tiers["session-cache"].WriterRegion, Is.EqualTo("centralus"), "writerRegion records where the application writes");
        });
    }
}
