using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Providers;

public sealed class HealthCheckUrlTests
{
    private const string PerRegion = "healthCheckUrl: {us-east-1: 'https://api.use1.example.com/healthz/providers/openai', us-west-2: 'https://api.usw2.example.com/healthz/providers/openai'}";

    [Test]
    public void HealthCheckUrl_PerRegionMap_GivesEachRegionItsOwnApplicationsProbe()
    {
        var rung = Plan([Primary(PerRegion), Azure("azure", "eastus2")]).Chain().Providers[0];
        Assert.Multiple(() =>
        {
            Assert.That(rung.HealthCheckUrlIn("us-west-2"), Is.EqualTo("https://api.usw2.example.com/healthz/providers/openai"), "a failover asks the recovery region's application");
            Assert.That(rung.HealthCheckUrlIn("us-east-1"), Is.EqualTo("https://api.use1.example.com/healthz/providers/openai"), "the primary region's own probe");
            Assert.That((rung.Probed, rung.HealthCheckUrl), Is.EqualTo((true, (string?)null)), "declared per region, not as one URL");
        });
    }

    [Test]
    public void HealthCheckUrl_OneUrl_ServesEveryRegion()
    {
        var rung = Plan([Primary("healthCheckUrl: https://app.example.com/probe"), Azure("azure", "eastus2")]).Chain().Providers[0];
        Assert.That((rung.HealthCheckUrlIn("us-west-2"), rung.HealthCheckUrls.Count), Is.EqualTo(("https://app.example.com/probe", 0)), "one URL, no per-region entries");
    }

    [Test]
    public void HealthCheckUrl_MapNamingARegionOutsideTheStack_IsAProblemNamingTheKey()
    {
        var problems = TestStacks.Problems(Stack([Primary("healthCheckUrl: {eu-west-1: 'https://api.euw1.example.com/p'}"), Azure("azure", "eastus2")]));
        Assert.That(problems.Select(p => p.ToString()), Has.Some.Contains("healthCheckUrl.eu-west-1").And.Some.Contains("not one of this stack's regions (us-east-1, us-west-2)"),
            "names the key, the region and the regions expected");
    }

    [Test]
    public void HealthCheckUrl_MapWithARelativeUrl_IsAProblemNamingTheRegion()
    {
        var problems = TestStacks.Problems(Stack([Primary("healthCheckUrl: {us-west-2: /probe}"), Azure("azure", "eastus2")]));
        Assert.That(problems.Select(p => p.ToString()), Has.Some.Contains("healthCheckUrl.us-west-2").And.Some.Contains("expected an absolute http(s) URL"),
            "names the region's key and what was expected");
    }
}
