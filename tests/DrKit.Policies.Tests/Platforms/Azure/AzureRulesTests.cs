using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using DrKit.Policies.Platforms.Azure;

namespace DrKit.Policies.Tests.Platforms.Azure;

/// <summary>The AWS plan rules' Azure counterparts: keys, public access, replication, reservations.</summary>
public sealed class AzureRulesTests
{
    private static DrPlan Plan(string recovery, string? policy, params string[] lines)
    {
        var yaml = Stacks.Yaml("c:\n" + string.Concat(lines.Select(l => "  " + l + "\n")), policy, recovery)
            .Replace("  drkit:primaryRegion: us-east-1\n", "  drkit:cloud: azure\n  drkit:service: rag\n  drkit:primaryRegion: eastus2\n", StringComparison.Ordinal);
        return Stacks.Plan(yaml);
    }

    private static DrPlan Two(params string[] lines) => Plan("centralus", null, lines);

    private static DrPlan With(DrPlan plan, Func<ComponentSettings, ComponentSettings> change) =>
        plan with { Components = plan.Components.Select(c => c with { Settings = change(c.Settings) }).ToList() };

    [Test]
    public void CustomerManagedKeys_FlagServiceManagedKeysOnly()
    {
        string[] pg = ["kind: postgres", "tier: production", "strategy: pilot-light"];
        Assert.Multiple(() =>
        {
            Assert.That(Stacks.Check(Two(pg)).Of(AzureRules.CustomerManagedKeys), Is.Empty, "each server has a key of its region by default");
            Assert.That(Stacks.Check(Two([.. pg, "customerManagedKey: false"])).Of(AzureRules.CustomerManagedKeys).Single().Message, Does.Contain("eastus2, centralus"),
                "both the primary and the replica are named when neither has a customer key");
        });
    }

    [Test]
    public void PublicNetwork_FlagsAnOpenedService()
    {
        var plan = Two("kind: redis", "tier: production", "strategy: pilot-light");
        var opened = With(plan, s => s is AzureRedisSettings r ? r with { PublicNetworkAccess = true } : s);
        Assert.Multiple(() =>
        {
            Assert.That(Stacks.Check(plan).Of(AzureRules.PublicNetworkOff), Is.Empty, "DrKit decides private access");
            Assert.That(Stacks.Check(opened).Of(AzureRules.PublicNetworkOff).Single().Level, Is.EqualTo(PolicyLevel.Mandatory), "a plan that opens it is a mandatory finding");
        });
    }

    [Test]
    public void Replication_FlagsAProductionComponentKeptInOneRegion()
    {
        var replicated = Two("kind: model-artifacts", "tier: production", "strategy: pilot-light");
        var single = With(replicated, s => s is AzureBlobSettings b ? b with { Accounts = b.Accounts.Take(1).ToDictionary() } : s);
        Assert.Multiple(() =>
        {
            Assert.That(Stacks.Check(replicated).Of(AzureRules.ReplicationPresent), Is.Empty, "object replication keeps a second account");
            Assert.That(Stacks.Check(single).Of(AzureRules.ReplicationPresent).Single().Message, Does.Contain("keeps nothing outside eastus2"), "one account is no copy");
        });
    }

    [Test]
    public void ReservationPosture_FlagsAnEndInsideTheWindowAndAMissingReservation()
    {
        string[] gpu = ["kind: gpu-capacity", "tier: production", "strategy: pilot-light", "count: 2"];
        var ending = Plan("centralus", "postureWindow: 90d", [.. gpu, "reservationEnd: \"2026-07-01\""]);
        var unreserved = Two([.. gpu, "reserved: false"]);
        Assert.Multiple(() =>
        {
            Assert.That(Stacks.Check(Two([.. gpu, "reservationEnd: \"2027-12-31\""])).Of(AzureRules.ReservationPosture), Is.Empty, "a reservation counted on past the window passes");
            Assert.That(Stacks.Check(ending).Of(AzureRules.ReservationPosture).Single().Message, Does.Contain("until 2026-07-01"), "an end inside the posture window is named");
            Assert.That(Stacks.Check(unreserved).Of(AzureRules.ReservationPosture).Single().Message, Does.Contain("reserves 0 and runs 0 of the 2"), "nothing reserved for the recovery fleet");
        });
    }

    [Test]
    public void Jurisdiction_ReadsAzureGeographies()
    {
        var us = Plan("centralus", "jurisdictions:\n  - us", "kind: redis", "strategy: pilot-light");
        var eu = Plan("centralus", "jurisdictions:\n  - eu", "kind: redis", "strategy: pilot-light");
        Assert.Multiple(() =>
        {
            Assert.That(Stacks.Check(us).Of(RuleCatalog.RegionsInJurisdiction), Is.Empty, "eastus2 and centralus are in the us jurisdiction");
            Assert.That(Stacks.Check(eu).Of(RuleCatalog.RegionsInJurisdiction), Has.Count.EqualTo(2), "neither is in eu");
        });
    }

    [Test]
    public void BundledAzureStack_PassesItsMandatoryRules()
    {
        var report = Stacks.Check(Core.Planning.Planner.PlanFile(Stacks.Bundled("azure-pilot-light")));
        Assert.That(report.Findings.Where(f => f.Level == PolicyLevel.Mandatory), Is.Empty, "the bundled stack is an example to copy: no mandatory violation");
    }

    [Test]
    public void CustomerManagedKeys_GeoBackupWithoutAKeyInThePair_IsFlagged()
    {
        // westus2 recovery: the replica's key is there, but eastus2's geo-backups live in centralus, its pair.
        var plan = Plan("westus2", null, "kind: postgres", "tier: production", "strategy: pilot-light", "geoRedundantBackup: true");
        var withoutPairKey = With(plan, s => s is AzurePostgresSettings p ? p with { Keys = [.. p.Keys.Where(k => k.Region != "centralus")] } : s);
        Assert.Multiple(() =>
        {
            Assert.That(Stacks.Check(plan).Of(AzureRules.CustomerManagedKeys), Is.Empty, "the plan gives the pair a key of its own");
            Assert.That(Stacks.Check(withoutPairKey).Of(AzureRules.CustomerManagedKeys).Single().Message, Does.Contain("centralus"),
                "geo-backups in the pair without a key there are named");
        });
    }

    [Test]
    public void ReplicaSymmetry_FlagsAReplicaOfAnotherSize()
    {
        var plan = Two("kind: postgres", "tier: production", "strategy: pilot-light");
        var smaller = With(plan, s => s is AzurePostgresSettings p ? p with { ReplicaSkuName = "GP_Standard_D2ds_v5" } : s);
        Assert.Multiple(() =>
        {
            Assert.That(Stacks.Check(plan).Of(AzureRules.ReplicaSymmetry), Is.Empty, "the plan sizes the replica like the primary");
            Assert.That(Stacks.Check(smaller).Of(AzureRules.ReplicaSymmetry).Single().Message, Does.Contain("GP_Standard_D2ds_v5"), "a replica of another size is named");
        });
    }
}
