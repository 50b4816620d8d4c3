using System.CommandLine;
using System.Globalization;
using DrKit.Core.Planning;
using DrKit.Drills;
using DrKit.Drills.Hosting;
using DrKit.Drills.Planning;
using Spectre.Console;

namespace DrKit.Cli.Commands;

/// <summary>
/// The <c>--local</c> side of <c>drkit drill</c>: a real failover on PostgreSQL and Redis servers on loopback,
/// shaped by the stack's plan and measured against its targets.
/// </summary>
public static partial class DrillCommand
{
    private static readonly Option<string> Failure = new("--failure")
    {
        Description = "local drill: kill-primary (kill -9), stop-archive (archive destination lost), paused-replica (lag beyond RPO)",
        DefaultValueFactory = _ => "kill-primary",
    };

    private static readonly Option<bool> Restore = new("--restore")
    {
        Description = "local drill: also restore a fresh instance from the base backup plus WAL archive and verify it",
    };

    private static readonly Option<string?> Force = new("--force")
    {
        Description = "local drill: fail over even when replica lag exceeds the RPO; give the reason, it is recorded",
    };

    private static readonly Option<int> Rate = new("--writes-per-second")
    {
        Description = "local drill: steady write load per data tier",
        DefaultValueFactory = _ => 200,
    };

    private static readonly Option<bool> CleanupOption = new("--cleanup")
    {
        Description = "reap what local drills that died (SIGKILL, crash, reboot) left behind: their servers, ports and directories; no stack needed",
    };

    static partial void AddLocalOptions(Command command)
    {
        command.Options.Add(CleanupOption);
        // A stack is required for a drill, not for --cleanup; RunLocalAsync and the cloud drill check it.
        command.Arguments[0].Arity = ArgumentArity.ZeroOrOne;
        Failure.AcceptOnlyFromAmong("kill-primary", "stop-archive", "paused-replica");
        command.Options.Add(Failure);
        command.Options.Add(Restore);
        command.Options.Add(Force);
        command.Options.Add(Rate);
    }

    /// <summary><c>--cleanup</c>: the exit code when asked for, null otherwise; a missing stack is refused here too.</summary>
    private static int? Cleanup(CliIO io, ParseResult parse)
    {
        if (!parse.GetValue(CleanupOption))
        {
            return parse.GetValue<string?>("stack") is null
                ? throw new DrKitCommandException("drill: a stack is required (stacks/Pulumi.<stack>.yaml), unless --cleanup is given.", ExitCodes.BadInput)
                : null;
        }

        var reaped = OrphanReaper.Reap();
        if (reaped.Count == 0)
        {
            io.Console.MarkupLine("No dead local drill left anything behind.");
            return ExitCodes.Ok;
        }

        var table = new Table().Title("Reaped local drills").AddColumns("Drill record", "Died in phase", "Processes", "Ports", "Directories", "Left");
        foreach (var r in reaped)
        {
            table.AddRow(Markup.Escape(Path.GetFileName(r.Record)), Markup.Escape(r.Phase), r.Processes.Count.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", r.Ports)), Markup.Escape(string.Join(", ", r.Directories)), Markup.Escape(r.Remaining.Count == 0 ? "nothing" : string.Join(", ", r.Remaining)));
        }

        io.Console.Write(table);
        return reaped.Any(r => r.Remaining.Count > 0) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static async Task<int> RunLocalAsync(CliIO io, ParseResult parse, string stack, CancellationToken ct)
    {
        var path = StackLocator.Resolve(stack);
        var plan = Planner.PlanFile(path);
        OperationCommandSupport.RequireAdapters(plan, "drill --local");
        var root = StackLocator.ProjectRoot(Path.GetDirectoryName(path)!) ?? Directory.GetCurrentDirectory();
        var failure = parse.GetValue(Failure) switch
        {
            "stop-archive" => DrillFailureMode.StopArchive,
            "paused-replica" => DrillFailureMode.PausedReplica,
            _ => DrillFailureMode.KillPrimary,
        };

        var rate = parse.GetValue(Rate);
        if (rate is < 1 or > 5000)
        {
            throw new DrKitCommandException($"--writes-per-second: expected 1 to 5000, got {rate}", ExitCodes.BadInput);
        }

        LocalDrillSpec spec;
        try
        {
            spec = DrillSpecFromPlan.Create(plan, failure, parse.GetValue(Restore), parse.GetValue(Force), rate);
        }
        catch (InvalidOperationException e)
        {
            throw new DrKitCommandException(e.Message, ExitCodes.BadInput);
        }

        var history = parse.GetValue<string?>("--history") ?? plan.Policy.DrillHistory ?? Path.Combine(".drkit", "drills", $"{plan.Stack}.jsonl");
        var reports = parse.GetValue<string?>("--report-dir") ?? Path.Combine(".drkit", "drills", "reports");
        var options = new DrillOptions(
            HistoryPath: Path.GetFullPath(history, root),
            ReportDirectory: Path.GetFullPath(reports, root),
            Console: io.Console);
        var result = await LocalDrillRunner.RunAsync(spec, options, ct).ConfigureAwait(false);

        io.Console.MarkupLine($"[grey]History: {Markup.Escape(options.HistoryPath!)}; reports (Markdown, HTML): {Markup.Escape(options.ReportDirectory!)}/{Markup.Escape(result.DrillId)}.*[/]");
        return result.Verdict switch
        {
            DrillVerdict.Met => ExitCodes.Ok,
            DrillVerdict.Missed or DrillVerdict.Refused => ExitCodes.Findings,
            _ => ExitCodes.Failed,
        };
    }
}
