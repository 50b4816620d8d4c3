using System.Diagnostics;

namespace DrKit.Drills.Hosting;

/// <summary>A long-running server process started by a <see cref="ProcessHarness"/>.</summary>
public sealed class ManagedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter? _log;
    private readonly Lock _logGate = new();

    internal ManagedProcess(ProcessSpec spec, Process process, StreamWriter? log)
    {
        Spec = spec;
        _process = process;
        _log = log;
        Pid = process.Id;
    }

    public ProcessSpec Spec { get; }

    public string Name => Spec.Name;

    public int Pid { get; }

    /// <summary>True once the process is gone (killed, stopped or crashed).</summary>
    public bool HasExited => !Posix.IsAlive(Pid);

    /// <summary>Polls rather than using Process.WaitForExitAsync, which also waits for children holding the
    /// output pipe: a postmaster's backends would stall it.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!HasExited)
        {
            if (deadline.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(10, ct).ConfigureAwait(false);
        }

        return true;
    }

    internal void Attach()
    {
        _process.OutputDataReceived += (_, e) => WriteLog(e.Data);
        _process.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public void Dispose()
    {
        lock (_logGate)
        {
            _log?.Dispose();
        }

        _process.Dispose();
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log?.WriteLine(line);
                _log?.Flush();
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the drill stopped watching is not worth keeping.
            }
        }
    }
}
