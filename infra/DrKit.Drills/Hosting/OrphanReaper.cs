using System.Diagnostics;

namespace DrKit.Drills.Hosting;

/// <summary>What one dead drill had left and what became of it.</summary>
/// <param name="Record">The ownership record that named it.</param>
/// <param name="OwnerPid">The drill process, now gone.</param>
/// <param name="Phase">The last phase the drill reached before it died.</param>
/// <param name="Processes">Processes of the drill still running when it was found; all are killed.</param>
/// <param name="Ports">Ports it held that still had a listener when it was found.</param>
/// <param name="Directories">Its directories that still existed; all are deleted.</param>
/// <param name="Remaining">What was still there after reaping (processes, listening ports, directories); empty when clean.</param>
public sealed record ReapedDrill(string Record, int OwnerPid, string Phase, IReadOnlyList<int> Processes, IReadOnlyList<int> Ports,
    IReadOnlyList<string> Directories, IReadOnlyList<string> Remaining);

/// <summary>
/// Reaps what local drills that died without cleaning up left behind, from their ownership records: the
/// watcher each drill starts does it the moment its drill dies; every new harness and <c>drkit drill --cleanup</c>
/// do it for any record whose owner is gone (a watcher killed too, a machine rebooted mid-drill). Both run the
/// same script, so there is one way to reap. A record whose owner still runs is never touched.
/// </summary>
public static class OrphanReaper
{
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Reaps every dead drill recorded under <paramref name="runtimeDirectory"/> (the default one when null).</summary>
    public static IReadOnlyList<ReapedDrill> Reap(string? runtimeDirectory = null)
    {
        var dir = runtimeDirectory ?? OwnershipRecord.DefaultRuntimeDirectory;
        if (!Directory.Exists(dir))
        {
            return [];
        }

        var reaped = new List<ReapedDrill>();
        foreach (var path in Directory.EnumerateFiles(dir, "*" + OwnershipRecord.Extension))
        {
            var record = OwnershipRecord.Read(path);
            if (record.OwnerAlive)
            {
                continue;
            }

            var listening = ListeningPorts.Now();
            var processes = record.Processes.Where(p => Posix.StartTime(p.Pid) == p.Start).Select(p => p.Pid).ToList();
            var ports = record.Ports.Where(listening.Contains).ToList();
            var directories = record.Directories.Where(Directory.Exists).ToList();
            using (var script = Run(path, record.OwnerPid, record.OwnerStart, detached: false))
            {
                if (!script.WaitForExit(ReapTimeout))
                {
                    script.Kill();
                }
            }

            reaped.Add(new ReapedDrill(path, record.OwnerPid, record.Phase, processes, ports, directories, Remaining(record)));
        }

        return reaped;
    }

    /// <summary>
    /// Starts the watcher of the calling process's drill: in a session of its own, so neither a SIGKILL of the
    /// drill nor a hang-up of its terminal takes it along; it reaps when the drill dies, and exits when the
    /// record is deleted.
    /// </summary>
    internal static Process StartWatcher(OwnershipRecord record) => Run(record.Path, record.OwnerPid, record.OwnerStart, detached: true);

    /// <summary>What of a record is still there: live processes, listening ports, existing directories.</summary>
    internal static IReadOnlyList<string> Remaining(OwnedSnapshot record)
    {
        var listening = ListeningPorts.Now();
        return
        [
            .. record.Processes.Where(p => Posix.StartTime(p.Pid) == p.Start).Select(p => $"process {p.Pid}"),
            .. record.Ports.Where(listening.Contains).Select(p => $"port {p}"),
            .. record.Directories.Where(Directory.Exists).Select(d => $"directory {d}"),
        ];
    }

    private static Process Run(string recordPath, int ownerPid, long ownerStart, bool detached)
    {
        var script = ScriptPath(Path.GetDirectoryName(recordPath)!);
        var info = new ProcessStartInfo(detached ? "setsid" : "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (detached)
        {
            info.ArgumentList.Add("/bin/sh");
        }

        foreach (var arg in new[] { script, recordPath, ownerPid.ToString(System.Globalization.CultureInfo.InvariantCulture), ownerStart.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        // The reaper must not carry the marker it hunts for.
        info.Environment.Remove(OwnershipRecord.MarkerVariable);
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the drill reaper (/bin/sh).");
    }

    private static string ScriptPath(string runtimeDirectory)
    {
        using var resource = typeof(OrphanReaper).Assembly.GetManifestResourceStream("DrKit.Drills.reap-orphans.sh")
            ?? throw new InvalidOperationException("The reaper script is missing from DrKit.Drills.");
        using var reader = new StreamReader(resource);
        var text = reader.ReadToEnd();
        var path = Path.Combine(runtimeDirectory, "reap-orphans.sh");
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            var temporary = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }
}
