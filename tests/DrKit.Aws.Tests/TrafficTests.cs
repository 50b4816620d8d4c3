namespace DrKit.Aws.Tests;

public sealed class TrafficTests
{
    [Test]
    public async Task ActiveActive_RoutesByLatencyWithAHealthCheckPerRegion()
    {
        var run = await StackRun.OfAsync("active-active");
        var records = run.OfType(Types.Record).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(records, Has.Count.EqualTo(2), "one record per region");
            foreach (var r in records)
            {
                var region = (string)r.Inputs["setIdentifier"];
                Assert.That(StackRun.At(r.Inputs, "latencyRoutingPolicies", "0", "region"), Is.EqualTo(region), $"{region}: latency record");
                Assert.That(r.Inputs["healthCheckId"], Is.EqualTo($"hc-traffic-{region}"), $"{region}: tied to its health check");
                Assert.That(MechanismResourcesTests.Num(r.Inputs, "ttl"), Is.EqualTo(30), $"{region}: TTL from the plan");
            }
        });
    }

    [Test]
    public async Task PilotLight_RoutesByFailoverFromPrimaryToSecondary()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var roles = run.OfType(Types.Record).ToDictionary(r => (string)r.Inputs["setIdentifier"], r => MechanismResourcesTests.Str(r.Inputs, "failoverRoutingPolicies", "0", "type"));
        var check = run.Named(Types.HealthCheck, "traffic-us-west-2").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(roles, Is.EquivalentTo(new Dictionary<string, string?> { ["us-east-1"] = "PRIMARY", ["us-west-2"] = "SECONDARY" }), "failover records");
            Assert.That(check["type"], Is.EqualTo("HTTPS"), "HTTPS health check");
            Assert.That(check["fqdn"], Is.EqualTo("api.usw2.assistant.example.com"), "checks the regional endpoint");
            Assert.That(check["resourcePath"], Is.EqualTo("/healthz"), "planned path");
            Assert.That(MechanismResourcesTests.Num(check, "requestInterval"), Is.EqualTo(10), "planned interval");
            Assert.That(MechanismResourcesTests.Num(check, "failureThreshold"), Is.EqualTo(3), "planned threshold");
        });
    }

    [Test]
    public async Task EveryHealthCheckAndRecord_IsManagedThroughThePrimaryProvider()
    {
        var run = await StackRun.OfAsync("active-active");
        var regions = run.OfType(Types.HealthCheck).Concat(run.OfType(Types.Record)).Select(RecordingMocks.RegionOf).Distinct();
        Assert.That(regions, Is.EqualTo(new[] { "us-east-1" }), "Route 53 is global; one explicit provider manages it");
    }
}
