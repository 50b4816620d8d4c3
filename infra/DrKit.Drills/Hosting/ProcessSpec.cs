namespace DrKit.Drills.Hosting;

/// <summary>How to launch one process owned by a drill.</summary>
/// <param name="Name">Short label for logs and errors (e.g. "pg-primary").</param>
/// <param name="FileName">Executable, absolute path preferred.</param>
/// <param name="Args">Arguments, passed without a shell.</param>
/// <param name="AsServerAccount">Run as the server account (PostgreSQL refuses root).</param>
/// <param name="StopSignal">Signal for a graceful stop; PostgreSQL wants SIGINT (fast shutdown), not SIGTERM
/// (smart shutdown, which waits for every client to disconnect).</param>
/// <param name="LogPath">File receiving the process's stdout and stderr; null discards them.</param>
public sealed record ProcessSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Args,
    bool AsServerAccount = false,
    int StopSignal = Posix.SigTerm,
    string? LogPath = null);

/// <summary>Exit code and combined output of a command that ran to completion.</summary>
public sealed record CommandResult(int ExitCode, string Output)
{
    public CommandResult EnsureSuccess(string what)
    {
        return ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed (exit {ExitCode}): {Output.Trim()}");
    }
}

/// <summary>Settings of a <see cref="ProcessHarness"/>.</summary>
/// <param name="TempRoot">Parent of the drill's temporary directory; the system temp directory when null.</param>
/// <param name="Timeout">Hard limit on the harness's life; its <see cref="ProcessHarness.Lifetime"/> token fires then.</param>
/// <param name="StopGrace">How long a graceful stop may take before SIGKILL.</param>
/// <param name="RuntimeDirectory">Where ownership records live (see <see cref="OrphanReaper"/>); the per-user default when null.</param>
public sealed record HarnessOptions(string? TempRoot = null, TimeSpan? Timeout = null, TimeSpan? StopGrace = null, string? RuntimeDirectory = null)
{
    public TimeSpan EffectiveStopGrace => StopGrace ?? TimeSpan.FromSeconds(5);
}
