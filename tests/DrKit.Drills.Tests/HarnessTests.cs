using DrKit.Drills.Hosting;
using DrKit.Drills.Redis;
using StackExchange.Redis;

namespace DrKit.Drills.Tests;

public sealed class HarnessTests
{
    private static ProcessSpec Sleeper(string name) => new(name, "/bin/sleep", ["60"]);

    /// <summary>A process that ignores SIGTERM (and whose child inherits that), so only SIGKILL ends it.</summary>
    private static ProcessSpec Stubborn(string name) => new(name, "/bin/sh", ["-c", "trap '' TERM; /bin/sleep 60 & wait"]);

    [Test]
    public async Task Dispose_after_success_stops_servers_frees_ports_and_deletes_the_directory()
    {
        var harness = ProcessHarness.Create(new HarnessOptions(StopGrace: TimeSpan.FromMilliseconds(300)));
        var before = LeakCheck.ListeningPorts();
        var redis = new RedisNode(harness, LocalRedisPair.FindExecutable("redis-server"), "redis-test", harness.ReservePort());
        await redis.StartAsync([], CancellationToken.None);
        var stubborn = harness.Start(Stubborn("stubborn"));
        await Task.Delay(100);
        var role = await redis.RoleAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(role, Is.EqualTo("master"), "the server runs while the harness lives");
            Assert.That(LeakCheck.ListeningPorts(), Does.Contain(redis.Port));
            Assert.That(LeakCheck.NewListenersOfDrill(before, harness.RootDirectory), Does.Contain(redis.Port),
                "the drill's own listener is told from other programs' by the directory its server runs in");
            Assert.That(stubborn.HasExited, Is.False);
        });

        await harness.DisposeAsync();

        LeakCheck.AssertClean(harness);
        Assert.That(harness.KnownPids, Has.Count.GreaterThanOrEqualTo(3), "redis, the shell and its sleep child were all tracked");
        Assert.That(async () => await RedisConnection.OpenAsync("127.0.0.1", redis.Port, TimeSpan.FromSeconds(1), CancellationToken.None),
            Throws.InstanceOf<RedisConnectionException>(), "nothing answers on the freed port");
    }

    [Test]
    public void An_exception_inside_the_drill_still_cleans_up()
    {
        ProcessHarness? captured = null;
        async Task Drill()
        {
            await using var harness = ProcessHarness.Create(new HarnessOptions(StopGrace: TimeSpan.FromMilliseconds(300)));
            captured = harness;
            harness.Start(Sleeper("a"));
            harness.Start(Stubborn("b"));
            harness.CreateDirectory("data", forServer: true);
            throw new InvalidOperationException("drill step failed");
        }

        Assert.That(Drill, Throws.InvalidOperationException.With.Message.EqualTo("drill step failed"));
        Assert.That(captured, Is.Not.Null);
        LeakCheck.AssertClean(captured!);
    }

    [Test]
    public async Task Cancelling_a_running_command_kills_it_and_dispose_cleans_up()
    {
        var harness = ProcessHarness.Create();
        harness.Start(Sleeper("bystander"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.That(async () => await harness.RunAsync(Sleeper("long"), TimeSpan.FromSeconds(30), cts.Token),
            Throws.InstanceOf<OperationCanceledException>(), "cancellation surfaces as cancellation, not as a command failure");
        await harness.DisposeAsync();
        LeakCheck.AssertClean(harness);
    }

    [Test]
    public async Task The_harness_timeout_cancels_its_lifetime()
    {
        var harness = ProcessHarness.Create(new HarnessOptions(Timeout: TimeSpan.FromMilliseconds(200)));
        harness.Start(Sleeper("s"));
        Assert.That(async () => await Task.Delay(TimeSpan.FromSeconds(20), harness.Lifetime), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(harness.TimedOut, Is.True, "the lifetime ended because of the timeout");
        await harness.DisposeAsync();
        LeakCheck.AssertClean(harness);
    }

    [Test]
    public async Task A_cancelled_drill_throws_and_leaves_nothing_behind()
    {
        var root = Path.Combine(Path.GetTempPath(), "drkit-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var spec = DrillTestSupport.ShortSpec("cancelled") with { WarmUp = TimeSpan.FromSeconds(20) };
            Assert.That(async () => await LocalDrillRunner.RunAsync(spec, new DrillOptions(TempRoot: root), cts.Token),
                Throws.InstanceOf<OperationCanceledException>());
            Assert.Multiple(() =>
            {
                Assert.That(Directory.EnumerateFileSystemEntries(root), Is.Empty, "the drill directory is deleted");
                Assert.That(LeakCheck.ServerProcessesUnder(root), Is.Empty, "every server is stopped");
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
