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
}
