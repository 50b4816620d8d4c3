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
    public void ComponentPlan_CarriesItsStrategyFactor()
    {
        var yaml = TestStacks.Yaml(
            TestStacks.Component("kind: inference-endpoint", "strategy: active-active"),
            "us-west-2", "eu-west-1");
        Assert.That(TestStacks.Plan(yaml).Components[0].CostFactor, Is.EqualTo(3.3).Within(1e-9), "active-active over three regions is 2.2 + 1.1");
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
        var expected = Math.Round(((weights[0] * 2.2) + (weights[1] * 1.1) + (weights[2] * 1.3)) / weights.Sum(), 2);
        Assert.Multiple(() =>
        {
            Assert.That(plan.TotalCostFactor, Is.EqualTo(expected).Within(1e-9), "the total is the weight-averaged factor, rounded to 0.01");
            Assert.That(plan.TotalCostFactor, Is.GreaterThan(2.0), "the GPU's weight dominates the total");
        });
    }
}
