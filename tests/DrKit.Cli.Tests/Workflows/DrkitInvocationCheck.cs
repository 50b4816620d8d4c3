using System.CommandLine;
using Spectre.Console;

namespace DrKit.Cli.Tests.Workflows;

/// <summary>Checks a <c>drkit</c> command line against the real command tree: the command exists and takes those options.</summary>
internal static class DrkitInvocationCheck
{
    /// <summary>Problems with the invocation; empty when drkit would accept it.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> args)
    {
        var io = new CliIO(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, TextWriter.Null);
        var root = DrKitApp.Build(io);
        if (args.Count == 0 || !root.Subcommands.Any(c => c.Name == args[0]))
        {
            return [$"'{(args.Count == 0 ? string.Empty : args[0])}' is not a drkit command; drkit has: {string.Join(", ", root.Subcommands.Select(c => c.Name))}"];
        }

        var parse = root.Parse(args.ToArray());
        return parse.Errors.Select(e => e.Message).ToList();
    }
}
