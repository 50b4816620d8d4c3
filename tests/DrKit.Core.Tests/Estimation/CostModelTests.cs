using DrKit.Core.Estimation;
using DrKit.Core.Model;

namespace DrKit.Core.Tests.Estimation;

public sealed class CostModelTests
{
    [TestCase(Strategy.BackupRestore, 2, 1.1)]
    [TestCase(Strategy.BackupRestore, 1, 1.1)]
    [TestCase(Strategy.PilotLight, 2, 1.3)]
    [TestCase(Strategy.WarmStandby, 2, 1.75)]
    [TestCase(Strategy.WarmStandby, 3, 1.75)]
    [TestCase(Strategy.ActiveActive, 2, 2.2)]
    [TestCase(Strategy.ActiveActive, 3, 3.3)]
    [TestCase(Strategy.ActiveActive, 4, 4.4)]
    public void Factor_PerStrategyAndRegionCount(Strategy strategy, int regions, double expected) =>
        Assert.That(CostModel.Factor(strategy, regions), Is.EqualTo(expected).Within(1e-9), $"{strategy} over {regions} regions");

    [Test]
    public void ComponentPlan_ActiveActiveEndpoint_PaysForEveryRegionThatServes()
    {
        var yaml = TestStacks.Yaml(
            TestStacks.Component("kind: inference-endpoint", "strategy: active-active"),
            "us-west-2", "eu-west-1");
        var c = TestStacks.Plan(yaml).Components[0];
        Assert.Multiple(() =>
        {
            Assert.That(c.CostFactor, Is.EqualTo(3.0).Within(1e-9), "three regions serve: three times one region's compute");
            Assert.That(c.CostBasis, Has.Some.Contains("every region serves"), "the plan says what the factor is made of");
        });
    }

    [Test]
    public void PilotLight_ReservedGpusAndGlobalDatastoreSecondary_CostAsMuchAsThePrimary()
    {
        var plan = TestStacks.Plan(TestStacks.Yaml("""
            gpu:
              kind: gpu-capacity
              strategy: pilot-light
              instanceType: g5.12xlarge
              count: 2
            cache:
              kind: redis
              strategy: pilot-light
              nodeType: cache.r7g.large
            """, "us-west-2"));
        Assert.Multiple(() =>
        {
            Assert.That(plan.Component("gpu")!.CostFactor, Is.EqualTo(2.0).Within(1e-9), "a reservation is billed whether instances run in it or not: the pilot light's GPUs cost a second fleet, not 1.3x");
            Assert.That(plan.Component("gpu")!.CostBasis, Has.Some.Contains("capacity-reservations-pricing-billing"), "the GPU factor cites EC2's billing of reservations");
            Assert.That(plan.Component("cache")!.CostFactor, Is.EqualTo(2.0).Within(1e-9), "a Global Datastore secondary runs the primary's node type");
            Assert.That(plan.Component("cache")!.CostBasis, Has.Some.Contains("cache.r7g.large"), "the Redis factor names the node type it pays for twice");
        });
    }

    [Test]
    public void PilotLightReplica_CostsItsSmallerClass()
    {
        var c = TestStacks.Two("kind: postgres", "strategy: pilot-light", "instanceClass: db.r6g.4xlarge");
        Assert.That(c.CostFactor, Is.EqualTo(Math.Round(1 + (1.0 / 8 * 2 / 3) + (1.0 / 3) + 0.05, 2)).Within(1e-9),
            "a db.r6g.large replica of a db.r6g.4xlarge writer: an eighth of its compute, a full copy of its storage, replicated backups");
    }

    [Test]
    public void StackTotal_IsWeightedByComponentKind()
    {
        var yaml = TestStacks.Yaml("""
            gpu:
              kind: gpu-capacity
              strategy: active-active
              instanceType: g5.12xlarge
            images:
              kind: container-images
              strategy: backup-restore
              repositories: [api]
            cache:
              kind: redis
              strategy: pilot-light
            """, "us-west-2");
        var plan = TestStacks.Plan(yaml);
        var weights = new[] { CostModel.Weight(ComponentKind.GpuCapacity), CostModel.Weight(ComponentKind.ContainerImages), CostModel.Weight(ComponentKind.Redis) };
        var factors = plan.Components.Select(c => c.CostFactor).ToArray();
        var expected = Math.Round(((weights[0] * factors[0]) + (weights[1] * factors[1]) + (weights[2] * factors[2])) / weights.Sum(), 2);
        Assert.Multiple(() =>
        {
            Assert.That(factors, Is.EqualTo(new[] { 2.0, 2.0, 2.0 }), "active-active GPUs, replicated images and a Global Datastore each keep a second copy");
            Assert.That(plan.TotalCostFactor, Is.EqualTo(expected).Within(1e-9), "the total is the weight-averaged factor, rounded to 0.01");
        });
    }
}
