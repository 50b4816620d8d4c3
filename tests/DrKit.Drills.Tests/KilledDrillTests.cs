using System.Diagnostics;
using System.Globalization;
using DrKit.Drills.Hosting;

namespace DrKit.Drills.Tests;

/// <summary>
/// SIGKILLs a real <c>drkit drill --local</c> process at each phase of a drill and checks that nothing it
/// started survives it: no process, no listening port, no directory, no record.
/// </summary>
public sealed class KilledDrillTests
{
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(60);
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "drkit-killed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(_root, "tmp"));
        Directory.CreateDirectory(Path.Combine(_root, "run"));
    }

    [TearDown]
    public void TearDown()
    {
        // Whatever a failed assertion left, the next test must not inherit it.
        OrphanReaper.Reap(Runtime);
        ProcessHarness.DeleteDirectory(_root);
    }

    private string Runtime => Path.Combine(_root, "run");

    [TestCase("start-up")]
    [TestCase("warm-up")]
    [TestCase("failover")]
    [TestCase("restore")]
    public async Task SigkillOfTheDrill_LeavesNothingBehind(string phase)
    {
        using var drill = StartDrill();
        var (record, snapshot) = await WaitForPhaseAsync(drill, phase);

        Posix.Signal(drill.Id, Posix.SigKill);
        await drill.WaitForExitAsync();

        Assert.That(await GoneAsync(record), Is.True, $"the watcher reaps the drill killed in {phase} and deletes its record");
        AssertNothingLeft(snapshot, Path.GetFileNameWithoutExtension(record));
    }

    [Test]
    public async Task SigkillOfDrillAndWatcher_IsReapedByCleanup()
    {
        using var drill = StartDrill();
        var (record, snapshot) = await WaitForPhaseAsync(drill, "warm-up");
        // The watcher names the record on its command line; a shell that is still starting it may name it too, for a
        // moment. Every one of them dies here, as when the whole process group is killed.
        var watchers = LeakCheck.ProcessesMentioning(record).Where(pid => pid != drill.Id).ToList();
        Assert.That(watchers, Is.Not.Empty, "the drill runs a watcher that names its record");

        watchers.ForEach(pid => Posix.Signal(pid, Posix.SigKill));
        Posix.Signal(drill.Id, Posix.SigKill);
        await drill.WaitForExitAsync();
        Assert.That(OrphanReaper.Remaining(snapshot), Is.Not.Empty, "with its watcher dead too, the drill's servers outlive it until someone reaps them");

        using var cleanup = Drkit("drill", "--cleanup");
        var output = await cleanup.StandardOutput.ReadToEndAsync();
        await cleanup.WaitForExitAsync();

        Assert.Multiple(() =>
        {
            Assert.That(cleanup.ExitCode, Is.Zero, $"cleanup reaps everything and says so: {output}");
            Assert.That(output, Does.Contain(Path.GetFileName(record)).And.Contain("warm-up"), "the table names the dead drill and the phase it died in");
            Assert.That(File.Exists(record), Is.False, "the record is deleted once reaped");
        });
        AssertNothingLeft(snapshot, Path.GetFileNameWithoutExtension(record));
    }

    private static void AssertNothingLeft(OwnedSnapshot snapshot, string id)
    {
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Processes, Is.Not.Empty, "the drill had started servers when it was killed");
            Assert.That(OrphanReaper.Remaining(snapshot), Is.Empty, "no recorded process runs, no recorded port listens, no directory remains");
            Assert.That(LeakCheck.ProcessesMarked(id), Is.Empty, "no process carries the drill's marker");
            foreach (var dir in snapshot.Directories)
            {
                Assert.That(LeakCheck.ServerProcessesUnder(dir), Is.Empty, $"no process runs with paths under {dir}");
            }

            Assert.That(LeakCheck.ProcessesMentioning(snapshot.Path), Is.Empty, "the watcher has exited");
        });
    }

    private async Task<(string Record, OwnedSnapshot Snapshot)> WaitForPhaseAsync(Process drill, string phase)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < PhaseTimeout)
        {
            if (drill.HasExited)
            {
                Assert.Fail($"the drill ended (exit {drill.ExitCode}) before reaching {phase}: {await drill.StandardError.ReadToEndAsync()}");
            }

            foreach (var path in Directory.EnumerateFiles(Runtime, "*" + OwnershipRecord.Extension))
            {
                OwnedSnapshot snapshot;
                try
                {
                    snapshot = OwnershipRecord.Read(path);
                }
                catch (IOException)
                {
                    continue;
                }

                if (Reached(phase, snapshot))
                {
                    return (path, snapshot);
                }
            }

            await Task.Delay(15);
        }

        Assert.Fail($"the drill did not reach {phase} within {PhaseTimeout.TotalSeconds} s");
        throw new UnreachableException();
    }

    private static bool Reached(string phase, OwnedSnapshot s) => phase switch
    {
        // Servers are being created: initdb or the first servers are running, none is ready yet.
        "start-up" => s.Phase == "start servers" && s.Processes.Count >= 2,
        "warm-up" => s.Phase == "warm-up",
        "failover" => s.Phase == "primary killed" || (s.Phase.EndsWith(" started", StringComparison.Ordinal) && s.Phase != "restore started"),
        "restore" => s.Phase == "restore started",
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };

    private static async Task<bool> GoneAsync(string record)
    {
        var deadline = Stopwatch.StartNew();
        while (File.Exists(record) && deadline.Elapsed < ReapTimeout)
        {
            await Task.Delay(50);
        }

        return !File.Exists(record);
    }

    private Process StartDrill() => Drkit(
        "drill", "--local", "pilot-light", "--restore", "--writes-per-second", "100",
        "--history", Path.Combine(_root, "history.jsonl"), "--report-dir", Path.Combine(_root, "reports"));

    private Process Drkit(params string[] args)
    {
        var cli = Path.Combine(RepoPaths.Root, "infra", "DrKit.Cli", "bin", Configuration, "net10.0", "drkit.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        info.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TMPDIR"] = Path.Combine(_root, "tmp");
        info.Environment["DRKIT_RUNTIME_DIR"] = Runtime;
        info.Environment.Remove(OwnershipRecord.MarkerVariable);
        return Process.Start(info)!;
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
