namespace DrKit.Policies.Tests.Plan;

/// <summary>recovery-region-distinct and regions-in-jurisdiction.</summary>
public sealed class RegionRulesTests
{
    private const string Endpoint = "c:\n  kind: inference-endpoint\n  tier: production\n  strategy: pilot-light\n";

    [Test]
    public void RecoveryRegionDistinct_PassesForASecondRegion()
    {
        var report = Stacks.Check(Stacks.Plan(Stacks.Yaml(Endpoint, null, "us-west-2")));
        Assert.That(report.Of(RuleCatalog.RecoveryRegionDistinct), Is.Empty, "us-west-2 survives the loss of us-east-1");
    }

    [Test]
    public void RecoveryRegionDistinct_FlagsThePrimaryAsRecoveryRegion()
    {
        // The stack reader already refuses this; a plan read back from JSON or built by a tool is not read by it.
        var plan = Stacks.Plan(Stacks.Yaml(Endpoint, null, "us-west-2"));
        plan = plan with { RecoveryRegions = ["us-east-1"] };
        var finding = Stacks.Check(plan).Of(RuleCatalog.RecoveryRegionDistinct).Single();
        Assert.That((finding.Subject, finding.Level), Is.EqualTo(("us-east-1", PolicyLevel.Mandatory)), "recovering into the failed region recovers nothing");
    }

    [Test]
    public void Jurisdiction_EmptyListIsUnrestricted()
    {
        var report = Stacks.Check(Stacks.Plan(Stacks.Yaml(Endpoint, null, "ap-southeast-2")));
        Assert.That(report.Of(RuleCatalog.RegionsInJurisdiction), Is.Empty, "without jurisdictions any region is allowed");
    }

    [Test]
    public void Jurisdiction_PassesForRegionsInside()
    {
        var report = Stacks.Check(Stacks.Plan(Stacks.Yaml(Endpoint, "jurisdictions:\n  - us", "us-west-2")));
        Assert.That(report.Of(RuleCatalog.RegionsInJurisdiction), Is.Empty, "us-east-1 and us-west-2 are both in 'us'");
    }

    [Test]
    public void Jurisdiction_FlagsARecoveryRegionOutside()
    {
        var finding = Stacks.Check(Stacks.Plan(Stacks.Yaml(Endpoint, "jurisdictions:\n  - us", "eu-west-1"))).Of(RuleCatalog.RegionsInJurisdiction).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Subject, Is.EqualTo("eu-west-1"), "only the offending region is named");
            Assert.That(finding.Message, Does.Contain("recovery region"), "the region's role is given");
        });
    }

    [TestCase("us-gov-west-1", "us", true)]
    [TestCase("eu-central-1", "eu", true)]
    [TestCase("eu-central-1", "eu-central-1", true)]
    [TestCase("europe-west1", "eu", false)]
    [TestCase("us-east-1", "u", false)]
    public void Jurisdiction_IsARegionPrefixOrOneRegion(string region, string jurisdiction, bool inside) =>
        Assert.That(DrKit.Policies.Plan.PlanRules.InJurisdiction(region, jurisdiction), Is.EqualTo(inside), $"{region} in {jurisdiction}");
}
