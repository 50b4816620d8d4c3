namespace DrKit.Drills.Hosting;

/// <summary>
/// Process-wide safety net. The first Ctrl-C cancels every live harness so drills unwind through their
/// normal dispose path; a second Ctrl-C or the process exiting kills every owned process synchronously.
/// A SIGKILL of the drill itself cannot be caught here; the drill's watcher and ownership record cover it
/// (see <see cref="OrphanReaper"/>).
/// </summary>
internal static class EmergencyCleanup
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<ProcessHarness> Live = [];
    private static bool _hooked;
    private static bool _interrupted;

    public static void Register(ProcessHarness harness)
    {
        lock (Gate)
        {
            Live.Add(harness);
            if (_hooked)
            {
                return;
            }

            _hooked = true;
            Console.CancelKeyPress += OnCancelKeyPress;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        }
    }

    public static void Unregister(ProcessHarness harness)
    {
        lock (Gate)
        {
            Live.Remove(harness);
        }
    }

    private static void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        ProcessHarness[] live;
        lock (Gate)
        {
            live = [.. Live];
            if (live.Length == 0)
            {
                return;
            }

            if (_interrupted)
            {
                // Second Ctrl-C: stop waiting for a graceful unwind.
                StopAllLocked();
                return;
            }

            _interrupted = true;
        }

        e.Cancel = true;
        foreach (var harness in live)
        {
            harness.CancelFromInterrupt();
        }
    }

    private static void StopAll()
    {
        lock (Gate)
        {
            StopAllLocked();
        }
    }

    private static void StopAllLocked()
    {
        foreach (var harness in Live)
        {
            harness.EmergencyStop();
            ProcessHarness.DeleteDirectory(harness.RootDirectory);
            harness.Release();
        }

        Live.Clear();
    }
}
