using System.Diagnostics;
using System.Globalization;
using DrKit.Drills.Hosting;

namespace DrKit.Drills.Tests;

/// <summary>Records of dead drills are reaped by the next harness; records of live drills are never touched.</summary>
public sealed class OrphanReaperTests
{
    private string _root = null!;
    private string _runtime = null!;
    private readonly List<Process> _started = [];

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "drkit-reaper-" + Guid.NewGuid().ToString("N")[..8]);
        _runtime = Path.Combine(_root, "run");
        Directory.CreateDirectory(_runtime);
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var p in _started)
        {
            Posix.Signal(p.Id, Posix.SigKill);
            p.Dispose();
        }

        // NUnit keeps one fixture instance for all its tests.
        _started.Clear();

        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task Create_ReapsWhatADeadDrillLeft()
    {
        var dir = Path.Combine(_root, "drkit-drill-deadbeef0000");
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var recorded = Sleep(marker: null);
        var marked = Sleep(marker: "drkit-drill-deadbeef0000");
        var record = Path.Combine(_runtime, "drkit-drill-deadbeef0000.owned");
        await File.WriteAllTextAsync(record, string.Create(CultureInfo.InvariantCulture,
            $"owner 999999999 1\nphase warm-up\ndir {dir}\nport 1\nproc {recorded.Id} {Posix.StartTime(recorded.Id)} sleeper\n"));

        await using var harness = ProcessHarness.Create(new HarnessOptions(TempRoot: _root, RuntimeDirectory: _runtime));

        var reaped = harness.ReapedAtStart.Single();
        Assert.Multiple(() =>
        {
            Assert.That(reaped.Phase, Is.EqualTo("warm-up"), "the report says where the dead drill stopped");
            Assert.That(reaped.Processes, Is.EqualTo(new[] { recorded.Id }), "the recorded process was found running");
            Assert.That(reaped.Directories, Is.EqualTo(new[] { dir }), "the recorded directory was found");
            Assert.That(reaped.Remaining, Is.Empty, "nothing is left after reaping");
            Assert.That(recorded.WaitForExit(TimeSpan.FromSeconds(5)), Is.True, "a process named in the record is killed");
            Assert.That(marked.WaitForExit(TimeSpan.FromSeconds(5)), Is.True, "a process carrying the drill's marker is killed though the record never named it");
            Assert.That(Directory.Exists(dir), Is.False, "the dead drill's directory is deleted");
            Assert.That(File.Exists(record), Is.False, "the record is deleted once reaped");
        });
    }

    [Test]
    public async Task Create_LeavesALiveDrillAlone()
    {
        var sleeper = Sleep(marker: null);
        var self = Environment.ProcessId;
        var record = Path.Combine(_runtime, "drkit-drill-alive0000000.owned");
        await File.WriteAllTextAsync(record, string.Create(CultureInfo.InvariantCulture,
            $"owner {self} {Posix.StartTime(self)}\nphase warm-up\nproc {sleeper.Id} {Posix.StartTime(sleeper.Id)} sleeper\n"));

        await using var harness = ProcessHarness.Create(new HarnessOptions(TempRoot: _root, RuntimeDirectory: _runtime));

        Assert.Multiple(() =>
        {
            Assert.That(harness.ReapedAtStart, Is.Empty, "a drill whose process runs is not dead");
            Assert.That(Posix.IsAlive(sleeper.Id), Is.True, "its processes are left running");
            Assert.That(File.Exists(record), Is.True, "its record is kept");
        });
    }

    [Test]
    public async Task Create_NeverKillsAReusedPid()
    {
        var stranger = Sleep(marker: null);
        var record = Path.Combine(_runtime, "drkit-drill-reused000000.owned");
        await File.WriteAllTextAsync(record, string.Create(CultureInfo.InvariantCulture,
            $"owner 999999999 1\nphase warm-up\nproc {stranger.Id} {Posix.StartTime(stranger.Id) - 1} was-a-server\n"));

        await using var harness = ProcessHarness.Create(new HarnessOptions(TempRoot: _root, RuntimeDirectory: _runtime));

        Assert.Multiple(() =>
        {
            Assert.That(harness.ReapedAtStart, Has.Count.EqualTo(1), "the dead drill's record is reaped");
            Assert.That(Posix.IsAlive(stranger.Id), Is.True, "a pid whose start time differs is someone else's process now");
        });
    }

    private Process Sleep(string? marker)
    {
        var info = new ProcessStartInfo("/bin/sleep", "60") { UseShellExecute = false };
        info.Environment.Remove(OwnershipRecord.MarkerVariable);
        if (marker is not null)
        {
            info.Environment[OwnershipRecord.MarkerVariable] = marker;
        }

        var p = Process.Start(info)!;
        _started.Add(p);
        return p;
    }
}
