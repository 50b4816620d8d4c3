using DrKit.Failover;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>The RDS re-seed and switch back of a failback: what the re-seed is created with, its writer parameter group,
/// when an existing re-seed writer counts, the slot-lag catch-up and a resumed rollback.</summary>
public sealed class FailbackReseedTests
{
    private const string Refusal = "An error occurred (InvalidDBInstanceState) when calling the PromoteReadReplica operation: the instance is not in a state to be promoted";

    [Test]
    public async Task Failback_ResumedRollback_UnfencesTheRecoveryWriterWithTheClientGroupsTheStackDeclaresIt()
    {
        // The first run dies while waiting for the re-seed to catch up: the recovery writer is fenced, nothing promoted.
        var crashAt = CallIndex(c => c.Contains("OldestReplicationSlotLag"));
        var harness = new FailbackHarness();
        using var crash = new CancellationTokenSource();
        harness.Aws.Crash = crash;
        harness.Aws.CrashAtCall = crashAt;
        Assert.CatchAsync<OperationCanceledException>(() => harness.RunAsync(ct: crash.Token), "the first run dies after the fence");
        Assert.That(harness.Aws.Instances[FakeAws.RecoveryInstance].Groups, Is.EqualTo(new[] { FakeAws.RecoveryFenceGroup }), "precondition: fenced when the run died");

        // The resumed run (a new process: nothing read before the fence is known) is refused the promotion and rolls back.
        harness.Aws.Crash = null;
        harness.Aws.PromoteError = Refusal;
        var resumed = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(resumed.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), resumed.Summary);
            Assert.That(resumed.Summary, Does.Contain("old primary unfenced: context-store"), "the rollback gave the recovery writer its clients back");
            Assert.That(harness.Aws.Instances[FakeAws.RecoveryInstance].Groups, Is.EqualTo(new[] { FakeAws.RecoveryClientGroup }),
                "the recovery writer serves again behind the client group the stack declares it with in its region, not the primary region's");
            Assert.That(harness.Aws.Instances[FailbackHarness.Seed].Source, Is.Not.Null, "the re-seed stays a replica");
            Assert.That(resumed.Summary, Does.Not.Contain("no client security groups are known"), "the rollback had the groups to restore");
        });
    }

    [Test]
    public async Task Failback_Reseed_GetsTheUnfencedWriterParameterGroupInSyncBeforeItIsPromoted()
    {
        var harness = new FailbackHarness();
        harness.Aws.RebootDescribes = 2;

        var result = await harness.RunAsync();

        var calls = harness.Aws.Calls.Select(c => string.Join(' ', c)).ToList();
        var assign = calls.FindIndex(c => c.StartsWith("rds modify-db-instance", StringComparison.Ordinal) && c.Contains(FailbackHarness.Seed, StringComparison.Ordinal));
        var reboot = calls.FindIndex(c => c.StartsWith("rds reboot-db-instance", StringComparison.Ordinal) && c.Contains(FailbackHarness.Seed, StringComparison.Ordinal));
        var promote = calls.FindIndex(c => c.StartsWith("rds promote-read-replica", StringComparison.Ordinal));
        var seed = harness.Aws.Instances[FailbackHarness.Seed];
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(calls[assign], Does.Contain($"--db-parameter-group-name {FakeAws.WriterParameterGroup} --apply-immediately").And.Contain("--region us-east-1"),
                "the stack's unfenced writer group of the primary region, not the engine's default RDS gave the cross-region replica");
            Assert.That(reboot, Is.GreaterThan(assign).And.LessThan(promote), "the group applies after a reboot, done before the promotion");
            Assert.That(seed.Reboots, Is.EqualTo(1), "rebooted once, not again while RDS still showed pending-reboot");
            Assert.That((seed.ParameterGroup, seed.ParameterApplyStatus), Is.EqualTo((FakeAws.WriterParameterGroup, "in-sync")), "the writer runs with the stack's settings");
        });
    }

    [Test]
    public async Task Failback_Reseed_CarriesTheTagsAndSettingsOfThePrimaryItReplaces()
    {
        var harness = new FailbackHarness();
        harness.Aws.Instances[FakeAws.PrimaryInstance] = harness.Aws.Instances[FakeAws.PrimaryInstance] with { MultiAz = true, DeletionProtection = true };

        await harness.RunAsync();

        var create = string.Join(' ', harness.Aws.Calls.Single(c => c.Count > 1 && c[1] == "create-db-instance-read-replica"));
        var seed = harness.Aws.Instances[FailbackHarness.Seed];
        Assert.Multiple(() =>
        {
            Assert.That(seed.Tags, Is.EquivalentTo(new Dictionary<string, string> { ["drkit:stack"] = "pilot-light", ["drkit:role"] = "primary" }),
                "the primary's tags, without the aws: key RDS refuses on create");
            Assert.That(create, Does.Contain("--copy-tags-to-snapshot").And.Contain("--multi-az").And.Contain("--deletion-protection"),
                "a replica inherits none of these from its source");
            Assert.That((seed.CopyTagsToSnapshot, seed.MultiAz, seed.DeletionProtection), Is.EqualTo((true, true, true)), "as the primary it replaces");
            Assert.That(seed.PubliclyAccessible, Is.False,
                "RDS's default makes it public in a VPC with an internet gateway; the stack declares its writer private, and the import must find what it declares");
        });
    }

    [Test]
    public async Task Failback_ReseedAlreadyAWriterOnAFirstRun_IsRefusedWhileTheRecoveryWriterIsNotFenced()
    {
        var harness = new FailbackHarness();
        // Someone promoted the re-seed by hand while the recovery writer still took writes.
        harness.Aws.Instances[FailbackHarness.Seed] = new RdsInstance(PilotLightProgram.Primary, null, "db.r6g.large", [FakeAws.ClientGroup]) { Promotions = 1 };

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), result.Summary);
            Assert.That(result.Summary, Does.Contain(FailbackHarness.Seed).And.Contain("did not promote it").And.Contain("not fenced"),
                "the writes the recovery writer took since would be lost silently");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("Off"), "no traffic moved");
            Assert.That(harness.World.Changes, Is.Empty, "nothing deployed");
        });
    }

    [Test]
    public async Task Failback_ReseedAlreadyAWriter_CountsWhenTheRecoveryWriterIsFenced()
    {
        var harness = new FailbackHarness();
        harness.Aws.Instances[FailbackHarness.Seed] = new RdsInstance(PilotLightProgram.Primary, null, "db.r6g.large", [FakeAws.ClientGroup]) { Promotions = 1 };
        harness.Aws.Instances[FakeAws.RecoveryInstance] = harness.Aws.Instances[FakeAws.RecoveryInstance] with { Groups = [FakeAws.RecoveryFenceGroup] };

        var result = await harness.RunAsync();

        Assert.That(result.Steps.Single(s => s.Name == FailbackProgram.Resync).Outcome, Is.EqualTo(StepOutcome.Completed),
            $"the recovery writer takes no writes behind its fence, so the re-seed lacks none: {result.Summary}");
    }

    [Test]
    public async Task Failback_SwitchBack_PromotesOnlyAfterTheFencedWritersSlotLagReadsZero()
    {
        var harness = new FailbackHarness();

        var result = await harness.RunAsync();

        var calls = harness.Aws.Calls;
        var fence = calls.FindIndex(c => c.Count > 1 && c[1] == "reboot-db-instance" && c.Contains(FakeAws.RecoveryInstance));
        var promote = calls.FindIndex(c => c.Count > 1 && c[1] == "promote-read-replica");
        var slotReads = calls.Select((c, i) => (c, i)).Where(x => x.c.Contains("OldestReplicationSlotLag")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded),
                $"ReplicaLag of the re-seed grows after the fence (no commits), so only byte-level evidence can let it through: {result.Summary}");
            Assert.That(slotReads.Select(x => x.i), Is.Not.Empty.And.All.InRange(fence, promote), "the slot lag is read after the fence and before the promotion");
            Assert.That(string.Join(' ', slotReads[^1].c), Does.Contain($"Name=DBInstanceIdentifier,Value={FakeAws.RecoveryInstance}").And.Contain("--region us-west-2"),
                "of the fenced recovery writer, in its own region");
            Assert.That(result.Steps.Single(s => s.Name == "ReturnWriters:Promote").Detail, Does.Not.Contain("forced"), "nothing was forced");
        });
    }

    [Test]
    public async Task Failback_SlotLagStaysAboveZeroAfterTheFence_NeverPromotesAndUnfencesTheRecoveryWriter()
    {
        var harness = new FailbackHarness();
        harness.Aws.SlotLagAfterFence = 512;

        var result = await harness.RunAsync(FailbackHarness.Settings with
        {
            WriterTimeouts = FailbackHarness.Settings.WriterTimeouts with { Promote = TimeSpan.FromMinutes(10) },
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Aws.Calls.Where(c => c.Count > 1 && c[1] == "promote-read-replica"), Is.Empty,
                "512 bytes the re-seed never received would be lost by promoting it");
            Assert.That(harness.Aws.Instances[FakeAws.RecoveryInstance].Groups, Is.EqualTo(new[] { FakeAws.RecoveryClientGroup }), "the recovery writer serves again");
        });
    }

    [Test]
    public void DryRun_ShowsTheReseedsSettingsParameterGroupSlotLagWaitAndRollback()
    {
        var steps = FailbackProgram.Plan(BundledStacks.Topology("pilot-light"), FailbackHarness.Settings);
        var resync = steps.Single(s => s.Name == FailbackProgram.Resync).Calls;
        var fence = steps.Single(s => s.Name == "ReturnWriters:Fence").Calls;
        var promote = steps.Single(s => s.Name == "ReturnWriters:Promote").Calls;

        Assert.Multiple(() =>
        {
            Assert.That(resync, Does.Contain("--tags '<TagList of the old primary>' --copy-tags-to-snapshot --multi-az --deletion-protection"), "the re-seed's create call");
            Assert.That(resync, Does.Contain("aws rds modify-db-instance --db-instance-identifier <postgresInstanceIdentifiers[context-store][us-east-1]>-g<N+1> " +
                "--db-parameter-group-name <postgresWriterParameterGroups[context-store][us-east-1]> --apply-immediately --region us-east-1"), "the writer group, in the primary region");
            Assert.That(resync, Does.Contain("aws rds reboot-db-instance --db-instance-identifier <postgresInstanceIdentifiers[context-store][us-east-1]>-g<N+1> --region us-east-1")
                .And.Contain("in-sync"), "rebooted on pending-reboot and waited for in-sync");
            Assert.That(fence, Does.Contain("--vpc-security-group-ids <postgresRecoveryClientSecurityGroupIds[context-store][us-west-2]> --apply-immediately --region us-west-2"),
                "the rollback's unfence with the recovery region's declared client groups");
            Assert.That(promote, Does.Contain("aws cloudwatch get-metric-statistics --namespace AWS/RDS --metric-name OldestReplicationSlotLag " +
                "--dimensions Name=DBInstanceIdentifier,Value=<postgresInstanceIdentifiers[context-store][us-west-2]>").And.Contain("--region us-west-2"),
                "the catch-up reads the fenced recovery writer's slot lag in its region");
        });
    }

    [Test]
    public void DryRun_AdoptionNamesTheReseedByItsPlaceholder()
    {
        var adopt = FailbackProgram.Plan(BundledStacks.Topology("pilot-light"), FailbackHarness.Settings).Single(s => s.Name == FailbackProgram.AdoptImport).Calls;

        Assert.Multiple(() =>
        {
            Assert.That(adopt, Does.Contain("adopt.context-store=<postgresInstanceIdentifiers[context-store][us-east-1]>-g<N+1>"),
                "the identifier the adopting up imports, as the resync step names it");
            Assert.That(adopt, Does.Not.Contain("s-postgresinstanceidentifiers"), "not the placeholder turned into an instance name");
        });
    }

    /// <summary>The index of the first AWS call of an uninterrupted failback that matches.</summary>
    private static int CallIndex(Func<IReadOnlyList<string>, bool> match)
    {
        var harness = new FailbackHarness();
        harness.RunAsync().GetAwaiter().GetResult();
        return harness.Aws.Calls.FindIndex(c => match(c));
    }
}
