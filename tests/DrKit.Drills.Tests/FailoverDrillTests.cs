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

    [Test]
    public async Task Sentinel_driven_redis_failover_is_followed_by_the_engine()
    {
        var result = await DrillTestSupport.RunAsync(DrillTestSupport.ShortSpec("sentinel") with { Sentinel = true });

        Assert.That(result.Engine?.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), result.Summary + "\n" + result.Error);
        var redis = result.Tiers.Single(t => t.Tier == "redis");
        Assert.Multiple(() =>
        {
            Assert.That(redis.FirstAckAfterSwitch, Is.Not.Null, "the replica Sentinel elected takes writes after the switch");
            Assert.That(redis.Rto, Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromSeconds(30)), "RTO sanity bound");
            Assert.That(result.Engine!.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail, Does.Contain("redis"),
                "the engine's promote step covered the Sentinel-driven tier");
        });
    }

    [Test]
    public async Task Sync_failover_loses_no_acknowledged_write()
    {
        var result = await DrillTestSupport.RunAsync(DrillTestSupport.ShortSpec("sync") with { PostgresMode = ReplicationMode.Sync, Redis = false });

        Assert.That(result.Engine?.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), result.Summary + "\n" + result.Error);
        var pg = result.Tiers.Single(t => t.Tier == "postgres");
        Assert.Multiple(() =>
        {
            Assert.That(pg.AckedBeforeFailure, Is.GreaterThan(100), "the workload must have been writing before the failure");
            Assert.That(pg.LostWrites, Is.Zero, "with synchronous_commit=on every acknowledged commit was flushed on the standby");
            Assert.That(pg.RpoSeconds, Is.EqualTo(TimeSpan.Zero), "no loss means zero RPO");
            Assert.That(pg.Rto, Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromSeconds(30)), "RTO sanity bound");
        });
    }

    [Test]
    public async Task Paused_replica_beyond_rpo_is_refused_without_force()
    {
        var result = await DrillTestSupport.RunAsync(DrillTestSupport.ShortSpec("paused") with
        {
            FailureMode = DrillFailureMode.PausedReplica,
            Redis = false,
            PostgresTargets = new TierTargets(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)),
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.Engine?.Outcome, Is.EqualTo(FailoverOutcome.Refused), result.Summary + "\n" + result.Error);
            Assert.That(result.Verdict, Is.EqualTo(DrillVerdict.Refused), "a refusal is reported as such, not as a met drill");
            Assert.That(result.Engine!.Reason, Does.Contain("exceeds RPO target"), "the refusal must name the lag check");
            Assert.That(result.Engine.Steps.Select(s => s.Name), Is.EqualTo(new[] { FailoverSteps.Readiness }), "nothing after readiness may run");
            Assert.That(result.Tiers, Is.Empty, "no failover, so nothing to measure");
        });
    }

    [Test]
    public async Task Paused_replica_with_force_fails_over_and_records_the_override()
    {
        var result = await DrillTestSupport.RunAsync(DrillTestSupport.ShortSpec("forced") with
        {
            FailureMode = DrillFailureMode.PausedReplica,
            Redis = false,
            PostgresTargets = new TierTargets(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)),
            Force = true,
            ForceReason = "drill: accept replay lag",
        });

        Assert.That(result.Engine?.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), result.Summary + "\n" + result.Error);
        Assert.Multiple(() =>
        {
            Assert.That(result.Engine!.Forced, Is.True, "the result must say the RPO check was overridden");
            Assert.That(result.Engine.ForceReason, Is.EqualTo("drill: accept replay lag"));
            Assert.That(result.Journal.Any(e => e.Event == JournalEvent.Forced && e.Detail.Contains("exceeds RPO target")), Is.True,
                "the journal must record the override and what it overrode");
            Assert.That(result.Tiers.Single().FirstAckAfterSwitch, Is.Not.Null, "the promoted standby must take writes");
        });
    }
}
