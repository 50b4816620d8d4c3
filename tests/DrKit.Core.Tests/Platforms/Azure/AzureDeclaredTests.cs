using DrKit.Core.Config;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Config;
using DrKit.Testing;

namespace DrKit.Core.Tests.Platforms.AzureServices;

/// <summary>What the Azure shell declares differently under DR operations, on the bundled azure-pilot-light stack.</summary>
public sealed class AzureDeclaredTests
{
    private static DrPlan Plan() => Planner.Plan(StackSpecReader.ReadFile(Path.Combine(RepoPaths.Root, "stacks", "Pulumi.azure-pilot-light.yaml")));

    private static StackOperations Operations(params (string Key, string Value)[] ops)
    {
        var plan = Plan();
        return StackOperations.Decide(plan, OperationsConfig.FromRaw("test", ops.ToDictionary(o => OperationsKeys.Full(o.Key), o => o.Value), plan));
    }

    private static AzureTrafficSettings Traffic(StackOperations operations) =>
        (AzureTrafficSettings)operations.Plan.Components.Single(c => c.Settings is AzureTrafficSettings).Settings;

    [Test]
    public void SteadyState_DeclaresReplicationAndThePlannedRouting()
    {
        var operations = Operations();
        var (routing, endpoints) = AzureDeclared.Traffic(Traffic(operations), operations);
        Assert.Multiple(() =>
        {
            Assert.That(AzureDeclared.FailedOver(operations), Is.False, "nothing moved");
            Assert.That(AzureDeclared.ObjectReplication(operations), Is.True, "the primary's accounts replicate to the recovery accounts");
            Assert.That(routing, Is.EqualTo("Weighted"), "one routing method in every state");
            Assert.That(endpoints.Select(e => (e.Region, e.Enabled, e.Weight)), Is.EqualTo(new[] { ("eastus2", true, 1000), ("centralus", false, 1) }),
                "the primary enabled at 1000, the recovery endpoint disabled (there is no weight 0)");
        });
    }

    [Test]
    public void PromotionAlone_CountsAsFailedOver()
    {
        var operations = Operations((OperationsKeys.Promote("context-store"), "true"));
        Assert.Multiple(() =>
        {
            Assert.That(AzureDeclared.FailedOver(operations), Is.True, "the writer is in the recovery region");
            Assert.That(AzureDeclared.ObjectReplication(operations), Is.False, "a policy declared now would lock the recovery containers again");
        });
    }

    [Test]
    public void FullFailover_DisablesEveryEndpointButTheActiveOne()
    {
        var operations = Operations((OperationsKeys.TrafficActiveRegion, "centralus"), (OperationsKeys.TrafficPercent, "100"));
        var (routing, endpoints) = AzureDeclared.Traffic(Traffic(operations), operations);
        Assert.Multiple(() =>
        {
            Assert.That(routing, Is.EqualTo("Weighted"), "a failover changes no routing method, only endpoints");
            Assert.That(endpoints.Single(e => e.Region == "eastus2").Enabled, Is.False, "a returning primary takes nothing until failback");
            Assert.That((endpoints.Single(e => e.Region == "centralus").Enabled, endpoints.Single(e => e.Region == "centralus").Weight), Is.EqualTo((true, 1000)),
                "the recovery region serves at full weight");
        });
    }

    [Test]
    public void GradualFailback_WeighsTheSharesAndDisablesAZeroShare()
    {
        var moving = Operations((OperationsKeys.TrafficActiveRegion, "eastus2"), (OperationsKeys.TrafficPercent, "10"));
        var (routing, endpoints) = AzureDeclared.Traffic(Traffic(moving), moving);
        Assert.Multiple(() =>
        {
            Assert.That(routing, Is.EqualTo("Weighted"), "a gradual failback moves weights");
            Assert.That(endpoints.Single(e => e.Region == "eastus2").Weight, Is.EqualTo(100), "10 % back on the primary: weight 10 x 10");
            Assert.That(endpoints.Single(e => e.Region == "centralus").Weight, Is.EqualTo(900), "the rest stays on the recovery region");
            Assert.That(endpoints.All(e => e.Enabled), Is.True, "both regions serve their share");
        });
        var none = Operations((OperationsKeys.TrafficActiveRegion, "centralus"), (OperationsKeys.TrafficPercent, "0"));
        var zero = AzureDeclared.Traffic(Traffic(none), none).Endpoints.Single(e => e.Region == "centralus");
        Assert.That((zero.Enabled, zero.Weight), Is.EqualTo((false, AzureAssumptions.MinWeight)), "Traffic Manager weights are 1-1000: a 0 % share is a disabled endpoint at its planned weight");
    }

