using DrKit.Failover;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests;

public sealed class FailbackProgramTests
{
    private static readonly Dictionary<string, string> FailedOver = new(StringComparer.Ordinal)
    {
        ["drkit-ops:promote.context-store"] = "true",
        ["drkit-ops:writerRegion.session-cache"] = "us-west-2",
        ["drkit-ops:fence.context-store"] = "true",
        ["drkit-ops:fence.session-cache"] = "true",
        ["drkit-ops:traffic.activeRegion"] = "us-west-2",
        ["drkit-ops:traffic.percent"] = "100",
    };

    private static FailbackSettings Settings => new() { OperationId = "failback-test", SettleTime = TimeSpan.Zero };

    [Test]
    public async Task Failback_ReturnsTrafficInStages_ThenTheWriters()
    {
        var world = FailedOverWorld(resyncLagSeconds: 5);
        var program = new FailbackProgram(world.Gateway.Object, FailedOverAws().Switch(new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero))), new InMemoryFailoverJournal(), ErrorRates(0.01, 0.01, 0.01, 0.01), new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(TrafficPercents(world), Is.EqualTo(new[] { "10", "50", "100" }), "traffic returns 10% -> 50% -> 100%");
        Assert.That(result.Steps.Select(s => s.Name).Last(), Is.EqualTo(FailbackProgram.ReturnWriters), "writers return only after all traffic is back");
        Assert.That(world.Deployed["pilot-light"]["context-store.writerRegion"], Is.EqualTo("us-east-1"), "the primary region holds the writer again");
    }

    [Test]
    public async Task Failback_WhenTheErrorRateRises_RollsBackTheStageAndKeepsWritersInRecovery()
    {
        var world = FailedOverWorld(resyncLagSeconds: 5);
        var program = new FailbackProgram(world.Gateway.Object, FailedOverAws().Switch(new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero))), new InMemoryFailoverJournal(), ErrorRates(0.01, 0.01, 0.20), new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.RolledBack), "a 20% error rate at the 50% stage stops the failback");
        Assert.That(TrafficPercents(world), Is.EqualTo(new[] { "10", "50", "10" }), "the failing stage is rolled back to the previous one, 10%");
        Assert.That(world.ConfigWrites.SelectMany(w => w.Values.Keys), Has.None.StartsWith("drkit-ops:writerRegion."),
            "writers must stay in the recovery region when traffic did not fully return");
    }

    [Test]
    public async Task Failback_BeforeThePrimaryRegionHasResynced_IsRefusedWithoutMovingTraffic()
    {
        var world = FailedOverWorld(resyncLagSeconds: null);
        var program = new FailbackProgram(world.Gateway.Object, FailedOverAws().Switch(new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero))), new InMemoryFailoverJournal(), ErrorRates(0.01), new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "no resync lag reported means the old primary is not caught up");
        Assert.That(world.Changes, Is.Empty, "a refused failback changes nothing");
        Assert.That(result.Summary, Does.Contain("context-store: RDS failback needs the us-east-1 instance re-seeded from the promoted writer in us-west-2")
            .And.Contain("does not declare that re-seed yet").And.Contain("Known limitation: RDS failback"),
            "the RDS refusal names the missing re-seed and where the limitation is documented");
        Assert.That(result.Summary, Does.Contain("stops at its resync check").And.Contain("keep serving from us-west-2"),
            "the refusal says where the failback stopped and that the recovery writers keep serving");
    }

    [Test]
    public async Task Failback_ReturnsTheGlobalDatastorePrimaryWithTheAwsCli_BeforeTheStackRecordsTheWriter()
    {
        var world = FailedOverWorld(resyncLagSeconds: 5);
        var aws = FailedOverAws();
        aws.SharedLog = world.Calls;
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var program = new FailbackProgram(world.Gateway.Object, aws.Switch(clock), new InMemoryFailoverJournal(), ErrorRates(0.01, 0.01, 0.01, 0.01), clock);

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(aws.Calls.Single(c => c.Contains("failover-global-replication-group")), Is.EqualTo(new[]
        {
            "elasticache", "failover-global-replication-group", "--global-replication-group-id", FakeAws.GlobalId,
            "--primary-region", "us-east-1", "--primary-replication-group-id", FakeAws.PrimaryGroup, "--region", "us-east-1",
        }), "the primary region's replication group becomes primary again");
        Assert.That(aws.Members["us-east-1"].Role, Is.EqualTo("PRIMARY"), "AWS reports the primary region's member as the writer");
        Assert.That(world.Calls.IndexOf("aws failover-global-replication-group"), Is.LessThan(world.Calls.FindIndex(c => c.Contains("drkit-ops:writerRegion.session-cache=us-east-1", StringComparison.Ordinal))),
            "the switch runs before the stack records the writer region");
        Assert.That(world.Calls.IndexOf("aws failover-global-replication-group"), Is.GreaterThan(world.Calls.FindLastIndex(c => c.Contains("traffic.percent=100", StringComparison.Ordinal))),
            "writers return only after all traffic is back");
    }

    private static FakeAws FailedOverAws()
    {
        var aws = new FakeAws();
        aws.Members["us-east-1"] = (FakeAws.PrimaryGroup, "SECONDARY");
        aws.Members["us-west-2"] = (FakeAws.RecoveryGroup, "PRIMARY");
        return aws;
    }

    private static StackWorld FailedOverWorld(int? resyncLagSeconds)
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, resyncLagSeconds: resyncLagSeconds), deployed: false);
        world.Config["pilot-light"] = FailedOver.ToDictionary(p => p.Key, p => Gateway.ConfigSetting.Plain(p.Value), StringComparer.Ordinal);
        world.Deployed["pilot-light"] = PilotLightProgram.Outputs(FailedOver, resyncLagSeconds: resyncLagSeconds);
        return world;
    }

    private static IErrorRateProbe ErrorRates(params double[] rates)
    {
        var probe = new Mock<IErrorRateProbe>(MockBehavior.Strict);
        var sequence = probe.SetupSequence(p => p.GetErrorRateAsync(It.IsAny<CancellationToken>()));
        foreach (var rate in rates)
        {
            sequence = sequence.ReturnsAsync(rate);
        }

        return probe.Object;
    }

    private static IEnumerable<string> TrafficPercents(StackWorld world) =>
        world.ConfigWrites.Where(w => w.Values.ContainsKey("drkit-ops:traffic.percent")).Select(w => w.Values["drkit-ops:traffic.percent"].Value);
}
