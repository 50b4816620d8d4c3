using DrKit.Azure.Traffic;
using Pulumi.Utilities;
using static DrKit.Azure.Tests.ComponentRun;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests.Traffic;

/// <summary>One Traffic Manager name in front of eastus2 and centralus.</summary>
public sealed class TrafficManagerFailoverTests
{
    private const string Endpoint = "azure:network/trafficManagerExternalEndpoint:TrafficManagerExternalEndpoint";

    private static TrafficManagerFailoverArgs Args(DrKit.Azure.Models.AzureProviders providers, int recoveryPriority = 2, bool recoveryEnabled = true) => new()
    {
        ProfileName = "rag-tm",
        ResourceGroupName = "rg-eastus2",
        ManagedFrom = Location2,
        RelativeDnsName = "rag-assistant",
        Ttl = 30,
        Probe = new TrafficProbe("HTTPS", 443, "/healthz", 10, 5, 2),
        Endpoints =
        [
            new TrafficEndpointSpec("eastus2", Location1, "rag-eastus2.example.net", 1, 75),
            new TrafficEndpointSpec("centralus", Location2, "rag-centralus.example.net", recoveryPriority, 25, recoveryEnabled),
        ],
        Providers = providers,
        Tags = new Dictionary<string, string> { ["stack"] = "azure-test" },
    };

    [Test]
    public async Task Profile_ProbesAndRoutesByWeightWithTheDecidedFigures()
    {
        TrafficManagerFailover? component = null;
        var run = await RunAsync((p, o) => component = new TrafficManagerFailover("traffic", Args(p), o));
        var profile = run.Named("traffic-profile");
        Assert.Multiple(async () =>
        {
            Assert.That(profile.Inputs["trafficRoutingMethod"], Is.EqualTo("Weighted"), "declared once with weighted routing: no transition changes the profile");
            Assert.That((At(profile.Inputs, "dnsConfig", "relativeName"), At(profile.Inputs, "dnsConfig", "ttl")), Is.EqualTo(((object?)"rag-assistant", (object?)30)), "the label and TTL as decided");
            Assert.That(new[] { "protocol", "port", "path", "intervalInSeconds", "timeoutInSeconds", "toleratedNumberOfFailures" }.Select(k => At(profile.Inputs, "monitorConfig", k)),
                Is.EqualTo(new object?[] { "HTTPS", 443, "/healthz", 10, 5, 2 }), "the probe as decided: it alone bounds detection");
            Assert.That(LocationOf(profile), Is.EqualTo(Location2), "managed through the provider the plan names");
            Assert.That(await OutputUtilities.GetValueAsync(component!.Fqdn), Is.EqualTo("rag-assistant.trafficmanager.net"), "one name for clients");
        });
    }

    [Test]
    public async Task Endpoints_CarryTheDecidedWeightAndStatus()
    {
        var run = await RunAsync((p, o) => new TrafficManagerFailover("traffic", Args(p, recoveryEnabled: false), o));
        var endpoints = run.OfType(Endpoint);
        Assert.Multiple(() =>
        {
            Assert.That(endpoints.Select(e => (e.Inputs["target"], e.Inputs["priority"], e.Inputs["weight"], e.Inputs["enabled"], e.Inputs["endpointLocation"])),
                Is.EquivalentTo(new[] { ((object)"rag-eastus2.example.net", (object)1, (object)75, (object)true, (object)Location1), ("rag-centralus.example.net", 2, 25, false, Location2) }),
                "each region's endpoint with its distinct priority, its weight and its status as decided");
            Assert.That(endpoints.Select(e => e.Inputs["profileId"]), Has.All.EqualTo(Id("traffic-profile")), "in the one profile");
        });
    }

    [Test]
    public void Profile_SharedPriority_IsRefused()
    {
        var error = Assert.CatchAsync(() => RunAsync((p, o) => new TrafficManagerFailover("traffic", Args(p, recoveryPriority: 1), o)));
        Assert.That(error!.ToString(), Does.Contain("share priority 1"), "the error says what the profile needs");
    }
}
