using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Config;

namespace DrKit.Core.Tests.Platforms.AzureServices;

/// <summary>Azure regions and pairs as a stack file names them, with the AWS regions' quality of errors.</summary>
public sealed class AzureRegionsTests
{
    private static readonly string Api = TestStacks.Component("kind: inference-endpoint", "strategy: pilot-light");

    [Test]
    public void PairOf_FollowsTheDocumentedTable()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AzureRegions.PairOf("eastus2"), Is.EqualTo("centralus"), "East US 2 pairs with Central US");
            Assert.That(AzureRegions.PairOf("westus3"), Is.EqualTo("eastus"), "West US 3 pairs one way with East US");
            Assert.That(AzureRegions.PairOf("eastus"), Is.EqualTo("westus"), "and East US pairs with West US, not back");
            Assert.That(AzureRegions.PairOf("polandcentral"), Is.Null, "Poland Central has no pair");
        });
    }

    [Test]
    public void Suggest_FoldsDisplayAndAwsSpellings()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AzureRegions.Suggest("East US 2"), Is.EqualTo(new[] { "eastus2" }), "the display name folds to the programmatic name");
            Assert.That(AzureRegions.Suggest("east-us-2"), Is.EqualTo(new[] { "eastus2" }), "an AWS-style spelling folds too");
            Assert.That(AzureRegions.Suggest("westeurop"), Does.Contain("westeurope"), "a typo gets the nearest region");
        });
    }

    [Test]
    public void UnknownAzureRegion_IsRejectedNamingFileKeyAndSuggestion()
    {
        var yaml = AzureTestStacks.Yaml(Api).Replace("drkit:primaryRegion: eastus2", "drkit:primaryRegion: east-us-2", StringComparison.Ordinal);
        var problem = TestStacks.Problems(yaml).At("drkit:primaryRegion", "expected an Azure region such as eastus2");
        Assert.That(problem.Message, Does.Contain("did you mean 'eastus2'"), "the message suggests the right spelling");
    }

    [Test]
    public void AwsRegionOnAzureStack_IsRejectedAsNoAzureRegion()
    {
        TestStacks.Problems(AzureTestStacks.Yaml(Api, "us-west-2")).At("drkit:recoveryRegions", "expected an Azure region such as centralus");
    }

    [Test]
    public void RecoveryEqualToPrimary_IsRejected()
    {
        TestStacks.Problems(AzureTestStacks.Yaml(Api, "eastus2")).At("drkit:recoveryRegions", "must differ from primaryRegion 'eastus2'");
    }

    [Test]
    public void UnknownCloud_IsRejectedNamingTheChoices()
    {
        var yaml = AzureTestStacks.Yaml(Api).Replace("drkit:cloud: azure", "drkit:cloud: gcp", StringComparison.Ordinal);
        TestStacks.Problems(yaml).At("drkit:cloud", "expected one of aws, azure, got 'gcp'");
    }

    [Test]
    public void UnpairedRecoveryRegion_IsAllowed()
    {
        var plan = TestStacks.Plan(AzureTestStacks.Yaml(Api, "westus2"));
        Assert.That(plan.RecoveryRegions, Is.EqualTo(new[] { "westus2" }), "a recovery region need not be the pair: most Azure mechanisms replicate anywhere");
    }

    [Test]
    public void AzurePlatformOnAwsStack_IsRejected()
    {
        var yaml = TestStacks.Yaml(TestStacks.Component("kind: redis", "platform: azure", "strategy: pilot-light"), "us-west-2");
        TestStacks.Problems(yaml).At("drkit:components.c.platform", "set drkit:cloud: azure");
    }

    [Test]
    public void AwsStack_StillSpeaksOfAwsRegions()
    {
        var yaml = TestStacks.Yaml(Api, "eastus2");
        TestStacks.Problems(yaml).At("drkit:recoveryRegions", "expected AWS regions such as us-west-2, got 'eastus2'");
    }

    [Test]
    public void OnlineFeatureStore_HasNoAzureMechanismYet()
    {
        var yaml = AzureTestStacks.Yaml(TestStacks.Component("kind: feature-store-online", "strategy: warm-standby"));
        TestStacks.Problems(yaml).At("drkit:components.c.kind", "has no Azure mechanism in DrKit yet");
    }
}
