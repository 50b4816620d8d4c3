using System.CommandLine;
using DrKit.Core.Config;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Leases;
using DrKit.Operations.Programs;
using Spectre.Console;

namespace DrKit.Cli.Commands;

/// <summary>
/// The stack lease around failover, failback, drill and teardown: taken before the program runs, released after,
/// in this machine's state store and, when the stack names <c>drkit-ops:stateBucket</c>, in the recovery region's.
/// </summary>
internal static class OperationLeaseSupport
{
    private const string StateKey = "drkit/";

    public static Option<bool> TakeOverOption() => new("--take-over")
    {
        Description = "take over the stack's lease from a holder that is gone (its machine lost, its process killed); a holder still running on this machine is never taken over",
    };

    public static Option<bool> ResumeOption() => new("--resume")
    {
        Description = "continue the operation the stack's lease names (its journal is read from the recovery region when the stack has drkit-ops:stateBucket), taking the lease over",
    };

    /// <summary>This machine's store, plus the recovery region's bucket when the stack file names one.</summary>
    public static OperationLeases Leases(string root, string? stackFile, string? primaryRegion, string? recoveryRegion, ICloudCommand? cloud, TimeProvider time)
    {
        List<IOperationStateStore> stores = [];
        if (stackFile is not null && YamlStackFile.Load(stackFile)[OpsConfig.StateBucket] is ConfigScalar { Value.Length: > 0 } bucket)
        {
            if (recoveryRegion is null)
            {
                throw new DrKitCommandException($"{OpsConfig.StateBucket} needs a recovery region to live in; the stack has none.", ExitCodes.BadInput);
            }

            // The recovery region's copy comes first: it is the one every operator sees.
            stores.Add(new S3OperationStateStore(cloud ?? new ProcessCloudCommand(time), bucket.Value, StateKey, recoveryRegion, primaryRegion ?? string.Empty));
        }

        stores.Add(new FileOperationStateStore(Path.Combine(root, ".drkit", "operations", "state")));
        return new OperationLeases(stores);
    }

    /// <summary>
    /// The stack gateway an operation runs with: what it records in the stack config is also kept in every store the
    /// leases use, and a stack it selects first takes the stored record into its local config.
    /// </summary>
    public static IStackGateway Recording(IStackGateway gateway, OperationLeases leases) => new StateRecordingGateway(gateway, leases.Stores);

    /// <summary>The journal: on this machine, copied to every remote store the leases use.</summary>
    public static IFailoverJournal Journal(OperationLeases leases, string root, string stack) =>
        new MirroredFailoverJournal(new FileFailoverJournal(OperationCommandSupport.JournalPath(root, stack)), [.. leases.Stores.Where(s => s is not FileOperationStateStore)], stack);

    /// <summary>The operation id <c>--resume</c> continues: the one the stack's lease names.</summary>
    public static async Task<string> ResumedOperationAsync(OperationLeases leases, string stack, string program, CancellationToken ct)
    {
        var holder = await leases.HolderAsync(stack, ct).ConfigureAwait(false)
            ?? throw new DrKitCommandException($"--resume: no operation holds stack {stack}'s lease in {string.Join(" or ", leases.Stores.Select(s => s.Where))}; nothing to resume.", ExitCodes.BadInput);
        return holder.Operation == program
            ? holder.OperationId
            : throw new DrKitCommandException($"--resume: stack {stack}'s lease is held by {holder.Describe()}, not a {program}.", ExitCodes.BadInput);
    }

    /// <summary>Takes the lease, runs the operation, releases the lease; a refusal exits 1 naming the holder, nothing changed.</summary>
    public static async Task<int> RunLeasedAsync(CliIO io, OperationLeases leases, string stack, string program, string operationId, bool takeOver, TimeProvider time, Func<Task<OperationResult>> run, CancellationToken ct)
    {
        var outcome = await leases.AcquireAsync(OperationLease.ForThisProcess(stack, program, operationId, time), takeOver, ct).ConfigureAwait(false);
        if (outcome.Held is not { } held)
        {
            throw new DrKitCommandException(outcome.Message, ExitCodes.Findings);
        }

        if (held.TookOver is { } note)
        {
            io.Console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        }

        // A run that stopped half way keeps the lease: it names the operation --resume continues, and no other
        // operation may start on a stack left between two states.
        int code;
        try
        {
            code = await OperationCommandSupport.RunAsync(run, io).ConfigureAwait(false);
        }
        catch (DrKitCommandException)
        {
            // Stopped by a named cause before the program could journal a step (a missing CLI, an unknown stack).
            await leases.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (code is ExitCodes.Ok or ExitCodes.Findings)
        {
            await leases.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            io.Console.MarkupLine($"[yellow]The lease on {Markup.Escape(stack)} is kept for {Markup.Escape(operationId)}: continue it with --resume (from any machine that reaches {Markup.Escape(leases.Stores[0].Where)}).[/]");
        }

        return code;
    }
}
