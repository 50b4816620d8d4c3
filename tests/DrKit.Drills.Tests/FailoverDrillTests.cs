using DrKit.Drills.Postgres;
using DrKit.Failover;

namespace DrKit.Drills.Tests;

public sealed class FailoverDrillTests
{
    [Test]
    public async Task Async_failover_promotes_both_tiers_and_measures_rto_and_rpo()
    {
        var result = await DrillTestSupport.RunAsync(DrillTestSupport.ShortSpec("async") with { PostgresMode = ReplicationMode.Async });

        Assert.That(result.Engine?.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), result.Summary + "\n" + result.Error);
        Assert.Multiple(() =>
        {
            Assert.That(result.Tiers.Select(t => t.Tier), Is.EquivalentTo(new[] { "postgres", "redis" }), "both data tiers are measured");
            foreach (var tier in result.Tiers)
            {
                Assert.That(tier.Rto, Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromSeconds(30)), $"{tier.Tier} RTO sanity bound");
                Assert.That(tier.AckedBeforeFailure, Is.GreaterThan(100), $"{tier.Tier}: the workload must have been writing before the failure");
                Assert.That(tier.FirstAckAfterSwitch, Is.GreaterThan(result.DetectedAt!.Value), $"{tier.Tier}: a write on the new primary can only follow detection");
            }

            Assert.That(result.DetectedAt, Is.GreaterThanOrEqualTo(result.FailureInjectedAt!.Value), "detection cannot precede the failure");
            Assert.That(result.Engine!.Steps.Select(s => s.Name), Is.EqualTo(FailoverSteps.Ordered), "the engine ran every step in order");
        });
    }
}
