using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class FailoverProgramTests
{
    private static FailoverSettings Settings => new() { OperationId = "failover-test" };

    private static FailoverProgram NewProgram(StackWorld world)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        return new FailoverProgram(world.Gateway.Object, new FakeAws().Switch(clock), new FakeAws().Lag(clock), new InMemoryFailoverJournal(), clock, models: new ModelProviderSwitch(new FakeAws()));
    }

    [Test]
    public async Task Failover_RunsPrerequisitesStackAndEngineSteps_InOrder()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        var program = NewProgram(world);

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(result.Steps.Select(s => s.Name), Is.EqualTo(new[]
        {
            "Prerequisites", "SelectStack", "Readiness", "Fence", "Promote", "ScaleCompute", "ShiftTraffic", "Verify", "Report", "SwitchModelProvider",
        }), "a failover checks prerequisites and the stack first, then runs the engine's steps in their fixed order, then flips the model-provider switch");
        Assert.That(result.MeasuredRto, Is.Not.Null, "a successful failover reports its measured RTO");
    }

    [Test]
    public async Task Failover_ChangesTheStackThroughTheConfigContract_FenceBeforePromoteBeforeTraffic()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        var program = NewProgram(world);

        await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(world.Changes, Is.EqualTo(new[]
        {
            "SetConfig pilot-light drkit-ops:fence.context-store=true", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:fence.session-cache=true", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:promote.context-store=true", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:writerRegion.session-cache=us-west-2", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:recovery.running=2", "Up pilot-light",
            "SetConfig pilot-light drkit-ops:traffic.activeRegion=us-west-2,drkit-ops:traffic.percent=100", "Up pilot-light",
        }), "the RDS replica is promoted by dropping its source, the Global Datastore by its writer region, each followed by an up; traffic moves last");
        Assert.That(world.Calls[0], Is.EqualTo("EnsureReady"), "prerequisites are checked before the first call that could change anything");
    }

    [Test]
    public async Task Failover_WithReplicaLagBeyondTheRpo_IsRefusedWithoutChangingTheStack()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: 7200));
        var program = NewProgram(world);

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "two hours of lag exceeds both tiers' RPO");
        Assert.That(world.Changes, Is.Empty, "a refused failover must not set config or run up");
    }

    [Test]
    public async Task Failover_WithCloudWatchLagWithinTheRpo_ProceedsWithoutForce()
    {
        // The AWS stack exports no replicaLagSeconds: the lag comes from CloudWatch.
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: null));
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws().WithRecoveryLag(clock.GetUtcNow(), 2);

        var result = await new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), new InMemoryFailoverJournal(), clock)
            .RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(result.Failover!.Forced, Is.False, "two seconds of lag is within both RPOs, so nothing is forced");
        Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Readiness).Detail,
            Does.Contain("context-store: CloudWatch AWS/RDS ReplicaLag").And.Contain("session-cache: CloudWatch AWS/ElastiCache GlobalDatastoreReplicationLag"),
            "the readiness record says where each tier's lag came from");
        Assert.That(aws.Calls.Where(c => c.Count > 1 && c[1] == "get-metric-statistics"), Is.Not.Empty, "the lag was asked of CloudWatch");
    }

    [Test]
    public async Task Failover_WithArtifactsMissingInTheRecoveryRegion_IsRefusedNamingThem()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, artifactsInRecovery: false));
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws();

        var result = await new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), new InMemoryFailoverJournal(), clock)
            .RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "a recovery region without the model artifacts cannot serve");
        Assert.That(result.Summary, Does.Contain("model-artifacts").And.Contain("images"), "the refusal names what is not in place");
        Assert.That(world.ConfigWrites.SelectMany(w => w.Values.Keys).Where(k => k.StartsWith("drkit-ops:fence", StringComparison.Ordinal)), Is.Empty,
            "readiness refuses before anything is fenced");
    }

    [Test]
    public async Task Failover_WithNoRecentCloudWatchDatapoint_IsRefusedSayingSo()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: null));
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws();

        var result = await new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), new InMemoryFailoverJournal(), clock)
            .RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), "unknown lag refuses an unforced failover");
        Assert.That(result.Summary, Does.Contain("replica lag unknown").And.Contain("no recent CloudWatch datapoint").And.Contain("--force --reason"),
            "the refusal says the metric had no recent datapoint and how to override");
        Assert.That(world.Changes, Is.Empty, "a refused failover must not set config or run up");
    }

    [Test]
    public async Task Failover_WithNoRecentDatapointButForced_ProceedsAndJournalsTheOverride()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: null));
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws();
        var journal = new InMemoryFailoverJournal();

        var result = await new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), journal, clock).RunAsync(
            BundledStacks.Topology("pilot-light"), Settings with { Force = true, ForceReason = "us-east-1 is down, CloudWatch silent" }, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(result.Failover!.Forced, Is.True, "the unknown lag was accepted only because the run was forced");
    }

    [Test]
    public async Task Failover_WhenCloudWatchCannotBeRead_FailsWithTheCliErrorAndChangesNothing()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: null));
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws { CloudWatchError = "An error occurred (AccessDenied) when calling the GetMetricStatistics operation" };

        var result = await new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), new InMemoryFailoverJournal(), clock)
            .RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), "a lag that could not be read is a failure, not a refusal to override");
        Assert.That(result.Summary, Does.Contain("AccessDenied").And.Contain("get-metric-statistics"), "the summary carries the command and its stderr");
        Assert.That(world.Changes, Is.Empty, "readiness fails before any fence");
    }

    [Test]
    public async Task Failover_WithLagExportedByTheStack_UsesTheOutputAndAsksCloudWatchNothing()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: 3));
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws();

        var result = await new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), new InMemoryFailoverJournal(), clock)
            .RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(aws.Calls.Where(c => c[0] == "cloudwatch"), Is.Empty, "an exported replicaLagSeconds wins over CloudWatch");
        Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Readiness).Detail, Does.Contain("stack output context-store.replicaLagSeconds"),
            "the readiness record names the output as the lag's source");
    }

    [Test]
    public async Task Failover_WhenPromotionDoesNotTakeEffect_RollsBackTheFence()
    {
        // The stack ignores the promote key: the replica never reports itself primary.
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(
            c.Where(p => !p.Key.StartsWith("drkit-ops:promote.", StringComparison.Ordinal)).ToDictionary()));
        var program = NewProgram(world);

        var result = await program.RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "a promotion the outputs do not confirm is a failure");
        Assert.That(world.ConfigValue("pilot-light", "drkit-ops:traffic.percent"), Is.Null, "traffic must not move after a failed promotion");
        Assert.That(result.Steps.Select(s => s.Name), Does.Contain(FailoverSteps.Rollback), "the engine's rollback runs through the same stack adapters");
    }

    [Test]
    public async Task Failover_SwitchesTheGlobalDatastoreWithTheAwsCli_BeforeTheStackRecordsTheWriter()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        var aws = new FakeAws { SharedLog = world.Calls, DescribesBeforePrimary = 0 };
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

        var result = await new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), new InMemoryFailoverJournal(), clock).RunAsync(
            BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.That(aws.Calls.Single(c => c.Contains("failover-global-replication-group")), Is.EqualTo(new[]
        {
            "elasticache", "failover-global-replication-group", "--global-replication-group-id", FakeAws.GlobalId,
            "--primary-region", "us-west-2", "--primary-replication-group-id", FakeAws.RecoveryGroup, "--region", "us-west-2",
        }), "the recovery region's replication group becomes primary, the call going to the recovery region's endpoint");
        var failover = world.Calls.IndexOf("aws failover-global-replication-group");
        var recorded = world.Calls.IndexOf("SetConfig pilot-light drkit-ops:writerRegion.session-cache=us-west-2");
        Assert.That(failover, Is.GreaterThan(world.Calls.IndexOf("aws --version")), "the AWS CLI is checked before the switch");
        Assert.That(recorded, Is.GreaterThan(failover), "the stack records the writer region only after AWS switched the primary");
        Assert.That(world.Calls[failover + 1], Is.EqualTo("aws describe-global-replication-groups"), "the switch polls the Global Datastore before touching the stack");
    }

    [Test]
    public void Failover_WhenTheAwsCliIsMissing_StopsBeforeAnyChange()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        var aws = new FakeAws { Missing = true };
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

        var error = Assert.ThrowsAsync<CloudCliMissingException>(() => new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), new InMemoryFailoverJournal(), clock)
            .RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None), "a Global Datastore cannot be switched without the AWS CLI");

        Assert.That(error!.Message, Does.Contain("AWS CLI ('aws') was not found on PATH").And.Contain("Nothing was changed"), "the message names the missing CLI");
        Assert.That(error.IsBadInput, Is.False, "a missing tool is an environment failure (exit 3)");
        Assert.That(world.Changes, Is.Empty, "the AWS CLI is checked with the prerequisites, before the first fence");
    }

    [Test]
    public async Task Failover_WhenTheAwsFailoverCallFails_RollsBackAndReportsItsStderr()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        var aws = new FakeAws { FailoverError = "An error occurred (InvalidGlobalReplicationGroupStateFault): The Global datastore is not available" };
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

        var result = await new FailoverProgram(world.Gateway.Object, aws.Switch(clock), aws.Lag(clock), new InMemoryFailoverJournal(), clock)
            .RunAsync(BundledStacks.Topology("pilot-light"), Settings, CancellationToken.None);

        Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "a failed switch fails the failover");
        Assert.That(string.Join("\n", result.Steps.Select(s => s.Detail)), Does.Contain("InvalidGlobalReplicationGroupStateFault"), "the AWS CLI's stderr is reported");
        Assert.That(world.ConfigValue("pilot-light", "drkit-ops:writerRegion.session-cache"), Is.Null, "the stack never records a writer AWS did not switch");
        Assert.That(world.ConfigValue("pilot-light", "drkit-ops:fence.session-cache"), Is.EqualTo("false"), "the engine's rollback unfences the old primary");
    }

    [Test]
    public void Failover_OfASingleRegionStack_IsRefusedBeforeAnyCall()
    {
        var world = new StackWorld();
        var program = NewProgram(world);

        var error = Assert.ThrowsAsync<Gateway.OperationRefusedException>(
            () => program.RunAsync(BundledStacks.Topology("primary"), Settings, CancellationToken.None),
            "a stack without a recovery region has nowhere to fail over to");

        Assert.That(error!.Message, Does.Contain("primary"), "the refusal names the stack");
        Assert.That(world.Calls, Is.Empty, "nothing is called for a refused failover");
    }
}
