using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Config;

namespace DrKit.Core.Tests.Platforms.AzureServices;

/// <summary>How an Azure drill stack recovers each tier, and what it measures.</summary>
public sealed class AzureDrillRestoreTests
{
    private static readonly string[] Postgres = ["kind: postgres", "tier: production", "strategy: pilot-light"];

    private static TierRestore Single(ComponentPlan c, string drillRegion) => AzureDrillRestore.For([c], "eastus2", drillRegion).Single();

    [Test]
    public void For_GeoBackupDrilledInThePairedRegion_GeoRestoresWithARequestedPointOnly()
    {
        var c = AzureTestStacks.Two(Postgres);
        var pg = (AzurePostgresSettings)c.Settings;
        var tier = Single(c, "centralus");
        Assert.Multiple(() =>
        {
            Assert.That(tier.Kind, Is.EqualTo(RestoreKind.FlexibleServerGeoRestore), "centralus is eastus2's pair and the server keeps geo-redundant backups");
            Assert.That(tier.RequestsPoint, Is.True, "the drill reads the source and requests that time");
            Assert.That(tier.RecoveryPointOutput, Is.Null, "a geo-restore's point is the service's newest geo-backup, which Azure does not publish: never a measured figure");
            Assert.That(tier.Probed, Is.True, "the restored server's state is probed");
            Assert.That(tier.SourceName, Is.EqualTo($"{pg.ResourceGroups["eastus2"]}/{pg.Server}"), "the source is found by its decided group and name");
        });
    }

    [Test]
    public void For_DrillInThePrimaryRegion_RestoresToAPointInTimeItMeasures()
    {
        var tier = Single(AzureTestStacks.Two(Postgres), "eastus2");
        Assert.Multiple(() =>
        {
            Assert.That(tier.Kind, Is.EqualTo(RestoreKind.FlexibleServerPointInTime), "in the source's own region the backups restore to a chosen time");
            Assert.That(tier.RecoveryPointOutput, Is.EqualTo(OperationsOutputNames.RecoveryPoint("c")), "that time is the recovery point the drill measures");
        });
    }

    [Test]
    public void For_RegionThatIsNotThePair_IsNotRestoredNamingThePair()
    {
        var tier = Single(AzureTestStacks.One("westus2", Postgres), "westus2");
        Assert.Multiple(() =>
        {
            Assert.That(tier.Kind, Is.EqualTo(RestoreKind.NotRestored), "geo-restore lands in the paired region only");
            Assert.That(tier.From, Does.Contain("centralus"), "the reason names where a geo-restore could land");
        });
    }

    [Test]
    public void For_NoGeoBackup_IsNotRestoredAndNeverPromotesTheReplica()
    {
        var tier = Single(AzureTestStacks.Two([.. Postgres, "geoRedundantBackup: false"]), "centralus");
        Assert.Multiple(() =>
        {
            Assert.That(tier.Kind, Is.EqualTo(RestoreKind.NotRestored), "without geo-backup the drill region holds no backup");
            Assert.That(tier.From, Does.Contain("never promotes"), "the replica there is production's");
        });
    }

    [Test]
    public void For_ManagedRedis_IsNotRestoredWithTheReason()
    {
        var tier = Single(AzureTestStacks.Two("kind: redis", "tier: standard", "strategy: pilot-light"), "centralus");
        Assert.Multiple(() =>
        {
            Assert.That(tier.Kind, Is.EqualTo(RestoreKind.NotRestored), "Managed Redis has no backup another cache can be seeded from in the drill region");
            Assert.That(tier.From, Does.Contain("export"), "the reason names the one mechanism and why it is not used");
        });
    }

    [Test]
    public void For_ReplicatedBlobs_AreReadInPlaceFromTheReplicaAccount()
    {
        var c = AzureTestStacks.Two("kind: model-artifacts", "tier: production", "strategy: pilot-light");
        var account = ((AzureBlobSettings)c.Settings).Accounts["centralus"];
        var tier = Single(c, "centralus");
        Assert.Multiple(() =>
        {
            Assert.That(tier.Kind, Is.EqualTo(RestoreKind.ReadInPlace), "object replication keeps a copy in the drill region");
            Assert.That(tier.From, Does.Contain(account), "named by the replica account");
        });
    }

    [Test]
    public void Objectives_GeoRestore_IsAGapBoundedByTheDocumentedRpoAndTheReplicaLagIsAGap()
    {
        var c = AzureTestStacks.Two(Postgres);
        var tiers = AzureDrillRestore.For([c], "eastus2", "centralus");
        var gaps = AzureDrillObjectives.Gaps([c], tiers, "eastus2");
        Assert.Multiple(() =>
        {
            Assert.That(AzureDrillObjectives.Checks([c], tiers), Is.Empty, "nothing of a geo-restore can be measured against the plan");
            Assert.That(gaps.Select(g => g.Reason), Has.Some.Contains("geo-restore RPO not measured").And.Some.Contains(AzureAssumptions.PostgresBusinessContinuity),
                "the geo-restore gap cites the documented bound");
            Assert.That(gaps.Select(g => g.Reason), Has.Some.Contains("read replica in centralus"), "the replica's lag is not read either, so it is listed");
        });
    }

    [Test]
    public void Objectives_PointInTime_IsCheckedAgainstThePlan()
    {
        var c = AzureTestStacks.Two(Postgres);
        var check = AzureDrillObjectives.Checks([c], AzureDrillRestore.For([c], "eastus2", "eastus2")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(check.Path, Is.EqualTo(RpoPath.Restore), "a point-in-time restore's point is measured");
            Assert.That(check.RtoTarget, Is.EqualTo(c.Target.Rto), "and its time against the plan's RTO");
        });
    }

    [Test]
    public void Names_DrillStack_NeverTheSourceServerAndKeysIncludeTheIdentity()
    {
        var plan = TestStacks.Plan(AzureTestStacks.Yaml(TestStacks.Component(Postgres)));
        var production = ((AzurePostgresSettings)plan.Components.Single().Settings).Server;
        var restored = AzureDrillRestore.RestoredServer(plan, plan.Stack + "-drill-20261130000000-abcd", "c", "centralus");
        Assert.Multiple(() =>
        {
            Assert.That(restored, Is.Not.EqualTo(production), "a drill never asks for production's server name");
            Assert.That(restored, Is.Not.EqualTo(AzureDrillRestore.RestoredServer(plan, plan.Stack + "-drill-20261130000000-ef01", "c", "centralus")), "nor an earlier drill's");
            Assert.That(DrillRestore.SourceKeys(plan), Does.Contain(AzureDrillRestore.RestoreIdentityKey("c")), "the drill stack reads the identity of a customer-key restore");
        });
    }
}
