using DrKit.Azure.Traffic;
using Pulumi.Utilities;
using static DrKit.Azure.Tests.ComponentRun;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests.Traffic;

/// <summary>One Traffic Manager name in front of eastus2 and centralus.</summary>
public sealed class TrafficManagerFailoverTests
{
    private const string Endpoint = "azure:network/trafficManagerExternalEndpoint:TrafficManagerExternalEndpoint";

    private static TrafficManagerFailoverArgs Args(DrKit.Azure.Models.AzureProviders providers, string method, int recoveryPriority = 2) => new()
    {
        ProfileName = "rag-tm",
        ResourceGroupName = "rg-eastus2",
        ManagedFrom = Location2,
        RelativeDnsName = "rag-assistant",
        Ttl = 30,
        RoutingMethod = method,
        Probe = new TrafficProbe("HTTPS", 443, "/healthz", 10, 5, 2),
        Endpoints =
        [
            new TrafficEndpointSpec("eastus2", Location1, "rag-eastus2.example.net", 1, 75),
            new TrafficEndpointSpec("centralus", Location2, "rag-centralus.example.net", recoveryPriority, 25),
        ],
        Providers = providers,
        Tags = new Dictionary<string, string> { ["stack"] = "azure-test" },
    };

    [Test]
    public async Task Profile_ProbesAndRoutesByPriorityWithTheDecidedFigures()
    {
        TrafficManagerFailover? component = null;
        var run = await RunAsync((p, o) => component = new TrafficManagerFailover("traffic", Args(p, "Priority"), o));
        var profile = run.Named("traffic-profile");
        Assert.Multiple(async () =>
        {
            Assert.That(profile.Inputs["trafficRoutingMethod"], Is.EqualTo("Priority"), "the healthy endpoint of lowest priority number takes all traffic");
            Assert.That((At(profile.Inputs, "dnsConfig", "relativeName"), At(profile.Inputs, "dnsConfig", "ttl")), Is.EqualTo(((object?)"rag-assistant", (object?)30)), "the label and TTL as decided");
            Assert.That(new[] { "protocol", "port", "path", "intervalInSeconds", "timeoutInSeconds", "toleratedNumberOfFailures" }.Select(k => At(profile.Inputs, "monitorConfig", k)),
                Is.EqualTo(new object?[] { "HTTPS", 443, "/healthz", 10, 5, 2 }), "the probe as decided: it alone bounds detection");
            Assert.That(LocationOf(profile), Is.EqualTo(Location2), "managed through the provider the plan names");
            Assert.That(await OutputUtilities.GetValueAsync(component!.Fqdn), Is.EqualTo("rag-assistant.trafficmanager.net"), "one name for clients");
        });
    }

    [Test]
    public async Task Endpoints_CarryPriorityAndWeightSoFailbackSwitchesOnlyTheMethod()
    {
        var run = await RunAsync((p, o) => new TrafficManagerFailover("traffic", Args(p, "Weighted"), o));
        var endpoints = run.OfType(Endpoint);
        Assert.Multiple(() =>
        {
            Assert.That(run.Named("traffic-profile").Inputs["trafficRoutingMethod"], Is.EqualTo("Weighted"), "a failback in progress routes by weight on the same profile");
            Assert.That(endpoints.Select(e => (e.Inputs["target"], e.Inputs["priority"], e.Inputs["weight"], e.Inputs["enabled"], e.Inputs["endpointLocation"])),
                Is.EquivalentTo(new[] { ((object)"rag-eastus2.example.net", (object)1, (object)75, (object)true, (object)Location1), ("rag-centralus.example.net", 2, 25, true, Location2) }),
                "each region's endpoint with both its rank and its share");
            Assert.That(endpoints.Select(e => e.Inputs["profileId"]), Has.All.EqualTo(Id("traffic-profile")), "in the one profile");
        });
    }

    [TestCase("Performance", 2, "expected Priority or Weighted")]
    [TestCase("Priority", 1, "share priority 1")]
    public void Profile_UnsupportedMethodOrSharedPriority_IsRefused(string method, int recoveryPriority, string expected)
    {
        var error = Assert.CatchAsync(() => RunAsync((p, o) => new TrafficManagerFailover("traffic", Args(p, method, recoveryPriority), o)));
        Assert.That(error!.ToString(), Does.Contain(expected), "the error says what the profile needs");
    }
}
