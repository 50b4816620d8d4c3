using Spectre.Console;

namespace DrKit.Cli.Tests;

/// <summary>Ctrl-C and SIGTERM: drkit keeps the process alive for cleanup, and a second signal stops a drill waiting.</summary>
public sealed class TerminationSignalsTests
{
    [Test]
    public void Invocation_LeavesTerminationToDrkit_NotTheTwoSecondDefault()
    {
        var io = new CliIO(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, TextWriter.Null);

        Assert.That(DrKitApp.Invocation(io).ProcessTerminationTimeout, Is.Null,
            "System.CommandLine's default ends the process 2 s after Ctrl-C or SIGTERM, before a drill destroys its restored copies");
    }

    [Test]
    public void Signal_First_CancelsAndKeepsTheProcess_PrintingWhatTheCommandWaitsFor()
    {
        var error = new StringWriter();
        using var signals = TerminationSignals.Unregistered(error);
        signals.ListenForSecond("waiting up to 8h for the restores", "run 'drkit teardown pilot-light-drill-x'");

        var suppressed = signals.Signal();

        Assert.Multiple(() =>
        {
            Assert.That(suppressed, Is.True, "the first signal must not end the process");
            Assert.That(signals.Cancelled.IsCancellationRequested, Is.True, "the command is cancelled");
            Assert.That(signals.StopWaiting.IsCancellationRequested, Is.False, "but still waits for its cleanup");
            Assert.That(error.ToString(), Does.Contain("waiting up to 8h for the restores"), "the operator learns what it waits for and how long at most");
        });
    }

    [Test]
    public void Signal_Second_StopsWaiting_AndNamesTheTeardownCommand_ThenAThirdEndsTheProcess()
    {
        var error = new StringWriter();
        using var signals = TerminationSignals.Unregistered(error);
        signals.ListenForSecond("waiting", "run 'drkit teardown pilot-light-drill-x'");

        signals.Signal();
        var second = signals.Signal();
        var third = signals.Signal();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.True, "the second signal is the drill's: it cuts and hands off, the process still records");
            Assert.That(signals.StopWaiting.IsCancellationRequested, Is.True, "the wait is stopped");
            Assert.That(error.ToString(), Does.Contain("drkit teardown pilot-light-drill-x"), "the operator is told which command finishes the cleanup");
            Assert.That(third, Is.False, "a third signal ends the process by its default handling");
        });
    }

    [Test]
    public void Signal_Second_OfACommandThatDoesNotListen_EndsTheProcess()
    {
        using var signals = TerminationSignals.Unregistered(TextWriter.Null);

        Assert.That(signals.Signal(), Is.True, "the first still cancels gracefully");
        Assert.That(signals.Signal(), Is.False, "with nothing to stop waiting for, the second signal ends the process");
    }
}
