using DrKit.Core.Platforms.Azure;
using DrKit.Operations.Platforms.Azure;

namespace DrKit.Operations.Tests.Platforms.Azure;

[TestFixture]
public sealed class TrafficManagerCallsTests
{
    private static string Option(AzCommand call, string option) => call.Options[call.Options.ToList().IndexOf(option) + 1];

    [TestCase(AzureFailoverHarness.Recovery, 100)]
    [TestCase(AzureFailoverHarness.Primary, 10)]
    [TestCase(AzureFailoverHarness.Primary, 50)]
    [TestCase(AzureFailoverHarness.Primary, 100)]
    public void Calls_EveryState_SetEachEndpointAsTheCoreShapeDecides(string region, int percent)
    {
        var topology = new AzureFailoverHarness().Topology;
        var target = AzureFailover.Traffic(topology)!;
        var calls = TrafficManagerTraffic.Calls(target, region, percent);
        var shape = AzureTrafficShape.Endpoints(target.Settings, topology.PrimaryRegion, region, percent);
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => (Option(c, "--name"), Option(c, "--endpoint-status") == "Enabled", int.Parse(Option(c, "--weight"), System.Globalization.CultureInfo.InvariantCulture))),
                Is.EquivalentTo(shape.Select(e => (AzureNames.TrafficEndpoint(e.Region), e.Enabled, e.Weight))), "status and weight come from the one core decision, nothing else");
            Assert.That(Option(calls[0], "--endpoint-status"), Is.EqualTo("Enabled"), "an endpoint that takes traffic is set first: never a moment with none enabled");
            Assert.That(calls.Select(c => Option(c, "--resource-group")).Distinct(), Is.EqualTo(new[] { target.Group }), "every change goes to the profile in the recovery region's group");
        });
    }
}
