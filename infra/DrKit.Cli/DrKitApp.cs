using System.CommandLine;
using DrKit.Cli.Commands;
using DrKit.Core.Config;

namespace DrKit.Cli;

/// <summary>Builds the <c>drkit</c> command tree and runs it with DrKit's error and exit-code rules.</summary>
public static class DrKitApp
{
    public static RootCommand Build(CliIO io)
    {
        var root = new RootCommand("DrKit: disaster recovery for AI services. Plans what each component can recover, checks DR policy, drills and runs failovers.");
        root.Subcommands.Add(PlanCommand.Create(io));
        root.Subcommands.Add(DiffCommand.Create(io));
        root.Subcommands.Add(CheckCommand.Create(io));
        root.Subcommands.Add(FailoverCommand.Create(io));
        root.Subcommands.Add(FailbackCommand.Create(io));
        root.Subcommands.Add(TeardownCommand.Create(io));
        root.Subcommands.Add(DrillCommand.Create(io));
        root.Subcommands.Add(ReadinessCommand.Create(io));
        root.Subcommands.Add(RunbookCommand.Create(io));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliIO io, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(io);
        var root = Build(io);
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
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = io.Out, Error = io.Error }, ct).ConfigureAwait(false);
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
