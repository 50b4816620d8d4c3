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
    public static List<int> ServerProcessesUnder(string root)
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
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Contains(root, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while being read.
            }
        }

        return found;
    }

    /// <summary>Ports in LISTEN state on IPv4/IPv6, from /proc/net/tcp*; TIME_WAIT leftovers do not count.</summary>
    public static HashSet<int> ListeningPorts()
    {
        var ports = new HashSet<int>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == "0A")
                {
                    var local = fields[1];
                    ports.Add(int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }
}
