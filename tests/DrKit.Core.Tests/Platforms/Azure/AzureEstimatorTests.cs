using DrKit.Core.Planning;
using DrKit.Core.Platforms;
using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Config;

namespace DrKit.Core.Tests.Platforms.AzureServices;

/// <summary>What the plan decides for Azure components, and the figures their estimates rest on.</summary>
public sealed class AzureEstimatorTests
{
    [Test]
    public void PilotLightPostgres_GetsAReplicaBehindAVirtualEndpointWithKeysPerRegion()
    {
        var c = AzureTestStacks.Two("kind: postgres", "tier: production", "strategy: pilot-light", "allocatedStorage: 200");
        var s = (AzurePostgresSettings)c.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(Platform.Of(c), Is.EqualTo(Platform.Azure), "the component is planned on Azure");
            Assert.That(s.Server, Does.Match("^rag-c-eastus2-[0-9a-f]{6}$"), "the primary server is named <service>-<component>-<region>-<hash of the stack>: its name is a global DNS name");
            Assert.That(s.ReplicaServer, Does.Match("^rag-c-centralus-[0-9a-f]{6}$"), "a read replica lives in the recovery region");
            Assert.That(s.ReplicaSkuName, Is.EqualTo(s.SkuName), "promote to primary server needs the replica's tier and size to equal the primary's");
            Assert.That(s.VirtualEndpoint, Is.Not.Null, "clients keep one name across a promotion");
            Assert.That(s.Keys.Select(k => k.Region), Is.EqualTo(new[] { "eastus2", "centralus" }), "each server has a Key Vault key of its own region");
            Assert.That(s.Keys.All(k => AzureLimits.IsKeyVault(k.KeyVault)), Is.True, "Key Vault names fit Azure's rule");
            Assert.That(s.StorageMb, Is.EqualTo(256 * 1024), "200 GB rounds up to the 256 GB size the service offers");
            Assert.That(s.GeoRedundantBackup, Is.True, "backups are geo-redundant too on a paired stack");
            Assert.That(s.PublicNetworkAccess, Is.False, "no public access");
            Assert.That(TestStacks.Term(c, "RTO", "promote").Step, Is.EqualTo(Failover.FailoverSteps.Promote), "promotion runs in the failover's Promote step");
            Assert.That(c.Estimate.RpoGuaranteed, Is.False, "asynchronous replication has no published bound");
        });
    }

    [Test]
    public void BackupRestorePostgres_RpoIsTheDocumentedGeoBackupHour()
    {
        var c = AzureTestStacks.Two("kind: postgres", "tier: standard", "strategy: backup-restore");
        var rpo = TestStacks.Term(c, "RPO", "geo-backup");
        Assert.Multiple(() =>
        {
            Assert.That(rpo.Worst, Is.EqualTo(TimeSpan.FromHours(1)), "geo-restore's RPO is under one hour");
            Assert.That(rpo.Source, Does.Contain("learn.microsoft.com"), "the figure cites the service's documentation");
            Assert.That(((AzurePostgresSettings)c.Settings).GeoRestoreRegion, Is.EqualTo("centralus"), "geo-restore lands in the pair");
        });
    }

    [Test]
    public void BackupRestorePostgres_UnpairedRecovery_IsExplained()
    {
        var c = AzureTestStacks.One("westus2", "kind: postgres", "tier: standard", "strategy: backup-restore");
        Assert.That(c.Estimate.Caveats, Has.Some.Contains("geo-restore lands in eastus2's paired region centralus, not in the recovery region westus2"),
            "an unpaired recovery region is allowed, and the plan says where a geo-restore really lands");
    }

    [Test]
    public void PitrWindowBeyondRetention_IsRejected()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light", "pitrWindow: 60d"));
        TestStacks.Problems(yaml).At("drkit:components.c.pitrWindow", "7 to 35 days");
    }

    [Test]
    public void LongServerName_IsRejectedNamingTheLimit()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light"))
            .Replace("drkit:service: rag", "drkit:service: " + new string('r', 60), StringComparison.Ordinal);
        TestStacks.Problems(yaml).At("drkit:components.c", "3-63 lower-case letters");
    }

    [Test]
    public void PilotLightRedis_IsAnActiveGeoReplicationGroup()
    {
        var c = AzureTestStacks.Two("kind: redis", "strategy: pilot-light");
        var s = (AzureRedisSettings)c.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(s.Instances.Keys, Is.EqualTo(new[] { "eastus2", "centralus" }), "one instance per region, same SKU");
            Assert.That(s.GeoReplicationGroup, Is.Not.Null, "joined in one group");
            Assert.That(TestStacks.Term(c, "RTO", "unlink").Step, Is.EqualTo(Failover.FailoverSteps.Promote), "the lost instance is force-unlinked at promotion");
        });
    }

    [Test]
    public void RedisTooSmallForGeoReplication_IsRejected()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: pilot-light", "skuName: Balanced_B1"));
        TestStacks.Problems(yaml).At("drkit:components.c.skuName", "Balanced_B3 or larger");
    }

    [Test]
    public void RedisActiveActive_IsAllowedOnAzure()
    {
        var c = AzureTestStacks.Two("kind: redis", "strategy: active-active");
        Assert.That(((AzureRedisSettings)c.Settings).GeoReplicationGroup, Is.Not.Null, "Managed Redis takes writes in every member, unlike a Global Datastore");
    }

    [Test]
    public void Artifacts_ReplicateBetweenAccountsWithWhatObjectReplicationNeeds()
    {
        var c = AzureTestStacks.Two("kind: model-artifacts", "tier: production", "strategy: pilot-light", "rpo: 1h", "immutability: 30d");
        var s = (AzureBlobSettings)c.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(s.Accounts.Values.All(AzureLimits.IsStorageAccount), Is.True, "account names are 3-24 lower-case letters and digits");
            Assert.That(s.Accounts.Values.Distinct().Count(), Is.EqualTo(2), "one account per region");
            Assert.That((s.Versioning, s.ChangeFeed), Is.EqualTo((true, true)), "object replication needs versioning and the source's change feed");
            Assert.That(c.Estimate.RpoUnbounded, Does.Contain("no SLA"), "object replication without priority replication has no bound, and the plan says so instead of counting 15 minutes");
            Assert.That(s.ImmutabilityDays, Is.EqualTo(30), "immutability as asked");
        });
    }

    [Test]
    public void GzrsWithUnpairedRecovery_IsRejected()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: model-artifacts", "strategy: pilot-light", "redundancy: gzrs"), "westus2");
        TestStacks.Problems(yaml).At("drkit:components.c.redundancy", "recoveryRegions: [centralus]");
    }

    [Test]
    public void ReservedGpu_HoldsTheCountInTheRecoveryRegionsGroup()
    {
        var c = AzureTestStacks.Two("kind: gpu-capacity", "tier: production", "strategy: pilot-light", "count: 2", "zones:", "  centralus: \"2\"", "reservationEnd: \"2027-12-31\"");
        var recovery = ((AzureGpuSettings)c.Settings).In("centralus");
        Assert.Multiple(() =>
        {
            Assert.That(recovery.Reserved, Is.EqualTo(2), "the plan's count is reserved");
            Assert.That(recovery.Running, Is.Zero, "pilot light runs nothing");
            Assert.That(recovery.Zone, Is.EqualTo("2"), "in the zone asked for");
            Assert.That(recovery.ReservationGroup, Does.StartWith("crg-rag-c-"), "in a capacity reservation group of its own");
            Assert.That(((AzureGpuSettings)c.Settings).In("eastus2").Reserved, Is.Zero, "nothing is reserved where the fleet runs");
        });
    }

    [Test]
    public void Endpoint_IsBehindTrafficManagerWithTheStacksProbe()
    {
        var plan = TestStacks.Plan(AzureTestStacks.Yaml(TestStacks.Component("kind: inference-endpoint", "strategy: pilot-light", "endpoints:", "  eastus2: a.example.com", "  centralus: b.example.com")));
        var c = plan.Components.Single();
        var s = (AzureTrafficSettings)c.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(s.Endpoints.Select(e => (e.Enabled, e.Weight)), Is.EqualTo(new[] { (true, 1000), (false, 1) }),
                "pilot light: the primary takes everything, the recovery endpoint is disabled until a failover enables it");
            Assert.That((s.ProbeIntervalSeconds, s.ToleratedFailures, s.ProbeTimeoutSeconds), Is.EqualTo((10, 2, 9)), "10s fast probing, 3 failures = 2 tolerated + 1, the largest timeout 10s probing allows");
            Assert.That(s.Endpoints.Select(e => (e.Region, e.Priority)), Is.EqualTo(new[] { ("eastus2", 1), ("centralus", 2) }), "the primary first");
            Assert.That(AzureLimits.IsDnsLabel(s.RelativeDnsName), Is.True, "the relative DNS name is a label");
            Assert.That(TestStacks.Term(c, "RTO", "detection").Source, Is.EqualTo(AzureAssumptions.TrafficManagerMonitoring), "detection cites Traffic Manager, not Route 53");
            Assert.That(s.ProfileResourceGroup, Is.EqualTo(s.ResourceGroups["centralus"]),
                "the profile lives in the recovery region's group: ARM refuses updates to resources whose group's region is down, and the failover changes the profile");
        });
    }

    [Test]
    public void AzurePlan_RoundTripsThroughJson()
    {
        var plan = Planner.PlanFile(RepoPaths.Stack("azure-pilot-light"));
        var back = PlanJson.Deserialize(PlanJson.Serialize(plan));
        Assert.That(back.Components.Select(c => c.Settings.GetType()), Is.EqualTo(plan.Components.Select(c => c.Settings.GetType())), "every Azure settings record survives JSON");
    }
}
