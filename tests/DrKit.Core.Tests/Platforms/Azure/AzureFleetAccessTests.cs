using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using DrKit.Testing;

namespace DrKit.Core.Tests.Platforms.AzureServices;

/// <summary>What the GPU fleet's identity may do, on the bundled azure-pilot-light stack.</summary>
public sealed class AzureFleetAccessTests
{
    private static DrPlan Plan() => Planner.PlanFile(RepoPaths.Stack("azure-pilot-light"));

    [TestCase("eastus2")]
    [TestCase("centralus")]
    public void For_GrantsReadOnTheRegionsOwnDataAndPullOnTheRegistry(string region)
    {
        Assert.That(AzureFleetAccess.For(Plan(), region), Is.EquivalentTo(new[]
        {
            new AzureFleetGrant("images", null, AzureFleetAccess.AcrPull),
            new AzureFleetGrant("model-artifacts", region, AzureFleetAccess.BlobReader),
            new AzureFleetGrant("vector-index", region, AzureFleetAccess.BlobReader),
            new AzureFleetGrant("session-cache", region, AzureFleetAccess.RedisAccessPolicy),
        }), $"{region}: pull images, read model artifacts and vector snapshots, use the session cache there; offline features and PostgreSQL get no role");
    }

    [Test]
    public void For_RegionWithoutMembers_GrantsOnlyTheRegistry()
    {
        Assert.That(AzureFleetAccess.For(Plan(), "westus2"), Is.EqualTo(new[] { new AzureFleetGrant("images", null, AzureFleetAccess.AcrPull) }),
            "no account or cache in westus2: nothing to scope a role to there");
    }

    [Test]
    public void ManagedRedis_SaysTheStackDoesNotDeclareAForceUnlink()
    {
        var redis = Plan().Components.Single(c => c.Settings is AzureRedisSettings);
        Assert.That(redis.Estimate.Caveats, Has.Some.Contains("the stack does not declare the unlink"),
            "the plan tells the operator the re-join after a force-unlink is a manual step");
    }
}
