using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Config;

namespace DrKit.Core.Tests.Platforms.AzureServices;

/// <summary>Values Azure or the pinned provider refuses, refused at plan time with the documented reason.</summary>
public sealed class AzureServiceLimitTests
{
    [Test]
    public void PostgresReplica_SmallerThanThePrimary_IsRefused()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light", "skuName: GP_Standard_D4ds_v5", "replicaSkuName: GP_Standard_D2ds_v5"));
        TestStacks.Problems(yaml).At("drkit:components.c.replicaSkuName", "Server Symmetry");
    }

    [Test]
    public void PostgresReplica_OnBurstable_IsRefused()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light", "skuName: B_Standard_B2s"));
        TestStacks.Problems(yaml).At("drkit:components.c.skuName", "not Burstable");
    }

    [Test]
    public void BackupRestorePostgres_OnBurstable_IsAccepted()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: backup-restore", "skuName: B_Standard_B2s"));
        Assert.That(((AzurePostgresSettings)TestStacks.Plan(yaml).Components.Single().Settings).SkuName, Is.EqualTo("B_Standard_B2s"), "without a replica, Burstable is a valid tier and is planned");
    }

    [Test]
    public void RedisGeoReplication_OnFlashOptimized_IsRefused()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: pilot-light", "skuName: FlashOptimized_A250"));
        TestStacks.Problems(yaml).At("drkit:components.c.skuName", "Flash Optimized SKUs do not support active geo-replication");
    }

    [Test]
    public void PriorityReplication_AskedFor_IsRefusedBecauseTheProviderCannotDeclareIt()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: model-artifacts", "strategy: pilot-light", "priorityReplication: true"));
        TestStacks.Problems(yaml).At("drkit:components.c.priorityReplication", "cannot be declared with Pulumi.Azure 6.39.0");
    }

    [TestCase(16384, 16777216)]
    [TestCase(20000, 33553408)]
    [TestCase(32768, 33553408)]
    public void StorageMb_IsOneOfTheProvidersValues(int gb, int mb)
    {
        var c = AzureTestStacks.Two("kind: postgres", "strategy: pilot-light", $"allocatedStorage: {gb}");
        Assert.That(((AzurePostgresSettings)c.Settings).StorageMb, Is.EqualTo(mb), "storage_mb takes a fixed list of values; the 32 TiB size is 33553408, not 32768 x 1024");
    }

    [Test]
    public void GlobalNames_DifferBetweenTwoStacksOfOneService()
    {
        string[] names(string stack) =>
        [
            AzureNames.PostgresServer(stack, "rag", "context-store", "eastus2"),
            AzureNames.VirtualEndpoint(stack, "rag", "context-store"),
            AzureNames.ManagedRedis(stack, "rag", "session-cache", "eastus2"),
        ];
        var staging = names("staging");
        var production = names("production");
        Assert.Multiple(() =>
        {
            for (var i = 0; i < staging.Length; i++)
            {
                Assert.That(staging[i], Is.Not.EqualTo(production[i]), "server, endpoint and cache names are global DNS names: a second stack of the service must not ask for the same one");
            }

            Assert.That(AzureLimits.IsPostgresServer(staging[0]), Is.True, "the hashed server name still fits Azure's rule");
        });
    }

    [Test]
    public void GeoBackupWithCustomerKeys_GetsAKeyInThePairedRegion()
    {
        var c = AzureTestStacks.One("westus2", "kind: postgres", "strategy: backup-restore");
        var s = (AzurePostgresSettings)c.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(s.GeoRestoreRegion, Is.EqualTo("centralus"), "eastus2's backups are geo-restored into its pair");
            Assert.That(s.Keys.Select(k => k.Region), Is.EqualTo(new[] { "eastus2", "centralus" }),
                "a geo-redundant backup encrypted with a customer key needs a key and identity in the paired region, which is not a stack region here");
        });
    }

    [Test]
    public void ObjectReplication_FailoverCountsRemovingThePolicyThatKeepsTheCopyReadOnly()
    {
        var c = AzureTestStacks.Two("kind: model-artifacts", "strategy: pilot-light", "immutability: 30d");
        Assert.Multiple(() =>
        {
            Assert.That(TestStacks.Term(c, "RTO", "unlock").Worst, Is.GreaterThan(TimeSpan.Zero),
                "writes to a destination container fail with 409 while the replication policy exists, so the failover has a step to remove it");
            Assert.That(c.Estimate.Caveats, Has.Some.Contains("read-only while object replication runs"), "the plan says the copy is not writable before that step");
            Assert.That(c.Estimate.Caveats, Has.Some.Contains("only eastus2's containers are WORM"), "and that the replica is not immutable");
            Assert.That(c.Estimate.Caveats, Has.Some.Contains("a version-level policy on the destination protects the copy"), "version-level WORM on the destination is the documented way to protect the copy");
        });
    }

    [Test]
    public void ReplicaLag_DefaultLabel_CitesTheBusinessContinuityTable()
    {
        var c = AzureTestStacks.Two("kind: postgres", "tier: production", "strategy: pilot-light");
        Assert.That(TestStacks.Term(c, "RPO", "lag").Source, Does.Contain(AzureAssumptions.PostgresBusinessContinuity).And.Not.Contains("DrKit assumption"),
            "the default lag is the business-continuity table's read-replica RPO, not an assumption of DrKit's");
    }

    [Test]
    public void ReservedGpu_Caveats_NameTheQuotaAndTheSizeCheck()
    {
        var c = AzureTestStacks.Two("kind: gpu-capacity", "tier: production", "strategy: pilot-light", "vmSize: Standard_NC24ads_A100_v4", "count: 2");
        Assert.That(c.Estimate.Caveats, Has.Some.Contains("vCPU quota").And.Some.Contains("az vm list-skus --location centralus --size Standard_NC24ads_A100_v4"),
            "a reservation needs quota like a VM and fails where the size is not offered, so the plan says what to check first");
    }
}
