using DrKit.Failover;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class FailbackProgramTests
{
    [Test]
    public async Task Failback_ReturnsTrafficInStages_ThenTheWritersWithOneWriterAtATime()
    {
        var harness = new FailbackHarness();

        var result = await harness.RunAsync();

        var seed = harness.Aws.Instances[FailbackHarness.Seed];
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.TrafficPercents, Is.EqualTo(new[] { "100", "10", "50", "100", "100" }),
                "all weight on the recovery region first, then traffic returns 10% -> 50% -> 100%, then the routing controls are recorded at 100%");
            Assert.That(result.Steps.Select(s => s.Name).Last(n => n is not (FailbackProgram.ResetModelProvider or FailbackProgram.AdoptImport or FailbackProgram.AdoptFinish)),
                Does.StartWith(FailbackProgram.ReturnWriters), "writers return only after all traffic is back");
            Assert.That(result.Steps.Select(s => s.Name).Last(), Is.EqualTo(FailbackProgram.ResetModelProvider), "the model-provider chain is the last thing put back");
            Assert.That(seed.Source, Is.Null, "the re-seeded instance in the primary region is the writer");
            Assert.That(seed.Promotions, Is.EqualTo(1), "promoted once");
            Assert.That(harness.Aws.Instances[FakeAws.RecoveryInstance].Groups, Is.EqualTo(new[] { FakeAws.RecoveryFenceGroup }), "the recovery writer is fenced behind its region's fence group");
            Assert.That(harness.Aws.MostWriters, Is.EqualTo(1), "never two RDS writers taking writes at once");
            Assert.That(harness.Aws.Members[PilotLightProgram.Primary].Role, Is.EqualTo("PRIMARY"), "the Global Datastore primary is back in us-east-1");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("On"), "the primary region's routing control is On");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Recovery], Is.EqualTo("Off"), "the recovery region is a standby again");
        });
    }

    [Test]
    public async Task Failback_TurnsThePrimaryRoutingControlBackOn_BeforeAnyWeightMoves()
    {
        var harness = new FailbackHarness();

        var result = await harness.RunAsync();

        var calls = harness.World.Calls;
        var on = calls.IndexOf("aws update-routing-control-states");
        var ups = calls.Select((c, i) => (c, i)).Where(x => x.c.StartsWith("Up", StringComparison.Ordinal)).Select(x => x.i).ToList();
        var weights = harness.World.ConfigWrites.First(w => w.Values.ContainsKey("drkit-ops:traffic.activeRegion")).Values;
        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        Assert.Multiple(() =>
        {
            Assert.That((weights["drkit-ops:traffic.activeRegion"].Value, weights["drkit-ops:traffic.percent"].Value), Is.EqualTo((PilotLightProgram.Recovery, "100")),
                "a failover deploys nothing, so the records still weigh the primary 100 until a deployment puts every weight on the recovery region");
            Assert.That(ups, Has.Count.GreaterThanOrEqualTo(2), "one deployment for the weights, then one per stage");
            Assert.That(on, Is.GreaterThan(ups[0]).And.LessThan(ups[1]),
                "the primary's control turns On only after its weight is 0, and before the first stage gives it any: no user goes back at once");
        });
        Assert.That(harness.Aws.Calls.First(c => c.Count > 1 && c[1] == "update-routing-control-states").Where(a => a.StartsWith("RoutingControlArn=", StringComparison.Ordinal)),
            Has.All.EndsWith("RoutingControlState=On"), "both controls On: the weights decide during the stages");
    }

    [Test]
    public async Task Failback_ReseedStuckInAStateRdsDoesNotLeave_IsRefusedAtOnceWithTheState()
    {
        var harness = new FailbackHarness();
        harness.Aws.CreatedStatus = "incompatible-parameters";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), result.Summary);
            Assert.That(result.Summary, Does.Contain("'incompatible-parameters'").And.Contain("fix the cause"),
                "the state is named instead of waiting out the seed bound and calling it still creating");
            Assert.That(harness.Aws.Calls.Count(c => c.Count > 1 && c[1] == "describe-db-instances" && c.Contains(FailbackHarness.Seed)), Is.LessThan(10),
                "it stops on the first read of that state");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("Off"), "no traffic moved");
        });
    }

    [Test]
    public async Task Failback_OldPrimaryGone_IsRefusedBeforeCreatingAReseedWithoutKeyOrNetwork()
    {
        var harness = new FailbackHarness();
        harness.Aws.Instances.Remove(FakeAws.PrimaryInstance);

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), result.Summary);
            Assert.That(result.Summary, Does.Contain("no longer exists").And.Contain("KMS key"), "the operator reads what is missing and why it matters");
            Assert.That(harness.Aws.Calls.Where(c => c.Count > 1 && c[1] == "create-db-instance-read-replica"), Is.Empty,
                "an encrypted cross-region replica without a key of its region is refused by RDS, and without the subnet group it lands outside the VPC");
        });
    }

    [Test]
    public async Task Failback_RdsTier_IsReseededInThePrimaryRegionFromThePromotedWriter()
    {
        var harness = new FailbackHarness();

        await harness.RunAsync();

        var create = harness.Aws.Calls.Single(c => c.Count > 1 && c[1] == "create-db-instance-read-replica");
        var promote = harness.Aws.Calls.Single(c => c.Count > 1 && c[1] == "promote-read-replica");
        Assert.Multiple(() =>
        {
            Assert.That(string.Join(' ', create), Does.Contain($"--db-instance-identifier {FailbackHarness.Seed} --source-db-instance-identifier {FakeAws.Arn(FakeAws.RecoveryInstance)} --source-region us-west-2")
                .And.Contain("--kms-key-id arn:aws:kms:us-east-1").And.Contain("--region us-east-1"),
                "a new cross-region replica of the promoted writer, created in the old primary region with a key of that region");
            Assert.That(string.Join(' ', promote), Does.Contain(FailbackHarness.Seed).And.Contain("--region us-east-1"), "promoted in its own region");
            Assert.That(harness.Aws.Instances[FailbackHarness.Seed].Groups, Is.EqualTo(new[] { FakeAws.ClientGroup }),
                "the re-seed carries the client security groups; in the VPC's default group the writer it becomes would take no client traffic");
            Assert.That(harness.Aws.Calls.Where(c => string.Join(' ', c).Contains("promote.context-store=false", StringComparison.Ordinal)), Is.Empty,
                "promote=false after a promotion is rejected by the provider; failback never asks for it");
        });
    }

    [Test]
    public async Task Failback_RecordsTheReseededWriterForTheStackToAdopt_AndClearsTheFailedOverWorld()
    {
        var harness = new FailbackHarness();

        var result = await harness.RunAsync();

        string? Config(string key) => harness.World.ConfigValue("pilot-light", key);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(Config("drkit-ops:adopt.context-store"), Is.EqualTo(FailbackHarness.Seed), "the next up declares (imports) the re-seeded writer instead of leaving it outside the stack");
            Assert.That(Config("drkit-ops:promote.context-store"), Is.EqualTo("false"), "the promoted old recovery writer is no longer what the stack declares");
            Assert.That(Config("drkit-ops:fence.context-store"), Is.EqualTo("false"), "the adopted writer is declared unfenced");
            Assert.That(Config("drkit-ops:writerRegion.context-store"), Is.EqualTo(PilotLightProgram.Primary), "the writer is back in the primary region");
            Assert.That(Config("drkit-ops:adopted.context-store"), Is.EqualTo("true"), "both adopting ups ran: the state holds the stack's own final-snapshot settings");
            Assert.That(result.Summary, Does.Contain($"Adopted by the stack: {FailbackHarness.Seed}").And.Contain("context-store.writerParameter"),
                "the summary says the writer is adopted and where clients find its endpoint");
        });
    }

    [Test]
    public async Task Failback_AdoptsTheReseedInTwoUps_ImportFirstThenTheFinalSnapshotSettings()
    {
        var harness = new FailbackHarness();

        var result = await harness.RunAsync();

        var calls = harness.World.Calls;
        var recorded = calls.FindIndex(c => c.StartsWith("SetConfig pilot-light", StringComparison.Ordinal) && c.Contains($"drkit-ops:adopt.context-store={FailbackHarness.Seed}", StringComparison.Ordinal));
        var importUp = calls.FindIndex(recorded + 1, c => c == "Up pilot-light");
        var phase = calls.FindIndex(recorded + 1, c => c.StartsWith("SetConfig pilot-light", StringComparison.Ordinal) && c.Contains("drkit-ops:adopted.context-store=true", StringComparison.Ordinal));
        var finishUp = phase < 0 ? -1 : calls.FindIndex(phase + 1, c => c == "Up pilot-light");
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(calls[recorded], Does.Contain("drkit-ops:adopted.context-store=false"), "the writer's record starts the importing phase in the same write");
            Assert.That(importUp, Is.GreaterThan(recorded), "the failback runs the importing up itself: until it runs nothing replicates the writer out of its region");
            Assert.That(phase, Is.GreaterThan(importUp), "adopted=true only after the import succeeded");
            Assert.That(finishUp, Is.GreaterThan(phase), "a second up gives the state the final-snapshot settings");
            Assert.That(result.Steps.Select(s => s.Name), Does.Contain(FailbackProgram.AdoptImport).And.Contain(FailbackProgram.AdoptFinish), "both recorded as steps");
        });
    }

    [Test]
    public void Failback_DryRun_ShowsBothAdoptingUpsAfterTheWriters()
    {
        var steps = FailbackProgram.Plan(BundledStacks.Topology("pilot-light"), FailbackHarness.Settings);
        var names = steps.Select(s => s.Name).ToList();
        var finish = steps.Single(s => s.Name == FailbackProgram.AdoptFinish);
        Assert.Multiple(() =>
        {
            Assert.That(names.IndexOf(FailbackProgram.AdoptImport), Is.GreaterThan(names.FindLastIndex(n => n.StartsWith(FailbackProgram.ReturnWriters, StringComparison.Ordinal))),
                "the stack adopts the writer once it is back");
            Assert.That(names.IndexOf(FailbackProgram.AdoptFinish), Is.EqualTo(names.IndexOf(FailbackProgram.AdoptImport) + 1), "the final-snapshot up follows the import");
            Assert.That(finish.Calls, Does.Contain("drkit-ops:adopted.context-store=true").And.Contain("gateway.Up(pilot-light)"), "the exact config write and update");
        });
    }

    [Test]
    public async Task Failback_AdoptingUpFails_IsAFailureThatNamesTheExactCommands()
    {
        var harness = new FailbackHarness();
        harness.World.OnUp = (stack, _) =>
        {
            if (harness.World.ConfigValue(stack, "drkit-ops:adopt.context-store") is not null)
            {
                throw new StackCommandFailedException($"pulumi failed for stack {stack}: inputs to import do not match the existing resource");
            }
        };

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), "without the adoption the primary-region writer has no recovery replica: not a completed failback");
            Assert.That(result.Summary, Does.Contain("inputs to import do not match").And.Contain("'pulumi up --stack pilot-light'")
                .And.Contain("'pulumi config set --stack pilot-light drkit-ops:adopted.context-store true'"), "the exact commands the operator runs next");
            Assert.That(harness.World.ConfigValue("pilot-light", "drkit-ops:adopted.context-store"), Is.EqualTo("false"), "the phase stays at the import");
        });
    }

    [Test]
    public async Task Failback_SwitchBack_WaitsForLagZeroAfterFencingTheRecoveryWriter()
    {
        var harness = new FailbackHarness();

        await harness.RunAsync();

        var fence = harness.Aws.Calls.FindIndex(c => c.Count > 1 && c[1] == "reboot-db-instance");
        var promote = harness.Aws.Calls.FindIndex(c => c.Count > 1 && c[1] == "promote-read-replica");
        var lastLag = harness.Aws.Calls.FindLastIndex(c => c.Count > 1 && c[1] == "get-metric-statistics" && c.Contains($"Name=DBInstanceIdentifier,Value={FailbackHarness.Seed}"));
        Assert.That(lastLag, Is.InRange(fence, promote), "the promotion waits for a lag reading taken after the recovery writer was fenced");
    }

    [Test]
    public async Task Failback_RedisResync_IsReadFromTheGlobalDatastoreNotFromAnOutput()
    {
        var harness = new FailbackHarness(redisLagSeconds: 7200);

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Refused), result.Summary);
            Assert.That(result.Summary, Does.Contain("session-cache").And.Contain("GlobalDatastoreReplicationLag").And.Contain("us-east-1"),
                "the lag of the us-east-1 member comes from CloudWatch in its region");
            Assert.That(harness.World.Changes, Is.Empty, "a refused failback moves no traffic");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("Off"), "and leaves the routing controls");
        });
    }

    [Test]
    public async Task Failback_ReseedBehindTheRpo_IsRefusedAndARerunReusesTheReplica()
    {
        var harness = new FailbackHarness(seedLagSeconds: 7200);

        var first = await harness.RunAsync();
        harness.Aws.Datapoints[FailbackHarness.Seed] = [(harness.Clock.GetUtcNow().AddMinutes(-1), 1)];
        var second = await harness.RunAsync(FailbackHarness.Settings with { OperationId = "failback-again" });

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(OperationOutcome.Refused), first.Summary);
            Assert.That(first.Summary, Does.Contain(FailbackHarness.Seed).And.Contain("ReplicaLag"), "the refusal names the re-seed and where its lag was read");
            Assert.That(second.Outcome, Is.EqualTo(OperationOutcome.Succeeded), second.Summary);
            Assert.That(harness.Aws.Calls.Count(c => c.Count > 1 && c[1] == "create-db-instance-read-replica"), Is.EqualTo(1), "the re-run finds the replica instead of creating another");
        });
    }

    [Test]
    public async Task Failback_WhenTheErrorRateRises_RollsBackTheStageAndKeepsWritersInRecovery()
    {
        var harness = new FailbackHarness();

        var result = await harness.RunAsync(null, default, 0.01, 0.01, 0.20);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.RolledBack), "a 20% error rate at the 50% stage stops the failback");
            Assert.That(harness.TrafficPercents, Is.EqualTo(new[] { "100", "10", "50", "10" }),
                "after the weights moved to the recovery region (100 there), the failing stage is rolled back to the previous one, 10%");
            Assert.That(harness.Aws.Calls.Where(c => c.Count > 1 && (c[1] is "promote-read-replica" or "failover-global-replication-group"
                    || (c[1] == "reboot-db-instance" && c.Contains(FakeAws.RecoveryInstance)))), Is.Empty,
                "writers stay in the recovery region when traffic did not fully return (the re-seed's reboot for its parameter group is a replica's)");
        });
    }

    [Test]
    public void DryRun_ListsTheExactCommandsWithTheirRegions()
    {
        var steps = FailbackProgram.Plan(BundledStacks.Topology("pilot-light"), FailbackHarness.Settings);
        var text = string.Join("\n", steps.Select(s => $"{s.Name}: {s.Calls}"));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("aws rds create-db-instance-read-replica --db-instance-identifier <postgresInstanceIdentifiers[context-store][us-east-1]>-g<N+1>"),
                "the re-seed, named after the old primary");
            Assert.That(steps.Single(s => s.Name == FailbackProgram.PrimaryOn).Calls, Does.Contain("update-routing-control-states").And.Contain("RoutingControlState=On"),
                "the primary's routing control back On before the weights move");
            Assert.That(steps.Single(s => s.Name == "ReturnWriters:Promote").Calls, Does.Contain("aws rds promote-read-replica").And.Contain("--region us-east-1")
                .And.Contain("aws elasticache failover-global-replication-group"), "each writer returns from its own region");
            Assert.That(steps.Where(s => s.Name.StartsWith(FailbackProgram.ReturnWriters, StringComparison.Ordinal)).Select(s => s.Calls), Has.None.Contain("Up"),
                "the writer switch deploys nothing");
        });
    }
}
