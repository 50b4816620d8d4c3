using DrKit.Core.Providers;
using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Providers;

public sealed class ProviderResetTests
{
    private static readonly string[] Regions = ["us-east-1", "us-west-2"];

    private static ProviderReset Decide(string primary, Dictionary<string, bool> healthy) =>
        ProviderFailback.Reset(Plan([primary, Azure("azure-eastus2", "eastus2")]).Components, "test", Regions, healthy).Single();

    [Test]
    public void Decide_PrimaryHealthy_WritesThePrimaryRungInEveryRegion()
    {
        var reset = Decide(Primary("healthCheckUrl: https://app.example.com/probe/openai"), new() { ["openai"] = true });
        Assert.Multiple(() =>
        {
            Assert.That(reset.Left, Is.Null, "verified healthy: the chain goes back");
            Assert.That(reset.Switches.Select(s => (s.Region, s.Rung)), Is.EqualTo(new[] { ("us-east-1", "openai"), ("us-west-2", "openai") }), "serving region first, then the recovery copy");
            Assert.That(reset.Switches[0].Parameter, Is.EqualTo("/drkit/test/llm/active-provider"), "the chain's parameter");
        });
    }

    [Test]
    public void Decide_PrimaryUnhealthy_LeavesTheChainAndNamesTheCommand()
    {
        var reset = Decide(Primary("healthCheckUrl: https://app.example.com/probe/openai"), new() { ["openai"] = false });
        Assert.Multiple(() =>
        {
            Assert.That(reset.Switches, Is.Empty, "no write while the primary provider fails");
            Assert.That(reset.Left, Does.Contain("fails its health check").And.Contain("drkit switch-model test --component llm --to openai"), "how to move it back later");
        });
    }

    [Test]
    public void Decide_PrimaryWithoutHealthCheck_CannotBeVerifiedSoStays()
    {
        var reset = Decide(Primary(), []);
        Assert.That((reset.Switches.Count, reset.Left?.Contains("declares no healthCheckUrl", StringComparison.Ordinal)), Is.EqualTo((0, (bool?)true)), "a return that cannot be verified is not made");
    }

    [Test]
    public void HealthCheckUrl_NotAnAbsoluteUrl_IsAProblemNamingTheKey()
    {
        var problems = TestStacks.Problems(Stack([Primary("healthCheckUrl: /probe"), Azure("azure-eastus2", "eastus2")]));
        Assert.That(problems.Select(p => p.ToString()), Has.Some.Contains("healthCheckUrl").And.Some.Contains("expected an absolute http(s) URL"), "bad input names the key and what was expected");
    }

    [Test]
    public void Align_WritesTheRecoveryRegionsRungIntoEveryOtherRegion()
    {
        var plan = Plan([Primary(), Azure("azure-eastus2", "eastus2")]);
        var writes = ProviderFailback.Align(plan.Components, "us-west-2", ["us-east-1", "us-west-2", "eu-west-1"], new Dictionary<string, string?> { ["llm"] = "azure-eastus2" });
        Assert.Multiple(() =>
        {
            Assert.That(writes.Select(w => (w.Region, w.Rung)), Is.EqualTo(new[] { ("us-east-1", "azure-eastus2"), ("eu-west-1", "azure-eastus2") }),
                "users routed back call the rung the recovery region serves on; every other region too, never the recovery region itself");
            Assert.That(ProviderFailback.Align(plan.Components, "us-west-2", Regions, new Dictionary<string, string?> { ["llm"] = null }), Is.Empty, "an unknown value is not guessed");
        });
    }
}
