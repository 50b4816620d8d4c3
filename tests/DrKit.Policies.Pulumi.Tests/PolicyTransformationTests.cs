using Pulumi;
using Pulumi.Testing;

namespace DrKit.Policies.Pulumi.Tests;

/// <summary>The transformation under Pulumi mocks: mandatory violations fail the run with the rule id in the message.</summary>
public sealed class PolicyTransformationTests
{
    private static readonly TestOptions Options = new() { IsPreview = false };

    [SetUp]
    public void DefaultPlan() => TestPlan.Current = TestPlan.For(null);

    [Test]
    public void Aes256Bucket_FailsTheRunNamingRuleResourceAndFix()
    {
        var e = Assert.ThrowsAsync<RunException>(async () => await Deployment.TestAsync<Aes256BucketStack>(new Mocks(), Options));
        Assert.That(e!.Message, Does.Contain("encryption-at-rest-kms").And.Contain("models-sse").And.Contain("Fix:"), "the message names rule, resource and fix");
    }

    [Test]
    public void OpenPublicAccessBlock_FailsTheRun()
    {
        var e = Assert.ThrowsAsync<RunException>(async () => await Deployment.TestAsync<OpenBucketStack>(new Mocks(), Options));
        Assert.That(e!.Message, Does.Contain("public-access-blocked").And.Contain("blockPublicAcls is false"), "the open flag is named");
    }

    [Test]
    public async Task CompliantBucket_Deploys()
    {
        var resources = await Deployment.TestAsync<CompliantBucketStack>(new Mocks(), Options);
        Assert.That(resources.Count(r => r.GetResourceType().StartsWith("aws:s3/", StringComparison.Ordinal)), Is.EqualTo(3), "bucket, encryption and public access block are registered");
    }

    [Test]
    public async Task AdvisoryOverride_LetsTheRunSucceed()
    {
        TestPlan.Current = TestPlan.For("      public-access-blocked: advisory\n");
        var resources = await Deployment.TestAsync<OpenBucketStack>(new Mocks(), Options);
        Assert.That(resources.Any(r => r.GetResourceName() == "models-pab"), Is.True, "an advisory finding is logged, not fatal");
    }

    [Test]
    public void UnknownRuleIdInConfig_FailsTheRun()
    {
        TestPlan.Current = TestPlan.For("      no-such-rule: advisory\n");
        var e = Assert.ThrowsAsync<RunException>(async () => await Deployment.TestAsync<CompliantBucketStack>(new Mocks(), Options));
        Assert.That(e!.Message, Does.Contain("drkit:policy.rules.no-such-rule"), "the unknown key is named");
    }
}
