using DrKit.Operations.Gateway;
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
        var program = new TeardownProgram(world.Gateway.Object, new ManualClock());

        var error = Assert.ThrowsAsync<OperationRefusedException>(() => program.RunAsync("pilot-light", CancellationToken.None),
            "teardown must refuse a stack that a drill did not create");

        Assert.That(error!.Message, Does.Contain("'pilot-light'").And.Contain("drkit:ephemeral=true"), "the refusal names the stack and the missing tag");
        world.Gateway.Verify(g => g.DestroyAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "a refused stack is never destroyed");
        world.Gateway.Verify(g => g.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "a refused stack is never removed");
    }

    [Test]
    public void Teardown_OfAStackTaggedEphemeralFalse_IsRefused()
    {
        var world = new StackWorld().WithStack("scratch", _ => []);
        world.Tags["scratch"] = new Dictionary<string, string> { ["drkit:ephemeral"] = "false" };
        var program = new TeardownProgram(world.Gateway.Object, new ManualClock());

        Assert.ThrowsAsync<OperationRefusedException>(() => program.RunAsync("scratch", CancellationToken.None),
            "only the value true marks a stack as ephemeral");
        Assert.That(world.Changes, Is.Empty, "nothing changes for a refused teardown");
    }

    [Test]
    public async Task Teardown_OfAnEphemeralStack_DestroysThenRemovesIt()
    {
        var world = new StackWorld().WithStack("pilot-light-drill-20300101120000-ab12", _ => []);
        world.Tags["pilot-light-drill-20300101120000-ab12"] = new Dictionary<string, string> { ["drkit:ephemeral"] = "true" };
        var program = new TeardownProgram(world.Gateway.Object, new ManualClock());

        var result = await program.RunAsync("pilot-light-drill-20300101120000-ab12", CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Summary);
        Assert.That(world.Changes, Is.EqualTo(new[] { "Destroy pilot-light-drill-20300101120000-ab12", "Remove pilot-light-drill-20300101120000-ab12" }),
            "resources go first, then the stack");
    }

    [Test]
    public void Teardown_OfAMissingStack_ThrowsStackNotFound()
    {
        var world = new StackWorld();
        var program = new TeardownProgram(world.Gateway.Object, new ManualClock());

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

    [TestCase("pilot-light-drill-1", true)]
    [TestCase("acme/drkit/pilot-light-drill-1", true)]
    [TestCase("acme/drkit/other-pilot-light-drill-1", false)]
    public void IsNamed_AcceptsShortAndFullyQualifiedNames(string listed, bool expected)
    {
        var info = new StackInfo(listed, new Dictionary<string, string>(), null);

        Assert.That(TeardownProgram.IsNamed(info, "pilot-light-drill-1"), Is.EqualTo(expected), "a backend may list org/project/stack; only a whole last segment matches");
    }
}
