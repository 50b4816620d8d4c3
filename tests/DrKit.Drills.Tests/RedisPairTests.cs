using System.Diagnostics;
using DrKit.Drills.Hosting;
using DrKit.Drills.Redis;
using StackExchange.Redis;

namespace DrKit.Drills.Tests;

public sealed class RedisPairTests
{
    [Test]
    public async Task Sentinels_promote_the_replica_after_the_primary_is_killed()
    {
        var harness = ProcessHarness.Create(new HarnessOptions(Timeout: TimeSpan.FromSeconds(60)));
        TimeSpan failoverTime;
        string replicaRoleAfter;
        string replicated;
        try
        {
            var pair = await LocalRedisPair.StartAsync(harness, new RedisPairOptions(Sentinel: true), CancellationToken.None);
            await pair.Primary.CallAsync(TimeSpan.FromSeconds(2), c => c.Database.StringSetAsync("k", "v"), CancellationToken.None);
            await Task.Delay(200);
            replicated = (await pair.Replica.CallAsync(TimeSpan.FromSeconds(2), c => c.Database.StringGetAsync("k", CommandFlags.PreferReplica), CancellationToken.None)).ToString();

            var clock = Stopwatch.StartNew();
            await pair.Primary.KillAsync(CancellationToken.None);
            await pair.Sentinels!.WaitForMasterAsync(pair.Replica.Port, TimeSpan.FromSeconds(20), CancellationToken.None);
            failoverTime = clock.Elapsed;
            replicaRoleAfter = await pair.Replica.RoleAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
            TestContext.Out.WriteLine($"Sentinel failover took {failoverTime.TotalMilliseconds:0} ms");
        }
        finally
        {
            await harness.DisposeAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(replicated, Is.EqualTo("v"), "a write on the primary must reach the replica");
            Assert.That(replicaRoleAfter, Is.EqualTo("master"), "Sentinel must turn the replica into the master");
            Assert.That(failoverTime, Is.LessThan(TimeSpan.FromSeconds(20)), "sanity bound only");
        });
        LeakCheck.AssertClean(harness);
    }

    [Test]
    public async Task Redis_servers_and_Sentinels_keep_the_drills_owner_marker_readable()
    {
        // The reaper finds a process the drill started but had not recorded yet by this marker in /proc/<pid>/environ.
        // Redis's process title overwrites that memory unless turned off, which let a Sentinel outlive a SIGKILLed drill.
        var harness = ProcessHarness.Create(new HarnessOptions(Timeout: TimeSpan.FromSeconds(60)));
        List<int> pids;
        List<int> marked;
        try
        {
            var pair = await LocalRedisPair.StartAsync(harness, new RedisPairOptions(Sentinel: true), CancellationToken.None);
            pids = [pair.Primary.Process!.Pid, pair.Replica.Process!.Pid, .. pair.Sentinels!.Nodes.Select(n => n.Process!.Pid)];
            marked = LeakCheck.ProcessesMarked(Path.GetFileNameWithoutExtension(harness.RecordPath));
        }
        finally
        {
            await harness.DisposeAsync();
        }

        Assert.That(marked, Is.SupersetOf(pids), "every Redis server and Sentinel carries the marker the reaper looks for");
        LeakCheck.AssertClean(harness);
    }
}
