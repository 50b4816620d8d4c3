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

    public static HashSet<int> ListeningPorts() => Hosting.ListeningPorts.Now();
}
