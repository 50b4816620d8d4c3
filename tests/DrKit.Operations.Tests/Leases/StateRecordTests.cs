using DrKit.Operations.Gateway;
using DrKit.Operations.Leases;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Leases;

/// <summary>The operations state a failover records, kept in the recovery region's bucket beside the journal.</summary>
public sealed class StateRecordTests
{
    [Test]
    public async Task Failover_RecordsItsStateInTheRecoveryBucket_NotOnlyInTheLocalStackFile()
    {
        var bucket = new MemoryStateStore();
        var harness = new AwsFailoverHarness { Gateways = g => new StateRecordingGateway(g, [bucket]) };

        var result = await harness.RunAsync();

        var record = OperationsStateRecord.Parse(bucket.Documents[OperationsStateRecord.Key("pilot-light")], bucket.Where);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(record, Does.ContainKey("drkit-ops:promote.context-store").WithValue("true"), "another checkout's up must keep the promoted writer");
            Assert.That(record, Does.ContainKey("drkit-ops:recovery.running").WithValue("2"), "and the running recovery group");
            Assert.That(record, Does.ContainKey("drkit-ops:fence.context-store").WithValue("true"), "and the fenced old primary");
        });
    }

    [Test]
    public async Task SelectingTheStackOnAnotherMachine_BringsItsConfigUpToTheRecord()
    {
        var bucket = new MemoryStateStore();
        var first = new AwsFailoverHarness { Gateways = g => new StateRecordingGateway(g, [bucket]) };
        await first.RunAsync();
        // A fresh checkout: its Pulumi.pilot-light.yaml has none of the keys the failover wrote.
        var elsewhere = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: null));
        var gateway = new StateRecordingGateway(elsewhere.Gateway.Object, [bucket]);

        await gateway.SelectStackAsync("pilot-light", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(elsewhere.ConfigValue("pilot-light", "drkit-ops:promote.context-store"), Is.EqualTo("true"),
                "the next up from this checkout declares the promoted writer instead of a replica");
            Assert.That(elsewhere.ConfigValue("pilot-light", "drkit-ops:recovery.running"), Is.EqualTo("2"), "and does not scale the recovery group back to 0");
            Assert.That(gateway.Restored.Keys, Does.Contain("drkit-ops:promote.context-store"), "the gateway says what it restored");
        });
    }

    [Test]
    public async Task S3Bucket_HoldsTheRecordUnderItsPrefix()
    {
        var s3 = new FakeS3();
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        var gateway = new StateRecordingGateway(world.Gateway.Object, [new S3OperationStateStore(s3, "dr-state", "drkit/", "us-west-2", "us-east-1")]);

        await gateway.SetConfigAsync("pilot-light", new Dictionary<string, ConfigSetting> { ["drkit-ops:promote.context-store"] = ConfigSetting.Plain("true") }, CancellationToken.None);

        Assert.That(s3.Objects.Keys, Does.Contain("dr-state/drkit/state/pilot-light.json"), "the record sits beside the leases and journals in the recovery region's bucket");
    }

    [Test]
    public void Missing_ListsRecordedKeysTheLocalConfigLacksOrContradicts()
    {
        var local = new Dictionary<string, string> { ["drkit-ops:fence.db"] = "false", ["drkit-ops:stateBucket"] = "b", ["drkit:service"] = "x" };
        var stored = new Dictionary<string, string> { ["drkit-ops:fence.db"] = "true", ["drkit-ops:promote.db"] = "true", ["drkit:service"] = "y" };

        var missing = OperationsStateRecord.Missing(local, stored);

        Assert.That(missing, Is.EquivalentTo(new Dictionary<string, string> { ["drkit-ops:fence.db"] = "true", ["drkit-ops:promote.db"] = "true" }),
            "only operations keys count; the stack's own DR intent is the stack file's");
    }
}
