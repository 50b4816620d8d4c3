using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class ReplicaLagReaderTests
{
    private static StackOutputs PilotLight(int? replicaLagSeconds = null) => new(
        PilotLightProgram.Outputs(new Dictionary<string, string>(), replicaLagSeconds).ToDictionary(p => p.Key, p => new StackOutput(p.Value, false)));

    [Test]
    public async Task RdsLag_AsksCloudWatchForReplicaLagOfTheRecoveryInstance_InTheRecoveryRegion()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws().WithRecoveryLag(clock.GetUtcNow(), 2);

        await aws.Lag(clock).ReadAsync(PilotLight(), "pilot-light", "context-store", PromotionKind.ReadReplica, "us-west-2", CancellationToken.None);

        Assert.That(aws.Calls.Single(), Is.EqualTo(new[]
        {
            "cloudwatch", "get-metric-statistics", "--namespace", "AWS/RDS", "--metric-name", "ReplicaLag",
            "--dimensions", $"Name=DBInstanceIdentifier,Value={FakeAws.RecoveryInstance}",
            "--start-time", "2030-01-01T11:55:00Z", "--end-time", "2030-01-01T12:00:00Z", "--period", "60",
            "--statistics", "Maximum", "--region", "us-west-2", "--output", "json",
        }), "the replica's metric, found by its identifier from postgresInstanceIdentifiers, over the last five minutes, in the region that publishes it");
    }

    [Test]
    public async Task RdsLag_IsTheNewestDatapointsMaximum()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();
        var aws = new FakeAws();
        aws.Datapoints[FakeAws.RecoveryInstance] = [(now.AddMinutes(-3), 90), (now.AddMinutes(-1), 4), (now.AddMinutes(-2), 30)];

        var reading = await aws.Lag(clock).ReadAsync(PilotLight(), "pilot-light", "context-store", PromotionKind.ReadReplica, "us-west-2", CancellationToken.None);

        Assert.That(reading.Lag, Is.EqualTo(TimeSpan.FromSeconds(4)), "the lag now is the newest minute's figure, whatever order CloudWatch lists them in");
        Assert.That(reading.Source, Does.Contain("CloudWatch AWS/RDS ReplicaLag").And.Contain("2030-01-01T11:59:00Z"), "the reading says where and when it was measured");
    }

    [Test]
    public async Task RdsLagSinceAFence_IgnoresTheDatapointOfTheFenceMinute()
    {
        // The datapoint stamped 12:00 covers 12:00-12:01 and so holds samples from before a fence at 12:00:30.
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 50, TimeSpan.Zero));
        var aws = new FakeAws();
        aws.Datapoints[FakeAws.RecoveryInstance] = [(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero), 0)];
        var fencedAt = new DateTimeOffset(2030, 1, 1, 12, 0, 30, TimeSpan.Zero);

        var reading = await aws.Lag(clock).ReadAsync(PilotLight(), "pilot-light", "context-store", PromotionKind.ReadReplica, "us-west-2", CancellationToken.None, fencedAt);

        Assert.That(reading.Lag, Is.Null, "a lag of 0 partly measured before the fence says nothing about the writes just before it");
    }

    [Test]
    public async Task Lag_WithoutARecentDatapoint_IsUnknownAndSaysSo()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws();
        aws.Datapoints[FakeAws.RecoveryInstance] = [(clock.GetUtcNow().AddMinutes(-30), 1)];

        var reading = await aws.Lag(clock).ReadAsync(PilotLight(), "pilot-light", "context-store", PromotionKind.ReadReplica, "us-west-2", CancellationToken.None);

        Assert.That(reading.Lag, Is.Null, "a datapoint from half an hour ago says nothing about the lag now");
        Assert.That(reading.Source, Does.Contain("no recent CloudWatch datapoint").And.Contain(FakeAws.RecoveryInstance), "the reason names the missing metric and instance");
    }

    [Test]
    public async Task RdsLag_OfMinusOne_MeansReplicationIsNotActive()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws();
        aws.Datapoints[FakeAws.RecoveryInstance] = [(clock.GetUtcNow().AddMinutes(-1), -1)];

        var reading = await aws.Lag(clock).ReadAsync(PilotLight(), "pilot-light", "context-store", PromotionKind.ReadReplica, "us-west-2", CancellationToken.None);

        Assert.That(reading.Lag, Is.Null, "RDS reports -1 when replication is not running: the lag is unknown, not negative");
        Assert.That(reading.Source, Does.Contain("replication is not active"), "the reason says why");
    }

    [Test]
    public async Task GlobalDatastoreLag_ReadsEveryMemberClusterOfTheRecoveryGroup_AndTakesTheLargest()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();
        var aws = new FakeAws();
        aws.Datapoints[$"{FakeAws.RecoveryGroup}-001"] = [(now.AddMinutes(-1), 0.5)];
        aws.Datapoints[$"{FakeAws.RecoveryGroup}-002"] = [(now.AddMinutes(-2), 1.5)];

        var reading = await aws.Lag(clock).ReadAsync(PilotLight(), "pilot-light", "session-cache", PromotionKind.GlobalDatastore, "us-west-2", CancellationToken.None);

        Assert.That(aws.Calls[0], Is.EqualTo(new[]
        {
            "elasticache", "describe-replication-groups", "--replication-group-id", FakeAws.RecoveryGroup, "--region", "us-west-2", "--output", "json",
        }), "the member clusters of the recovery replication group (from redisReplicationGroupIds) publish the metric");
        Assert.That(aws.Calls[1], Is.EqualTo(new[]
        {
            "cloudwatch", "get-metric-statistics", "--namespace", "AWS/ElastiCache", "--metric-name", "GlobalDatastoreReplicationLag",
            "--dimensions", $"Name=CacheClusterId,Value={FakeAws.RecoveryGroup}-001",
            "--start-time", "2030-01-01T11:55:00Z", "--end-time", "2030-01-01T12:00:00Z", "--period", "60",
            "--statistics", "Maximum", "--region", "us-west-2", "--output", "json",
        }), "the node-level metric is asked per member cluster");
        Assert.That(aws.Calls, Has.Count.EqualTo(3), "one describe, then one metric call per member cluster");
        Assert.That(reading.Lag, Is.EqualTo(TimeSpan.FromSeconds(1.5)), "the most lagging member bounds the data a promotion could lose");
    }

    [Test]
    public async Task Lag_WithoutTheInstanceIdentifierOutput_IsUnknownWithoutCallingAws()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws();
        var outputs = new StackOutputs(PilotLight().Values.Where(p => p.Key != "postgresInstanceIdentifiers").ToDictionary());

        var reading = await aws.Lag(clock).ReadAsync(outputs, "pilot-light", "context-store", PromotionKind.ReadReplica, "us-west-2", CancellationToken.None);

        Assert.That(reading.Lag, Is.Null, "without the replica's identifier there is no metric to read");
        Assert.That(reading.Source, Does.Contain("postgresInstanceIdentifiers[context-store][us-west-2]"), "the reason names the missing output entry");
        Assert.That(aws.Calls, Is.Empty, "nothing is asked of AWS for an unknown instance");
    }

    [Test]
    public void Lag_WhenTheCloudWatchCallFails_ThrowsWithItsStderr()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws { CloudWatchError = "An error occurred (AccessDenied) when calling the GetMetricStatistics operation" };

        var error = Assert.ThrowsAsync<CloudCommandFailedException>(() => aws.Lag(clock).ReadAsync(
            PilotLight(), "pilot-light", "context-store", PromotionKind.ReadReplica, "us-west-2", CancellationToken.None), "a failed read is a failure, not an unknown lag");

        Assert.That(error!.Message, Does.Contain("AccessDenied").And.Contain("aws cloudwatch get-metric-statistics").And.Contain("cloudwatch:GetMetricStatistics"),
            "the message carries the command, its stderr and the permission it needs");
    }

    [Test]
    public void Describe_PrintsTheExactCommandWithIdsNamedByTheirOutputs()
    {
        var text = ReplicaLagReader.Describe("context-store", PromotionKind.ReadReplica, "us-west-2");

        Assert.That(text, Does.Contain("context-store.replicaLagSeconds if the stack exports it").And.Contain(
            "aws cloudwatch get-metric-statistics --namespace AWS/RDS --metric-name ReplicaLag " +
            "--dimensions Name=DBInstanceIdentifier,Value=<postgresInstanceIdentifiers[context-store][us-west-2]> " +
            "--start-time <now-5m> --end-time <now> --period 60 --statistics Maximum --region us-west-2 --output json"),
            "a dry run shows where the lag comes from and the command a real run would send");
    }
}
