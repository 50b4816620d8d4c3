using System.CommandLine;
using System.Text.Json;
using DrKit.Cli.Output;
using DrKit.Core.Json;
using DrKit.Core.Planning;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;
using DrKit.Operations.Steps;
using Spectre.Console;

namespace DrKit.Cli.Commands;

/// <summary>What the operation commands share: the stack's topology, options, dry-run output, errors and exit codes.</summary>
internal static class OperationCommandSupport
{
    public static Argument<string> StackArgument(string description) => new("stack") { Description = description };

    public static Option<bool> DryRunOption() => new("--dry-run")
    {
        Description = "print the exact steps (gateway calls, config keys, outputs checked) and why, calling nothing",
    };

    public static (DrPlan Plan, OperationTopology Topology, string Root) Load(string stackArg)
    {
        var path = StackLocator.Resolve(stackArg);
        var plan = Planner.PlanFile(path);
        var root = StackLocator.ProjectRoot(Path.GetDirectoryName(path)!) ?? Directory.GetCurrentDirectory();
        return (plan, OperationTopology.From(plan), root);
    }

    /// <summary>
    /// Refuses, before anything is called, a program that has no adapters for some of the plan's components: DrKit's
    /// promotion, traffic, capacity and model-switch adapters are AWS's and Kubernetes' (and Azure's for failover only), so a stack on Azure is planned,
    /// diffed and checked but not yet failed over, failed back, drilled or switched in the cloud.
    /// </summary>
    public static void RequireAdapters(DrPlan plan, string program)
    {
        if (DrKit.Core.Platforms.Azure.AzureSupport.Refusal(plan, $"drkit {program}") is { } refusal)
        {
            throw new DrKitCommandException(refusal, ExitCodes.BadInput);
        }
    }

    /// <summary>The Redis Global Datastore switch over the AWS CLI (or the given command runner, in tests).</summary>
    public static GlobalDatastoreSwitch GlobalDatastores(ICloudCommand? cloud, TimeProvider time) => new(cloud ?? new ProcessCloudCommand(time), time);

    /// <summary>Drill recovery points over the AWS CLI (or the given command runner, in tests).</summary>
    public static RecoveryPointReader RecoveryPoints(ICloudCommand? cloud, TimeProvider time) => new(cloud ?? new ProcessCloudCommand(time), time);

    /// <summary>Replica lag from CloudWatch over the AWS CLI (or the given command runner, in tests).</summary>
    public static ReplicaLagReader ReplicaLag(ICloudCommand? cloud, TimeProvider time) => new(cloud ?? new ProcessCloudCommand(time), time);

    /// <summary>The AWS CLI for the failover's recovery-region and data-plane calls.</summary>
    public static DrKit.Operations.Platforms.Aws.AwsCli Aws(ICloudCommand? cloud, TimeProvider time) => new(cloud ?? new ProcessCloudCommand(time));

    public static string DefaultOperationId(string program, string stack, TimeProvider time) =>
        $"{program}-{stack}-{time.GetUtcNow().UtcDateTime:yyyyMMddHHmmss}";

    public static string JournalPath(string root, string stack) => Path.Combine(root, ".drkit", "operations", $"{stack}.journal.jsonl");

    public static int PrintDryRun(CliIO io, string program, string stack, IReadOnlyList<OperationStep> steps, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                io.Out.WriteLine(TypedJson.Serialize(new DryRunDocument(program, stack, true, steps), JsonOptions));
                break;
            case OutputFormat.Markdown:
                io.Out.WriteLine($"### drkit {program} {stack} (dry run: nothing was called)");
                io.Out.WriteLine();
                io.Out.WriteLine("| # | Step | Calls | Why |");
                io.Out.WriteLine("|---:|---|---|---|");
                for (var i = 0; i < steps.Count; i++)
                {
                    io.Out.WriteLine($"| {i + 1} | {Cell(steps[i].Name)} | {Cell(steps[i].Calls)} | {Cell(steps[i].Why)} |");
                }

                break;
            default:
                var table = new Table().Title($"drkit {Markup.Escape(program)} {Markup.Escape(stack)}: dry run, nothing was called").AddColumns("#", "Step", "Calls", "Why");
                for (var i = 0; i < steps.Count; i++)
                {
                    table.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(steps[i].Name), Markup.Escape(steps[i].Calls), Markup.Escape(steps[i].Why));
                }

                io.Console.Write(table);
                break;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Runs an operation, turning DrKit's operation errors into named, actionable CLI errors.</summary>
    public static async Task<int> RunAsync(Func<Task<OperationResult>> run, CliIO io)
    {
        OperationResult result;
        try
        {
            result = await run().ConfigureAwait(false);
        }
        catch (OperationException e)
        {
            throw new DrKitCommandException(e.Message, e.IsBadInput ? ExitCodes.BadInput : ExitCodes.Failed);
        }

        var color = result.Succeeded ? "green" : "red";
        io.Console.MarkupLine($"[{color}]{Markup.Escape(result.Program)} {Markup.Escape(result.Stack)}: {result.Outcome}[/] in {Markup.Escape(FailoverProgram.Text(result.Elapsed))}");
        io.Console.MarkupLine(Markup.Escape(result.Summary));
        return result.Outcome switch
        {
            OperationOutcome.Succeeded => ExitCodes.Ok,
            OperationOutcome.Missed => ExitCodes.Findings,
            OperationOutcome.Refused => ExitCodes.Findings,
            _ => ExitCodes.Failed,
        };
    }

    /// <summary>Refusals found while planning (no recovery region) are bad input, shown without a stack trace.</summary>
    public static T Planned<T>(Func<T> plan)
    {
        try
        {
            return plan();
        }
        catch (OperationException e)
        {
            throw new DrKitCommandException(e.Message, e.IsBadInput ? ExitCodes.BadInput : ExitCodes.Failed);
        }
    }

    internal static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CliJsonContext.Default,
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
