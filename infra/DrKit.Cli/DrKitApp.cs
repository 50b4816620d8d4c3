using System.CommandLine;
using DrKit.Cli.Commands;
using DrKit.Core.Config;
using DrKit.Core.Input;

namespace DrKit.Cli;

/// <summary>Builds the <c>drkit</c> command tree and runs it with DrKit's error and exit-code rules.</summary>
public static class DrKitApp
{
    /// <summary>
    /// Every <c>drkit</c> command, by name, with the factory that builds it. Adding a command is one line here.
    /// A run builds only the command it names (its options, and the assemblies behind them, are loaded only then);
    /// help, <c>--version</c> and unknown words get the whole tree.
    /// </summary>
    internal static readonly IReadOnlyList<CommandEntry> Commands =
    [
        new("plan", io => PlanCommand.Create(io)),
        new("diff", io => DiffCommand.Create(io)),
        new("check", io => CheckCommand.Create(io)),
        new("failover", io => FailoverCommand.Create(io), UsesAutomation: true),
        new("failback", io => FailbackCommand.Create(io), UsesAutomation: true),
        // The AWS CLI alone: no stack is read or changed through Pulumi, so the native drkit runs it itself.
        new("switch-model", io => SwitchModelCommand.Create(io)),
        new("teardown", io => TeardownCommand.Create(io), UsesAutomation: true),
        new("drill", io => DrillCommand.Create(io), UsesAutomation: true),
        new("readiness", io => ReadinessCommand.Create(io), UsesAutomation: true),
        new("runbook", io => RunbookCommand.Create(io)),
    ];

    /// <summary>The whole command tree (help, tests, tools that inspect the commands).</summary>
    public static RootCommand Build(CliIO io) => Build(io, Commands);

    /// <summary>The tree a run of <paramref name="args"/> needs: only the named command, or all of them.</summary>
    internal static RootCommand BuildFor(IReadOnlyList<string> args, CliIO io)
    {
        var named = args.Count > 0 ? Commands.FirstOrDefault(c => c.Name == args[0]) : null;
        return Build(io, named is null ? Commands : [named]);
    }

    private static RootCommand Build(CliIO io, IEnumerable<CommandEntry> entries)
    {
        var root = new RootCommand("DrKit: disaster recovery for AI services. Plans what each component can recover, checks DR policy, drills and runs failovers.");
        foreach (var entry in entries)
        {
            root.Subcommands.Add(entry.Create(io));
        }

        return root;
    }

    /// <summary>
    /// How commands are invoked. <c>ProcessTerminationTimeout</c> is null: System.CommandLine's default ends the process two
    /// seconds after Ctrl-C or SIGTERM, before a drill could destroy its restored copies; drkit handles the signals itself
    /// (<see cref="TerminationSignals"/>) and passes the cancellation in as <c>ct</c>.
    /// </summary>
    internal static InvocationConfiguration Invocation(CliIO io) => new()
    {
        EnableDefaultExceptionHandler = false,
        Output = io.Out,
        Error = io.Error,
        ProcessTerminationTimeout = null,
    };

    public static async Task<int> RunAsync(string[] args, CliIO io, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(io);
        var root = BuildFor(args, io);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await io.Error.WriteLineAsync($"drkit: {error.Message}").ConfigureAwait(false);
            }

            await io.Error.WriteLineAsync("Run 'drkit --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(Invocation(io), ct).ConfigureAwait(false);
        }
        catch (StackConfigException e)
        {
            await io.Error.WriteLineAsync($"drkit: the stack configuration cannot be used ({e.Problems.Count} problem{(e.Problems.Count == 1 ? string.Empty : "s")}):").ConfigureAwait(false);
            foreach (var problem in e.Problems)
            {
                await io.Error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
            }

            await io.Error.WriteLineAsync("Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (InputLimitException e)
        {
            // A drill history or journal over its limits: bad input, named, and nothing was changed.
            await io.Error.WriteLineAsync($"drkit: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await io.Error.WriteLineAsync("drkit: cancelled.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (DrKitCommandException e)
        {
            await io.Error.WriteLineAsync($"drkit: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
    }
}

/// <summary>A failure a command explains itself: the message is shown as is, with the given exit code, no stack trace.</summary>
public sealed class DrKitCommandException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>A command's name and its factory: the tree is built from these, lazily, one run at a time.</summary>
/// <param name="UsesAutomation">Whether the command can change or read stacks through the Pulumi Automation API (a native
/// drkit hands such a command to its framework-dependent companion).</param>
internal sealed record CommandEntry(string Name, Func<CliIO, Command> Create, bool UsesAutomation = false);
