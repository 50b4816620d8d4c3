using DrKit.Core.Monitoring;
using DrKit.Core.Planning;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests;

public sealed class TeardownProgramTests
{
    [Test]
    public void Teardown_OfAStackWithoutTheEphemeralTag_IsRefusedNamingTheStackAndTag()
    {
        var world = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c));
        world.Tags["pilot-light"] = new Dictionary<string, string> { ["team"] = "ml" };
        var program = new TeardownProgram(world.Gateway.Object, new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        var error = Assert.ThrowsAsync<OperationRefusedException>(() => program.RunAsync("pilot-light", CancellationToken.None),
            "teardown must refuse a stack that a drill did not create");

        Assert.That(error!.Message, Does.Contain("'pilot-light'").And.Contain("drkit-ops:ephemeral=true").And.Contain("drkit:ephemeral=true"),
            "the refusal names the stack and both missing markers");
        world.Gateway.Verify(g => g.DestroyAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "a refused stack is never destroyed");
        world.Gateway.Verify(g => g.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "a refused stack is never removed");
    }

    [Test]
    public void Teardown_OfAStackTaggedEphemeralFalse_IsRefused()
    {
        var world = new StackWorld().WithStack("scratch", _ => []);
        world.Tags["scratch"] = new Dictionary<string, string> { ["drkit:ephemeral"] = "false" };
        var program = new TeardownProgram(world.Gateway.Object, new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        Assert.ThrowsAsync<OperationRefusedException>(() => program.RunAsync("scratch", CancellationToken.None),
            "only the value true marks a stack as ephemeral");
        Assert.That(world.Changes, Is.Empty, "nothing changes for a refused teardown");
    }

    [Test]
    public async Task Teardown_OfAnEphemeralStack_DestroysThenRemovesIt()
    {
        var world = new StackWorld().WithStack("pilot-light-drill-20300101120000-ab12", _ => []);
        world.Tags["pilot-light-drill-20300101120000-ab12"] = new Dictionary<string, string> { ["drkit:ephemeral"] = "true" };
        var program = new TeardownProgram(world.Gateway.Object, new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        var result = await program.RunAsync("pilot-light-drill-20300101120000-ab12", CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Summary);
        Assert.That(world.Changes, Is.EqualTo(new[] { "Destroy pilot-light-drill-20300101120000-ab12", "Remove pilot-light-drill-20300101120000-ab12" }),
            "resources go first, then the stack");
    }

    [Test]
    public async Task Teardown_OfAStackMarkedEphemeralOnlyInConfig_DestroysThenRemovesIt()
    {
        // A DIY backend (file://, s3://) keeps no tags: the drill's config marker is all there is.
        var world = new StackWorld().WithStack("pilot-light-drill-20300101120000-ab12", _ => []);
        world.Config["pilot-light-drill-20300101120000-ab12"] = new Dictionary<string, ConfigSetting> { ["drkit-ops:ephemeral"] = ConfigSetting.Plain("true") };
        var program = new TeardownProgram(world.Gateway.Object, new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        var result = await program.RunAsync("pilot-light-drill-20300101120000-ab12", CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Summary);
        Assert.That(result.Steps.Single(s => s.Name == TeardownProgram.CheckMarker).Detail, Is.EqualTo("config drkit-ops:ephemeral=true"), "the step names the marker it accepted");
        Assert.That(world.Changes, Is.EqualTo(new[] { "Destroy pilot-light-drill-20300101120000-ab12", "Remove pilot-light-drill-20300101120000-ab12" }),
            "a config-marked stack is torn down like a tagged one");
    }

    [Test]
    public async Task Teardown_DeletesTheCanariesLogGroupsInTheirHomeRegionsAfterDestroy_AndAgainFindsNothing()
    {
        const string stack = "pilot-light-drill-20300101120000-ab12";
        var plan = Planner.PlanFile(RepoPaths.Stack("pilot-light"));
        var canaries = AlarmPlanner.Canaries(plan);
        var world = new StackWorld().WithStack(stack, _ => new Dictionary<string, string>
        {
            [CanaryLogGroups.PlanOutput] = PlanJson.Serialize(plan),
            ["canaryNames"] = "{" + string.Join(",", canaries.Select(c => $"\"{c.Key}\":\"cnry-{c.ProbedRegion}\"")) + "}",
        });
        world.Tags[stack] = new Dictionary<string, string> { ["drkit:ephemeral"] = "true" };
        var aws = new FakeAws();
        aws.LogGroups["us-west-2"] = ["/aws/lambda/cwsyn-cnry-us-east-1-0a1b2c3d-1111-4aaa-8bbb-0123456789ab", "/aws/lambda/keep-me"];
        aws.LogGroups["us-east-1"] = ["/aws/lambda/cwsyn-cnry-us-west-2-4e5f6a7b-2222-4ccc-9ddd-0123456789cd"];
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var program = new TeardownProgram(world.Gateway.Object, clock, logs: new CanaryLogGroups(new AwsCli(aws)));

        var result = await program.RunAsync(stack, CancellationToken.None);
        var deletes = aws.Calls.Where(c => c[1] == "delete-log-group").ToList();
        var again = await new CanaryLogGroups(new AwsCli(aws)).DeleteAsync([("cnry-us-east-1", "us-west-2")], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary);
            Assert.That(result.Steps.Select(s => s.Name).SkipWhile(n => n != "Destroy").Take(3), Is.EqualTo(new[] { "Destroy", TeardownProgram.DeleteCanaryLogs, "Remove" }),
                "after the canaries are gone (a live canary would write its log group again), before the stack is removed");
            Assert.That(deletes.Select(c => (c[c.ToList().IndexOf("--log-group-name") + 1], c[c.ToList().IndexOf("--region") + 1])), Is.EquivalentTo(new[]
            {
                ("/aws/lambda/cwsyn-cnry-us-east-1-0a1b2c3d-1111-4aaa-8bbb-0123456789ab", "us-west-2"),
                ("/aws/lambda/cwsyn-cnry-us-west-2-4e5f6a7b-2222-4ccc-9ddd-0123456789cd", "us-east-1"),
            }), "each canary's groups, in the region the canary lived in, not the one it watched");
            Assert.That(aws.LogGroups["us-west-2"], Is.EqualTo(new[] { "/aws/lambda/keep-me" }), "nothing outside a canary's prefix is touched");
            Assert.That(again, Is.Empty, "a second run finds nothing to delete and does not fail");
        });
    }

    [Test]
    public async Task CanaryLogGroups_AGroupGoneBetweenListAndDelete_IsNotAnError()
    {
        var aws = new FakeAws();
        aws.LogGroups["us-west-2"] = ["/aws/lambda/cwsyn-c-90ea20c4-156f-4556-83b1-4f5728208018"];
        // Listed, then deleted by someone else before our call.
        var listed = aws.LogGroups["us-west-2"];
        var racing = new RacingDelete(aws, "us-west-2");

        var deleted = await new CanaryLogGroups(new AwsCli(racing)).DeleteAsync([("c", "us-west-2")], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.Empty, "the group was already gone: nothing this run deleted");
            Assert.That(listed, Is.Empty, "and it is gone");
            Assert.That(CanaryLogGroups.Delete("/aws/lambda/cwsyn-c-1", "us-west-2").CommandLine,
                Is.EqualTo("aws logs delete-log-group --log-group-name /aws/lambda/cwsyn-c-1 --region us-west-2 --output json"), "the exact call a dry run shows");
        });
    }

    [Test]
    public void TeardownPlan_ShowsTheExactLogCalls()
    {
        var step = TeardownProgram.Plan("s").Single(s => s.Name == TeardownProgram.DeleteCanaryLogs);
        Assert.That(step.Calls, Does.Contain("aws logs describe-log-groups --log-group-name-prefix /aws/lambda/cwsyn-<canaryNames[key]>- --region '<home region>' --output json")
            .And.Contain("aws logs delete-log-group --log-group-name '<each logGroupName>' --region '<home region>' --output json"), "the dry run prints the calls an operator can run by hand");
    }

    /// <summary>The AWS CLI where another actor deletes the group right after it is listed.</summary>
    private sealed class RacingDelete(FakeAws inner, string region) : DrKit.Operations.Cloud.ICloudCommand
    {
        public async Task<DrKit.Operations.Cloud.CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
        {
            var result = await inner.RunAsync(program, arguments, timeout, ct);
            if (arguments[1] == "describe-log-groups")
            {
                inner.LogGroups[region].Clear();
            }

            return result;
        }
    }

    [Test]
    public void Teardown_OfAStackWithConfigEphemeralFalse_IsRefusedNamingTheStackAndMarker()
    {
        var world = new StackWorld().WithStack("prod", _ => []);
        world.Config["prod"] = new Dictionary<string, ConfigSetting> { ["drkit-ops:ephemeral"] = ConfigSetting.Plain("false") };
        var program = new TeardownProgram(world.Gateway.Object, new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        var error = Assert.ThrowsAsync<OperationRefusedException>(() => program.RunAsync("prod", CancellationToken.None), "only the value true marks a stack as ephemeral");

        Assert.That(error!.Message, Does.Contain("'prod'").And.Contain("config drkit-ops:ephemeral: false"), "the refusal names the stack and the marker's actual value");
        Assert.That(world.Changes, Is.Empty, "nothing changes for a refused teardown");
    }

    [Test]
    public async Task Teardown_OfATaggedStack_DoesNotNeedItsConfig()
    {
        var world = new StackWorld().WithStack("tagged-drill", _ => []);
        world.Tags["tagged-drill"] = new Dictionary<string, string> { ["drkit:ephemeral"] = "true" };

        await new TeardownProgram(world.Gateway.Object, new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero))).RunAsync("tagged-drill", CancellationToken.None);

        Assert.That(world.Calls, Has.None.StartsWith("GetConfig"), "the tag alone is enough where the backend keeps tags");
    }

    [Test]
    public void Teardown_OfAMissingStack_ThrowsStackNotFound()
    {
        var world = new StackWorld();
        var program = new TeardownProgram(world.Gateway.Object, new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        var error = Assert.ThrowsAsync<StackNotFoundException>(() => program.RunAsync("ghost", CancellationToken.None), "a stack that does not exist is bad input");

        Assert.That(error!.IsBadInput, Is.True, "the CLI maps a missing stack to the bad-input exit code");
    }

    [Test]
    public void Expired_ListsOnlyEphemeralStacksPastTheirTtl()
    {
        var now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        StackInfo Stack(string name, string? ephemeral, string? ttl) => new(name, new Dictionary<string, string?> { ["drkit:ephemeral"] = ephemeral, ["drkit:ttl"] = ttl }
            .Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!), null);

        var expired = TeardownProgram.Expired(
        [
            Stack("old-drill", "true", "2030-01-01T11:00:00Z"),
            Stack("fresh-drill", "true", "2030-01-01T13:00:00Z"),
            Stack("prod", null, "2020-01-01T00:00:00Z"),
        ], now);

        Assert.That(expired, Is.EqualTo(new[] { "old-drill" }), "only ephemeral stacks whose ttl has passed are due for cleanup");
    }

    [Test]
    public void Expired_ReadsTheMarkersFromConfigOrTags()
    {
        var now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        static Dictionary<string, ConfigSetting> Config(string ephemeral, string ttl) => new()
        {
            ["drkit-ops:ephemeral"] = ConfigSetting.Plain(ephemeral),
            ["drkit-ops:ttl"] = ConfigSetting.Plain(ttl),
        };
        var none = new Dictionary<string, string>();

        var expired = TeardownProgram.Expired(
        [
            new StackInfo("config-old", none, null, Config("true", "2030-01-01T11:00:00Z")),
            new StackInfo("config-fresh", none, null, Config("true", "2030-01-01T13:00:00Z")),
            new StackInfo("config-not-ephemeral", none, null, Config("false", "2020-01-01T00:00:00Z")),
            new StackInfo("tag-marker-config-ttl", new Dictionary<string, string> { ["drkit:ephemeral"] = "true" }, null,
                new Dictionary<string, ConfigSetting> { ["drkit-ops:ttl"] = ConfigSetting.Plain("2030-01-01T10:00:00Z") }),
        ], now);

        Assert.That(expired, Is.EqualTo(new[] { "config-old", "tag-marker-config-ttl" }), "the ephemeral marker and the ttl each count from either place");
    }

    [Test]
    public async Task FindExpired_ReadsTheConfigOfStacksWithoutTags()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var world = new StackWorld().WithStack("diy-drill", _ => []).WithStack("prod", _ => []);
        world.Config["diy-drill"] = new Dictionary<string, ConfigSetting>
        {
            ["drkit-ops:ephemeral"] = ConfigSetting.Plain("true"),
            ["drkit-ops:ttl"] = ConfigSetting.Plain("2030-01-01T11:00:00Z"),
        };

        var expired = await new TeardownProgram(world.Gateway.Object, clock).FindExpiredAsync(CancellationToken.None);

        Assert.That(expired, Is.EqualTo(new[] { "diy-drill" }), "a drill stack marked only in config is found by cleanup jobs");
        Assert.That(world.Changes, Is.Empty, "finding expired stacks changes nothing");
    }

    [TestCase("pilot-light-drill-1", true)]
    [TestCase("acme/drkit/pilot-light-drill-1", true)]
    [TestCase("acme/drkit/other-pilot-light-drill-1", false)]
    public void IsNamed_AcceptsShortAndFullyQualifiedNames(string listed, bool expected)
    {
        var info = new StackInfo(listed, new Dictionary<string, string>(), null);

        Assert.That(TeardownProgram.IsNamed(info, "pilot-light-drill-1"), Is.EqualTo(expected), "a backend may list org/project/stack; only a whole last segment matches");
    }

    [Test]
    public void CanaryLogGroups_AreTheCanarysOwnOnly_NotAnotherStacksWhoseNameStartsTheSame()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CanaryLogGroups.Owns("dev-us-east-1", "/aws/lambda/cwsyn-dev-us-east-1-90ea20c4-156f-4556-83b1-4f5728208018"), Is.True,
                "Synthetics names the function cwsyn-<canary>-<uuid>");
            Assert.That(CanaryLogGroups.Owns("dev-us-east-1", "/aws/lambda/cwsyn-dev-us-east-1-x-90ea20c4-156f-4556-83b1-4f5728208018"), Is.False,
                "the prefix search also lists the canary of a stack whose canary name extends this one's; its logs are not this teardown's to delete");
        });
    }
}