    [Test]
    public void FailbackAtFullShare_IsTheSteadyState()
    {
        var back = Operations((OperationsKeys.TrafficActiveRegion, "eastus2"), (OperationsKeys.TrafficPercent, "100"));
        var steady = Operations();
        Assert.That(AzureDeclared.Traffic(Traffic(back), back).Endpoints, Is.EqualTo(AzureDeclared.Traffic(Traffic(steady), steady).Endpoints),
            "the primary at 100 % keeps the recovery endpoint as the plan declares it, not a shape of its own");
    }

    [Test]
    public void GpuRunning_RecoveryRegionFollowsOperations()
    {
        var operations = Operations((OperationsKeys.RecoveryRunning, "2"));
        var gpu = operations.Plan.Components.Single(c => c.Settings is AzureGpuSettings);
        var settings = (AzureGpuSettings)gpu.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(AzureDeclared.GpuRunning(gpu.Name, settings.In("centralus"), operations), Is.EqualTo(2), "the scale-up operations decided");
            Assert.That(AzureDeclared.GpuRunning(gpu.Name, settings.In("centralus"), Operations()), Is.EqualTo(0), "pilot light runs nothing there");
            Assert.That(AzureDeclared.GpuRunning(gpu.Name, settings.In("eastus2"), operations), Is.EqualTo(2), "the primary runs its fleet");
            Assert.That((operations.Recovery.Available, operations.Recovery.Running), Is.EqualTo((2, 2)), "the reservation holds two; two run");
        });
    }

    [Test]
    public void ResourceGroups_AddThePairWhereTheGeoBackupKeyLives()
    {
        var plan = TestStacks.Plan(AzureTestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: backup-restore"), "westus2"));
        Assert.Multiple(() =>
        {
            Assert.That(AzureDeclared.ResourceGroups(plan).Keys, Is.EquivalentTo(new[] { "eastus2", "westus2", "centralus" }),
                "the geo-backup key lives in eastus2's pair centralus, which is no stack region: it needs a group there");
            Assert.That(plan.Components.Single().Regions.Single(r => r.Region == "eastus2").Values["geoBackupKey"], Does.EndWith(" in centralus"),
                "the plan shows the third vault on the primary it serves");
        });
    }

    [Test]
    public void ZonelessRegion_GetsLocallyRedundantAccountsWithANote()
    {
        var c = AzureTestStacks.One("northcentralus", "kind: model-artifacts", "tier: production", "strategy: pilot-light", "rpo: 1h");
        var s = (AzureBlobSettings)c.Settings;
        Assert.Multiple(() =>
        {
            Assert.That(AzureRegions.HasZones("eastus2"), Is.True, "eastus2 has three zones");
            Assert.That(AzureRegions.HasZones("northcentralus"), Is.False, "northcentralus has none");
            Assert.That(s.AccountReplicationType, Is.EqualTo("LRS"), "a ZRS account cannot be created in northcentralus");
            Assert.That(c.Estimate.Caveats, Has.Some.Contains("northcentralus has no availability zones"), "the plan says why the accounts are not zone-redundant");
            Assert.That(((AzureBlobSettings)AzureTestStacks.Two("kind: model-artifacts", "tier: production", "strategy: pilot-light", "rpo: 1h").Settings).AccountReplicationType,
                Is.EqualTo("ZRS"), "both regions with zones keep zone-redundant accounts");
        });
    }

    [Test]
    public void ReplicatedGeoBackup_WarnsThatAPromotionLosesIt()
    {
        var c = AzureTestStacks.Two("kind: postgres", "tier: production", "strategy: pilot-light");
        Assert.That(c.Estimate.Caveats, Has.Some.Contains("geo-redundant backup is off on both servers"), "one failover or switchover drill removes geo-backup from the pair");
    }
}
