namespace DrKit.Aws.Tests;

public sealed class TrafficTests
{
    [Test]
    public async Task ActiveActive_RoutesByLatencyWithAGatedHealthCheckPerRegion()
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
                Assert.That(r.Inputs["healthCheckId"], Is.EqualTo($"hc-traffic-gate-{region}"), $"{region}: tied to the gate of its endpoint and routing control");
                Assert.That(MechanismResourcesTests.Num(r.Inputs, "ttl"), Is.EqualTo(30), $"{region}: TTL from the plan");
            }
        });
    }

    [Test]
    public async Task PilotLight_IsWeightedAllOnThePrimaryWithTheRecoveryRegionAtZero()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var records = run.OfType(Types.Record).ToList();
        var weights = records.ToDictionary(r => (string)r.Inputs["setIdentifier"], r => MechanismResourcesTests.NumAt(r.Inputs, "weightedRoutingPolicies", "0", "weight"));
        var check = run.Named(Types.HealthCheck, "traffic-us-west-2").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(weights, Is.EquivalentTo(new Dictionary<string, double> { ["us-east-1"] = 100, ["us-west-2"] = 0 }),
                "weighted records: the zero-weight recovery record answers only when the primary's is unhealthy");
            Assert.That(records.Any(r => r.Inputs.ContainsKey("failoverRoutingPolicies")), Is.False, "no failover records, whose roles cannot be swapped in place");
            Assert.That(check["type"], Is.EqualTo("HTTPS"), "HTTPS health check");
            Assert.That(check["fqdn"], Is.EqualTo("api.usw2.assistant.example.com"), "checks the regional endpoint");
            Assert.That(MechanismResourcesTests.Num(check, "requestInterval"), Is.EqualTo(10), "planned interval");
            Assert.That(MechanismResourcesTests.Num(check, "failureThreshold"), Is.EqualTo(3), "planned threshold");
        });
    }

    [Test]
    public async Task PilotLightFailedOver_KeepsEveryRecordsPolicyAndMovesOnlyWeights()
    {
        var before = (await StackRun.OfAsync("pilot-light")).OfType(Types.Record).ToDictionary(r => (string)r.Inputs["setIdentifier"], r => r.Inputs);
        var after = (await StackRun.OfAsync("pilot-light", ("traffic.activeRegion", "us-west-2"), ("traffic.percent", "100")))
            .OfType(Types.Record).ToDictionary(r => (string)r.Inputs["setIdentifier"], r => r.Inputs);
        Assert.Multiple(() =>
        {
            Assert.That(after.Keys, Is.EquivalentTo(before.Keys), "the same records");
            foreach (var (region, inputs) in before)
            {
                Assert.That(after[region].ContainsKey("weightedRoutingPolicies"), Is.EqualTo(inputs.ContainsKey("weightedRoutingPolicies")), $"{region}: same policy");
            }

            Assert.That(MechanismResourcesTests.NumAt(after["us-west-2"], "weightedRoutingPolicies", "0", "weight"), Is.EqualTo(100), "the recorded failover moves the weight");
        });
    }

    [Test]
    public async Task RoutingControls_AreManagedInUsWest2AndGateEachRegionsRecord()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var arc = run.OfType(Types.ArcCluster).Concat(run.OfType(Types.ControlPanel)).Concat(run.OfType(Types.RoutingControl)).ToList();
        var gate = run.Named(Types.HealthCheck, "traffic-gate-us-east-1").Inputs;
        var control = run.Named(Types.HealthCheck, "traffic-control-us-east-1").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.RoutingControl).Select(r => (string)r.Inputs["name"]).ToList(), Has.Count.EqualTo(2), "a routing control per region");
            Assert.That(arc.Select(RecordingMocks.RegionOf).Distinct(), Is.EqualTo(new[] { "us-west-2" }), "ARC requires us-west-2 for its control plane");
            Assert.That(control["type"], Is.EqualTo("RECOVERY_CONTROL"), "a health check that follows the routing control");
            Assert.That(gate["type"], Is.EqualTo("CALCULATED"), "the record's check combines endpoint and control");
            Assert.That(MechanismResourcesTests.Num(gate, "childHealthThreshold"), Is.EqualTo(2), "healthy only when both children are");
        });
    }

    [Test]
    public async Task RoutingControls_AnAssertionRuleKeepsAtLeastOneOn()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var rule = run.OfType(Types.SafetyRule).Single();
        var controls = run.OfType(Types.RoutingControl).Select(r => r.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(StackRun.Items(rule.Inputs["assertedControls"]).Count, Is.EqualTo(controls.Count), "every region's control is asserted");
            Assert.That(StackRun.At(rule.Inputs, "ruleConfig", "type"), Is.EqualTo("ATLEAST"), "an assertion: at least...");
            Assert.That(MechanismResourcesTests.NumAt(rule.Inputs, "ruleConfig", "threshold"), Is.EqualTo(1), "...one On after any update, so nothing turns every region Off");
            Assert.That(StackRun.At(rule.Inputs, "ruleConfig", "inverted"), Is.False, "not inverted");
            Assert.That(RecordingMocks.RegionOf(rule), Is.EqualTo("us-west-2"), "with the control panel, through ARC's control-plane region");
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
