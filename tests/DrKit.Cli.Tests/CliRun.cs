using Spectre.Console;

namespace DrKit.Cli.Tests;

/// <summary>One <c>drkit</c> invocation in-process: its exit code and everything it wrote.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}

internal static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var console = new StringWriter();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(console),
        });
        // Wide enough that no component name or figure is wrapped across lines.
        ansi.Profile.Width = 400;
        var code = await DrKitApp.RunAsync(args, new CliIO(ansi, output, error), CancellationToken.None);
        return new CliResult(code, console.ToString() + output.ToString(), error.ToString());
    }
}
