using System.Globalization;
using DrKit.Drills.Hosting;

namespace DrKit.Drills.Tests;

/// <summary>Asserts a disposed harness left nothing behind: no live process, no listening port, no directory.</summary>
internal static class LeakCheck
{
    public static void AssertClean(ProcessHarness harness)
    {
        var alive = harness.KnownPids.Where(Posix.IsAlive).ToList();
        var listening = ListeningPorts();
        var stillListening = harness.ReservedPorts.Where(listening.Contains).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(alive, Is.Empty, "every process the drill started must be gone after dispose");
            Assert.That(stillListening, Is.Empty, "no port the drill reserved may still have a listener");
            Assert.That(Directory.Exists(harness.RootDirectory), Is.False, "the drill's temporary directory must be deleted");
        });
    }

    /// <summary>Processes whose command line mentions <paramref name="root"/> (every drill server gets paths under it).</summary>
    public static List<int> ServerProcessesUnder(string root) => ProcessesMentioning(root);

    /// <summary>Processes whose environment carries the marker of drill <paramref name="id"/>.</summary>
    public static List<int> ProcessesMarked(string id) =>
        Matching("environ", environ => ("\0" + environ).Contains($"\0{OwnershipRecord.MarkerVariable}={id}\0", StringComparison.Ordinal));

    /// <summary>Processes whose command line mentions <paramref name="text"/>.</summary>
    public static List<int> ProcessesMentioning(string text) =>
        Matching("cmdline", cmdline => cmdline.Replace('\0', ' ').Contains(text, StringComparison.Ordinal));

    private static List<int> Matching(string file, Func<string, bool> matches)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !Posix.IsAlive(pid))
            {
                continue;
            }

            try
            {
                if (matches(File.ReadAllText(Path.Combine(dir, file))))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while being read.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process (a non-root run): not one of ours.
            }
        }

        return found;
    }

    public static HashSet<int> ListeningPorts() => Hosting.ListeningPorts.Now();

    /// <summary>
    /// Ports that started listening since <paramref name="before"/> in a process of the drill under
    /// <paramref name="root"/>: one that runs in a directory under it (every drill server does, and keeps doing so
    /// after the directory is deleted) or names it on its command line. Other programs on a shared machine open
    /// listeners at any moment; those are not the drill's.
    /// </summary>
    public static List<int> NewListenersOfDrill(IReadOnlySet<int> before, string root)
    {
        var owners = SocketOwners();
        var leaked = new List<int>();
        foreach (var (port, inode) in Listeners())
        {
            if (!before.Contains(port) && owners.TryGetValue(inode, out var pid) && BelongsTo(pid, root))
            {
                leaked.Add(port);
            }
        }

        return leaked;
    }

    private static bool BelongsTo(int pid, string root)
    {
        try
        {
            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget ?? string.Empty;
            return cwd.StartsWith(root, StringComparison.Ordinal)
                || File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(root, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exited meanwhile, or another user's process: not a server the drill left running.
            return false;
        }
    }

    /// <summary>Listening TCP sockets on this machine as (port, socket inode).</summary>
    private static IEnumerable<(int Port, string Inode)> Listeners()
    {
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var fields in File.ReadLines(file).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (fields.Length > 9 && fields[3] == "0A")
                {
                    var local = fields[1];
                    yield return (int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture), fields[9]);
                }
            }
        }
    }

    /// <summary>Socket inode to the process holding it, from every process's open descriptors.</summary>
    private static Dictionary<string, int> SocketOwners()
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        owners.TryAdd(target[8..^1], pid);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited while being read, or not ours to read.
            }
        }

        return owners;
    }
}
