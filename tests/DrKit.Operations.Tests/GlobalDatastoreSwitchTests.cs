using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class GlobalDatastoreSwitchTests
{
    private static readonly GlobalDatastoreMember Recovery = new("session-cache", FakeAws.GlobalId, "us-west-2", FakeAws.RecoveryGroup);

    [Test]
    public void Arguments_ArePinnedToTheAwsCliOptions()
    {
        Assert.That(GlobalDatastoreSwitch.FailoverArguments(Recovery), Is.EqualTo(new[]
        {
            "elasticache", "failover-global-replication-group", "--global-replication-group-id", FakeAws.GlobalId,
            "--primary-region", "us-west-2", "--primary-replication-group-id", FakeAws.RecoveryGroup, "--region", "us-west-2",
        }), "the failover call names the Global Datastore, the new primary region and its replication group");
        Assert.That(GlobalDatastoreSwitch.DescribeArguments(Recovery), Is.EqualTo(new[]
        {
            "elasticache", "describe-global-replication-groups", "--global-replication-group-id", FakeAws.GlobalId,
            "--show-member-info", "--region", "us-west-2", "--output", "json",
        }), "the poll asks for member roles as JSON");
    }

    [Test]
    public async Task MakePrimary_PollsUntilTheTargetMemberIsPrimary()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws { DescribesBeforePrimary = 2 };
        var redis = aws.Switch(clock);

        var detail = await RunAsync(redis.MakePrimaryAsync(Recovery, CancellationToken.None), clock, redis.PollInterval);

        Assert.That(aws.Verbs, Is.EqualTo(new[]
        {
            "describe-global-replication-groups", "failover-global-replication-group",
            "describe-global-replication-groups", "describe-global-replication-groups", "describe-global-replication-groups",
        }), "one look before the failover, then polls until AWS reports the new primary");
        Assert.That(detail, Does.Contain("is the Global Datastore primary"), "the step detail says the switch completed");
        Assert.That(aws.Timeouts, Is.All.EqualTo(redis.CommandTimeout), "every CLI call is bounded");
    }

    [Test]
    public void MakePrimary_WhenTheMemberNeverBecomesPrimary_TimesOutNamingIt()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws { DescribesBeforePrimary = int.MaxValue };
        var redis = aws.Switch(clock);

        var error = Assert.ThrowsAsync<CloudCommandFailedException>(
            () => RunAsync(redis.MakePrimaryAsync(Recovery, CancellationToken.None), clock, redis.PollInterval),
            "a member that never reports PRIMARY ends the wait at the timeout");

        Assert.That(error!.Message, Does.Contain(FakeAws.RecoveryGroup).And.Contain("is not PRIMARY").And.Contain("describe-global-replication-groups"),
            "the message names the member and how to check it");
    }

    [Test]
    public async Task MakePrimary_OfTheCurrentPrimary_RunsNoFailover()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws();

        var detail = await aws.Switch(clock).MakePrimaryAsync(Recovery with { Region = "us-east-1", ReplicationGroupId = FakeAws.PrimaryGroup }, CancellationToken.None);

        Assert.That(aws.Verbs, Is.EqualTo(new[] { "describe-global-replication-groups" }), "a resumed or repeated switch does not fail over again");
        Assert.That(detail, Does.Contain("already"), "the detail says nothing had to change");
    }

    [Test]
    public void EnsureAvailable_WithoutTheAwsCli_ThrowsANamedErrorWithInstallHint()
    {
        var aws = new FakeAws { Missing = true };

        var error = Assert.ThrowsAsync<CloudCliMissingException>(() => aws.Switch(new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero))).EnsureAvailableAsync(CancellationToken.None),
            "a missing AWS CLI is a named error");

        Assert.That(error!.Message, Does.Contain("'aws'").And.Contain("install AWS CLI v2").And.Contain("Nothing was changed"), "the message says what is missing and what to do");
        Assert.That(error.Program, Is.EqualTo("aws"), "the exception names the program");
    }

    [Test]
    public void Member_FromStackOutputs_ReadsTheIdsAndNamesAMissingOne()
    {
        var outputs = new StackOutputs(PilotLightProgram.Outputs(new Dictionary<string, string>())
            .ToDictionary(p => p.Key, p => new StackOutput(p.Value, false), StringComparer.Ordinal));

        var member = GlobalDatastoreMember.From(outputs, "pilot-light", "session-cache", "us-west-2");
        var error = Assert.Throws<StackCommandFailedException>(() => GlobalDatastoreMember.From(outputs, "pilot-light", "session-cache", "eu-west-1"),
            "a region without a replication group cannot become primary");

        Assert.That(member, Is.EqualTo(Recovery), "ids come from redisGlobalDatastoreIds and redisReplicationGroupIds");
        Assert.That(error!.Message, Does.Contain("redisReplicationGroupIds[session-cache][eu-west-1]"), "the message names the missing output entry");
    }

    /// <summary>Moves the manual clock one poll at a time until the switch finishes.</summary>
    private static async Task<T> RunAsync<T>(Task<T> task, ManualTimeProvider clock, TimeSpan step)
    {
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.Yield();
        }

        return await task;
    }
}
