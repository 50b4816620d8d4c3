using Spectre.Console;

namespace DrKit.Cli;

/// <summary>
/// Where the command writes: a Spectre console for people, and plain writers for machine output (JSON and
/// Markdown must never be wrapped or styled).
/// </summary>
public sealed record CliIO(IAnsiConsole Console, TextWriter Out, TextWriter Error)
{
    /// <summary>Ctrl-C and SIGTERM of this run (<see cref="TerminationSignals"/>); unregistered outside the real process.</summary>
    public TerminationSignals Signals { get; init; } = TerminationSignals.Unregistered(TextWriter.Null);

    public static CliIO FromProcess()
    {
        var settings = new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Ansi = System.Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = System.Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        };
        var console = AnsiConsole.Create(settings);
        if (System.Console.IsOutputRedirected)
        {
            // CI logs have no terminal width; give tables room instead of wrapping every cell.
            console.Profile.Width = 200;
        }

        return new CliIO(console, System.Console.Out, System.Console.Error);
    }
}
