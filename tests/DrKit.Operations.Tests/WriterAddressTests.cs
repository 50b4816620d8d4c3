using DrKit.Failover;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>The writer's address published in SSM by the promotion of a failover and the writer switch of a failback.</summary>
public sealed class WriterAddressTests
{
    private const string Name = PilotLightProgram.WriterParameter;

    [Test]
    public async Task Failover_WritesTheRecoveryWritersAddressInEveryRegion_AfterThePromotion()
    {
        var harness = new AwsFailoverHarness();
        // What describe-db-instances reports, unlike anything in the stack's config or outputs.
        harness.Aws.Addresses[FakeAws.RecoveryInstance] = "promoted-writer.c0ffee.us-west-2.rds.amazonaws.com";

        var result = await harness.RunAsync();

        var puts = harness.Aws.Calls.Select((c, i) => (c, i)).Where(x => x.c.Count > 1 && x.c[1] == "put-parameter").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.Parameters.GetValueOrDefault((PilotLightProgram.Recovery, Name)), Is.EqualTo("promoted-writer.c0ffee.us-west-2.rds.amazonaws.com"),
                "the recovery region's applications read the promoted writer's address, as RDS reports it");
            Assert.That(harness.Aws.Parameters.GetValueOrDefault((PilotLightProgram.Primary, Name)), Is.EqualTo("promoted-writer.c0ffee.us-west-2.rds.amazonaws.com"),
                "the primary region's copy too, while that region answers");
            Assert.That(puts.Select(p => p.i), Has.All.GreaterThan(harness.Index("promote-read-replica")), "written only after the promotion");
            Assert.That(puts.Select(p => FakeAws.Value(p.c, "--type")), Has.All.EqualTo("String"), "a String parameter");
            Assert.That(puts.Select(p => p.c.Contains("--overwrite")), Has.All.True, "overwriting the value the stack created");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail,
                Does.Contain($"{Name} = promoted-writer.c0ffee.us-west-2.rds.amazonaws.com").And.Contain("us-west-2 written").And.Contain("us-east-1 written"),
                "the report says what was written where");
        });
    }

    [TestCase(OutageMode.Fail)]
    [TestCase(OutageMode.Hang)]
    public async Task Failover_PrimaryRegionDown_WritesTheRecoveryCopyOnly_AndSaysThePrimaryCopyIsStale(OutageMode mode)
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.FailedRegion = PilotLightProgram.Primary;
        harness.Aws.Outage = mode;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.Parameters.GetValueOrDefault((PilotLightProgram.Recovery, Name)), Is.EqualTo(FakeAws.AddressOf(FakeAws.RecoveryInstance, PilotLightProgram.Recovery)),
                "the recovery region holds the new writer's address");
            Assert.That(harness.Aws.Calls.Where(c => c.Count > 1 && c[0] == "ssm" && FakeAws.Value(c, "--region") == PilotLightProgram.Primary), Is.Empty,
                "the fence was not confirmed, so the failed region's copy is not even tried: a failover calls no failed region beyond its fence");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail, Does.Contain("us-east-1 NOT CALLED").And.Contain("until the next pulumi up"),
                "the report says the failed region's copy still names the old writer");
            Assert.That(result.Summary, Does.Contain("run pulumi up before anything there serves").And.Contain("rewrites the writer parameters there"),
                "the summary says what to run before the old primary's region serves again");
        });
    }

    [Test]
    public async Task Failover_RerunAfterTheRequiredWriteFailed_ReadsTheParameterBackAndWritesIt()
    {
        var harness = new AwsFailoverHarness();
        var settings = new FailoverSettings { OperationId = "failover-rerun" };
        harness.Aws.PutParameterError = "An error occurred (ThrottlingException) when calling the PutParameter operation";
        harness.Aws.PutParameterErrorIn = PilotLightProgram.Recovery;
        // The recovery region's copy as the stack created it: the old primary's address.
        harness.Aws.Parameters[(PilotLightProgram.Recovery, Name)] = FakeAws.AddressOf(FakeAws.PrimaryInstance, PilotLightProgram.Primary);
        var first = await harness.RunAsync(settings);
        harness.Aws.PutParameterError = null;

        var second = await harness.RunAsync(settings);

        var address = FakeAws.AddressOf(FakeAws.RecoveryInstance, PilotLightProgram.Recovery);
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(OperationOutcome.Failed), "the first run's required write failed: " + first.Summary);
            Assert.That(second.Steps.Single(s => s.Name == FailoverSteps.Promote).Outcome, Is.EqualTo(StepOutcome.Skipped), "the re-run resumes after the journaled Promote");
            Assert.That(harness.Aws.Verbs, Has.Some.EqualTo("get-parameter"), "the re-run reads the parameter's real value");
            Assert.That(harness.Aws.Parameters[(PilotLightProgram.Recovery, Name)], Is.EqualTo(address), "and writes the writer's Endpoint.Address, which it did not hold");
            Assert.That(second.Outcome, Is.EqualTo(OperationOutcome.Succeeded), second.Summary);
            Assert.That(second.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail, Does.Contain("read back").And.Contain("us-west-2"), "the report says what was read and written");
        });
    }

    [Test]
    public async Task Failover_RerunWhileTheRequiredWriteStillFails_StaysFailedWithTheCommand()
    {
        var harness = new AwsFailoverHarness();
        var settings = new FailoverSettings { OperationId = "failover-rerun" };
        harness.Aws.PutParameterError = "An error occurred (AccessDeniedException) when calling the PutParameter operation";
        harness.Aws.PutParameterErrorIn = PilotLightProgram.Recovery;
        await harness.RunAsync(settings);

        var second = await harness.RunAsync(settings);

        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(OperationOutcome.Failed), "a re-run never reports success over an unpublished address: " + second.Summary);
            Assert.That(second.Summary, Does.Contain($"aws ssm put-parameter --name {Name} --value {FakeAws.AddressOf(FakeAws.RecoveryInstance, PilotLightProgram.Recovery)}"),
                "the summary names the write to make by hand");
        });
    }

    [Test]
    public async Task Failover_RecoveryRegionCopyNotWritten_FailsTheRunAndSaysWhatToRun()
    {
        var harness = new AwsFailoverHarness();
        harness.Aws.PutParameterError = "An error occurred (AccessDeniedException) when calling the PutParameter operation";
        harness.Aws.PutParameterErrorIn = PilotLightProgram.Recovery;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), "applications in the recovery region would still connect to the old writer");
            Assert.That(result.Summary, Does.Contain("Write it by hand").And.Contain($"aws ssm put-parameter --name {Name} --value {FakeAws.AddressOf(FakeAws.RecoveryInstance, PilotLightProgram.Recovery)}"),
                "the summary names the exact call with the address RDS reported");
            Assert.That(harness.Aws.Instances[FakeAws.RecoveryInstance].Source, Is.Null, "the promotion itself stands: it cannot be undone");
        });
    }

    [Test]
    public async Task Failover_StackWithoutTheParameter_WritesNone()
    {
        var harness = new AwsFailoverHarness();
        // Deployed before the stack declared the parameter.
        harness.World.Deployed["pilot-light"].Remove("context-store.writerParameter");

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.Verbs, Has.None.EqualTo("put-parameter"), "a parameter the stack does not declare would make its next up's create fail");
            Assert.That(result.Steps.Single(s => s.Name == FailoverSteps.Promote).Detail, Does.Contain("no writer parameter declared"), "and the report says so");
        });
    }

    [Test]
    public async Task Failback_WritesTheReseededWritersAddressInEveryRegion_AfterItsPromotion()
    {
        var harness = new FailbackHarness();

        var result = await harness.RunAsync();

        var seed = FakeAws.AddressOf(FailbackHarness.Seed, PilotLightProgram.Primary);
        var firstPut = harness.Aws.Calls.FindIndex(c => c.Count > 1 && c[1] == "put-parameter" && FakeAws.Value(c, "--name") == Name);
        var promote = harness.Aws.Calls.FindIndex(c => c.Count > 1 && c[1] == "promote-read-replica" && c.Contains(FailbackHarness.Seed));
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.Parameters.GetValueOrDefault((PilotLightProgram.Primary, Name)), Is.EqualTo(seed), "the primary region reads the re-seeded writer");
            Assert.That(harness.Aws.Parameters.GetValueOrDefault((PilotLightProgram.Recovery, Name)), Is.EqualTo(seed), "and so does the recovery region, not its fenced writer");
            Assert.That(firstPut, Is.GreaterThan(promote), "written once the re-seed is the writer");
        });
    }
}
