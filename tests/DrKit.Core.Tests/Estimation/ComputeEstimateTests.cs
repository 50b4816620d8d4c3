using DrKit.Core.Estimation;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Estimation;

public sealed class ComputeEstimateTests
{
    /// <summary>First requests compile kernels and fill caches: DrKit's assumed typical warm-up after the weights load.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);

    [Test]
    public void Endpoint_BackupRestore_ProvisionsThenStarts()
    {
        var c = TestStacks.Two("kind: inference-endpoint", "strategy: backup-restore");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("redeploy from code"), "mechanism");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.ComputeProvisioning + Assumptions.ContainerStart), "detection + provision + start + DNS");
            Assert.That(c.Estimate.Rpo, Is.Null, "stateless: no RPO");
        });
    }

    [Test]
    public void Endpoint_PilotLight_LaunchesIntoZeroSizedGroup()
    {
        var c = TestStacks.Two("kind: inference-endpoint", "strategy: pilot-light", "startupTime: 2m");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("compute scaled from zero"), "mechanism");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.InstanceLaunch + TimeSpan.FromMinutes(2)), "detection + launch + the stated start-up + DNS");
            Assert.That(((EndpointSettings)c.Settings).RecoveryRunning, Is.Zero, "nothing runs in the recovery region");
        });
    }

    [Test]
    public void Endpoint_WarmStandby_AlreadyRunning()
    {
        var c = TestStacks.Two("kind: inference-endpoint", "strategy: warm-standby", "standbyRunning: 2");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("compute already running (2)"), "mechanism names the running count");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(TimeSpan.Zero), "only detection and DNS remain");
            Assert.That(((EndpointSettings)c.Settings).RecoveryRunning, Is.EqualTo(2), "two run in the recovery region");
        });
    }

    [Test]
    public void Endpoint_WarmStandbyWithNothingRunning_ScalesFromZero()
    {
        var c = TestStacks.Two("kind: inference-endpoint", "strategy: warm-standby", "standbyRunning: 0");
        Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.InstanceLaunch + Assumptions.ContainerStart), "a warm standby with nothing running behaves like pilot light");
    }

    [Test]
    public void Endpoint_ActiveActive_LiveEverywhere()
    {
        var c = TestStacks.Two("kind: inference-endpoint", "strategy: active-active");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("live in every region, health-checked routing"), "mechanism");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(TimeSpan.Zero), "detection + DNS");
            Assert.That(c.Estimate.Reasoning.Single(), Is.EqualTo("RTO = 1m30s-1m40s: detection 30s-40s (health check every 10s x 3 failures; sourced: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html); DNS 1m (record TTL 1m; configured: drkit:traffic.ttl)"), "the reasoning shows the detection arithmetic and TTL");
        });
    }

    [Test]
    public void Dns_DetectionIsIntervalTimesThresholdPlusTtl()
    {
        var yaml = """
            config:
              drkit:primaryRegion: us-east-1
              drkit:recoveryRegions: [us-west-2]
              drkit:traffic:
                healthCheckInterval: 30s
                failureThreshold: 5
                ttl: 2m
              drkit:components:
                api:
                  kind: inference-endpoint
                  strategy: active-active
            """;
        var plan = TestStacks.Plan(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Traffic.Detection, Is.EqualTo(TimeSpan.FromSeconds(30 * 5)), "detection = interval x threshold");
            Assert.That(plan.Components[0].Estimate.TypicalRto, Is.EqualTo(TimeSpan.FromSeconds(30 * 5) + TimeSpan.FromMinutes(2)), "active-active: RTO = detection + TTL, no decision (routing drops the region by itself)");
            Assert.That(plan.Components[0].Estimate.Reasoning[0], Does.Contain("detection 2m30s-3m (health check every 30s x 5 failures; sourced: https://docs.aws.amazon.com/Route53/"),
                "the reasoning shows interval x threshold, one interval more at worst, and the source");
            Assert.That(plan.Traffic.Routing, Is.EqualTo(DrKit.Core.Model.RoutingPolicy.Latency), "active-active endpoints route by latency");
        });
    }

    [Test]
    public void Dns_DefaultsComeFromAssumptions()
    {
        var yaml = """
            config:
              drkit:primaryRegion: us-east-1
              drkit:recoveryRegions: [us-west-2]
              drkit:components:
                api:
                  kind: inference-endpoint
                  strategy: active-active
            """;
        var c = TestStacks.Plan(yaml).Components[0];
        Assert.That(c.Estimate.TypicalRto, Is.EqualTo(Assumptions.HealthCheckInterval * Assumptions.FailureThreshold + Assumptions.DnsTtl), "without traffic settings the Route 53 defaults apply");
    }

    [Test]
    public void Gpu_ReservedPilotLight_BootsAndLoads()
    {
        var c = TestStacks.Two("kind: gpu-capacity", "strategy: pilot-light", "instanceType: g5.12xlarge", "count: 2");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("reserved capacity, none running"), "pilot light reserves by default");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.GpuBoot + Assumptions.ModelLoad + WarmUp), "detection + boot + model load");
            Assert.That(c.Estimate.RtoGuaranteed, Is.True, "reserved capacity exists at failover");
            Assert.That(c.Estimate.Caveats, Has.None.Contains("may not exist"), "no capacity caveat when reserved");
            var recovery = ((GpuSettings)c.Settings).Allocations.Single(a => a.Region == "us-west-2");
            Assert.That((recovery.Reserved, recovery.Running), Is.EqualTo((2, 0)), "both GPUs reserved, none running in us-west-2");
        });
    }

    [Test]
    public void Gpu_OnDemand_RtoNotGuaranteedWithCapacityCaveat()
    {
        var c = TestStacks.Two("kind: gpu-capacity", "strategy: pilot-light", "instanceType: p4d.24xlarge", "reserved: false");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Does.StartWith("on-demand capacity"), "mechanism says on-demand");
            Assert.That(c.Estimate.RtoGuaranteed, Is.False, "on-demand capacity may be absent");
            Assert.That(c.Estimate.Caveats, Has.One.Contains("may not exist in us-west-2"), "the caveat names the region");
            Assert.That(c.Verdict, Is.EqualTo(Verdict.AtRisk), "unguaranteed RTO is at risk");
            Assert.That(c.Reason, Does.Contain("may not exist"), "the verdict reason carries the capacity caveat");
        });
    }

    [Test]
    public void Gpu_BackupRestore_ProvisionsOnDemand()
    {
        var c = TestStacks.Two("kind: gpu-capacity", "strategy: backup-restore", "instanceType: g5.xlarge", "rto: 24h");
        Assert.Multiple(() =>
        {
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.ComputeProvisioning + Assumptions.GpuBoot + Assumptions.ModelLoad + WarmUp), "provision + boot + load");
            Assert.That(c.Estimate.RtoGuaranteed, Is.False, "backup-restore reserves nothing");
        });
    }

    [Test]
    public void Gpu_WarmStandbyAllRunning_OnlyDetection()
    {
        var c = TestStacks.Two("kind: gpu-capacity", "strategy: warm-standby", "instanceType: g5.12xlarge", "count: 2", "standbyRunning: 2");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("reserved capacity, 2 of 2 running"), "mechanism names the running share");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(TimeSpan.Zero), "every GPU already serves");
        });
    }

    [Test]
    public void Gpu_WarmStandbySomeRunning_BootsTheRest()
    {
        var c = TestStacks.Two("kind: gpu-capacity", "strategy: warm-standby", "instanceType: g5.12xlarge", "count: 3", "standbyRunning: 1");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("reserved capacity, 1 of 3 running"), "mechanism names the running share");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(Assumptions.GpuBoot + Assumptions.ModelLoad + WarmUp), "the rest boot and load");
            Assert.That(TestStacks.Term(c, "RTO", "boot").Why, Is.EqualTo("launch 2 x g5.12xlarge"), "the boot term counts the missing instances");
        });
    }

    [Test]
    public void Gpu_ActiveActive_LiveEverywhere()
    {
        var c = TestStacks.Two("kind: gpu-capacity", "strategy: active-active", "instanceType: g5.12xlarge", "count: 2");
        Assert.Multiple(() =>
        {
            Assert.That(c.Mechanism, Is.EqualTo("reserved capacity, live in every region"), "mechanism");
            Assert.That(TestStacks.OwnRto(c), Is.EqualTo(TimeSpan.Zero), "nothing to start");
            Assert.That(((GpuSettings)c.Settings).Allocations.Select(a => (a.Reserved, a.Running)), Is.All.EqualTo((2, 2)), "both regions reserve and run all GPUs");
        });
    }
}
