using System.Globalization;
using System.Text;
using DrKit.Core.Input;

namespace DrKit.Drills.Hosting;

/// <summary>
/// What one live drill owns, kept in a small text file under a known runtime directory so that whoever finds
/// the drill dead (its watcher, the next drill, <c>drkit drill --cleanup</c>) can reap it: the owner's pid and
/// start time, its directories, ports and processes (each with its start time, so a reused pid is never
/// killed), and the phase it last reached. One line per fact; rewritten whole and renamed into place, so a
/// reader never sees half a record.
/// </summary>
internal sealed class OwnershipRecord
{
    /// <summary>The variable every process a drill starts carries; descendants inherit it, which names them too.</summary>
    public const string MarkerVariable = "DRKIT_DRILL_OWNER";

    public const string Extension = ".owned";

    private readonly Lock _gate = new();
    private readonly List<string> _directories = [];
    private readonly List<int> _ports = [];
    private readonly List<(int Pid, long Start, string Name)> _processes = [];
    private string _phase = "created";
    private bool _deleted;

    private OwnershipRecord(string path, string id, int ownerPid, long ownerStart)
    {
        Path = path;
        Id = id;
        OwnerPid = ownerPid;
        OwnerStart = ownerStart;
    }

    public string Path { get; }

    /// <summary>The drill's id, also the value of <see cref="MarkerVariable"/> in its processes.</summary>
    public string Id { get; }

    public int OwnerPid { get; }

    public long OwnerStart { get; }

    /// <summary>Per-user runtime directory; <c>DRKIT_RUNTIME_DIR</c> overrides it (tests, several checkouts).</summary>
    public static string DefaultRuntimeDirectory =>
        Environment.GetEnvironmentVariable("DRKIT_RUNTIME_DIR") is { Length: > 0 } dir
            ? dir
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"drkit-runtime-{Environment.UserName}");

    public static OwnershipRecord Create(string runtimeDirectory, string id, string rootDirectory)
    {
        Directory.CreateDirectory(runtimeDirectory);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(runtimeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var self = Environment.ProcessId;
        var record = new OwnershipRecord(System.IO.Path.Combine(runtimeDirectory, id + Extension), id, self, Posix.StartTime(self) ?? 0);
        record._directories.Add(rootDirectory);
        record.Write();
        return record;
    }

    public void AddProcess(int pid, string name) => Update(() =>
    {
        if (Posix.StartTime(pid) is { } start)
        {
            _processes.Add((pid, start, name));
        }
    });

    public void AddPort(int port) => Update(() => _ports.Add(port));

    public void SetPhase(string phase) => Update(() => _phase = phase.ReplaceLineEndings(" "));

    /// <summary>The drill ended and cleaned up after itself: nothing is left to reap.</summary>
    public void Delete()
    {
        lock (_gate)
        {
            _deleted = true;
            File.Delete(Path);
        }
    }

    /// <summary>Reads a record written by any drill, live or dead.</summary>
    public static OwnedSnapshot Read(string path)
    {
        var snapshot = new OwnedSnapshot(path);
        foreach (var line in BoundedFile.ReadAllText(path, InputLimits.OwnershipRecord).Split('\n'))
        {
            var parts = line.Split(' ', 4);
            switch (parts[0])
            {
                case "owner" when parts.Length >= 3:
                    snapshot = snapshot with { OwnerPid = Int(parts[1]), OwnerStart = Long(parts[2]) };
                    break;
                case "phase" when parts.Length >= 2:
                    snapshot = snapshot with { Phase = line["phase ".Length..] };
                    break;
                case "dir" when parts.Length >= 2:
                    snapshot.Directories.Add(line["dir ".Length..]);
                    break;
                case "port" when parts.Length >= 2:
                    snapshot.Ports.Add(Int(parts[1]));
                    break;
                case "proc" when parts.Length >= 3:
                    snapshot.Processes.Add((Int(parts[1]), Long(parts[2])));
                    break;
            }
        }

        return snapshot;
    }

    private void Update(Action change)
    {
        lock (_gate)
        {
            if (_deleted)
            {
                return;
            }

            change();
            Write();
        }
    }

    private void Write()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"owner {OwnerPid} {OwnerStart}\n");
        sb.Append(CultureInfo.InvariantCulture, $"phase {_phase}\n");
        foreach (var dir in _directories)
        {
            sb.Append(CultureInfo.InvariantCulture, $"dir {dir}\n");
        }

        foreach (var port in _ports)
        {
            sb.Append(CultureInfo.InvariantCulture, $"port {port}\n");
        }

        foreach (var (pid, start, name) in _processes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"proc {pid} {start} {name}\n");
        }

        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, sb.ToString());
        File.Move(temporary, Path, overwrite: true);
    }

    private static int Int(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static long Long(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}

/// <summary>A record as read back: whose it is, how far the drill got, and what it owned.</summary>
internal sealed record OwnedSnapshot(string Path)
{
    public int OwnerPid { get; init; }

    public long OwnerStart { get; init; }

    public string Phase { get; init; } = "unknown";

    public List<string> Directories { get; } = [];

    public List<int> Ports { get; } = [];

    public List<(int Pid, long Start)> Processes { get; } = [];

    /// <summary>True while the process that wrote the record runs (same pid and same start time).</summary>
    public bool OwnerAlive => OwnerPid > 0 && Posix.StartTime(OwnerPid) == OwnerStart;
}
