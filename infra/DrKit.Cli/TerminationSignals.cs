using System.Runtime.InteropServices;

namespace DrKit.Cli;

/// <summary>
/// Ctrl-C and SIGTERM, handled by drkit itself rather than by System.CommandLine, whose default ends the process two
/// seconds after the signal (<c>InvocationConfiguration.ProcessTerminationTimeout</c>,
/// https://learn.microsoft.com/en-us/dotnet/api/system.commandline.invocationconfiguration.processterminationtimeout):
/// too soon for a drill to let its restores land, destroy them and write its record.
/// <list type="bullet">
/// <item>The first signal cancels <see cref="Cancelled"/> and keeps the process alive; the command's notice (what it
/// waits for and for how long at most) is printed.</item>
/// <item>The second cancels <see cref="StopWaiting"/> when a command listens for it (the drill: cut, unlock, name what is
/// left, hand off to <c>drkit teardown</c>), with that command's notice; otherwise it is left to the default handling,
/// which ends the process.</item>
/// <item>Any further signal ends the process.</item>
/// </list>
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Lock _gate = new();
    private TextWriter _error = TextWriter.Null;
    private (string First, string Second)? _notices;

    /// <summary>Cancelled at the first signal: the command winds down and cleans up.</summary>
    public CancellationToken Cancelled => _cancel.Token;

    /// <summary>Cancelled at the second signal, when a command said it listens (<see cref="ListenForSecond"/>).</summary>
    public CancellationToken StopWaiting => _stop.Token;

    /// <summary>Handles SIGINT (Ctrl-C) and SIGTERM for this process, writing notices to <paramref name="error"/>.</summary>
    public static TerminationSignals Register(TextWriter error)
    {
        var signals = new TerminationSignals { _error = error };
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            signals._registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = signals.Signal()));
        }

        return signals;
    }

    /// <summary>
    /// A command that can stop waiting at a second signal says so, with what to print at the first signal (what it waits
    /// for, and how long at most) and at the second (what is kept, and the command that finishes the cleanup).
    /// </summary>
    public void ListenForSecond(string firstNotice, string secondNotice)
    {
        lock (_gate)
        {
            _notices = (firstNotice, secondNotice);
        }
    }

    /// <summary>One signal: returns whether its default handling (ending the process) is to be suppressed.</summary>
    internal bool Signal()
    {
        lock (_gate)
        {
            if (!_cancel.IsCancellationRequested)
            {
                _error.WriteLine(_notices is { } n
                    ? $"drkit: cancelling. {n.First}"
                    : "drkit: cancelling; waiting for the command to wind down (interrupt again to end it at once).");
                _cancel.Cancel();
                return true;
            }

            if (_notices is { } notices && !_stop.IsCancellationRequested)
            {
                _error.WriteLine($"drkit: no longer waiting. {notices.Second}");
                _stop.Cancel();
                return true;
            }

            return false;
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
        _stop.Dispose();
    }

    /// <summary>Notices go to <paramref name="error"/>; signals are fed by the caller (tests).</summary>
    internal static TerminationSignals Unregistered(TextWriter error) => new() { _error = error };
}
