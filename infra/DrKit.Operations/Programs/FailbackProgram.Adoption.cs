using DrKit.Core.Operations;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

/// <summary>
/// Failback's adoption of each re-seeded RDS writer, run by the failback itself once the writers are back: until the
/// stack declares the re-seed, nothing replicates it out of the primary region (the old recovery writer is fenced and
/// stale) and a failover refuses. Two ups, because the provider's importer records the final-snapshot settings as
/// skipped and an import fails on any declared input that differs
/// (https://github.com/pulumi/pulumi/blob/master/developer-docs/architecture/import.md, step 4): the first imports the
/// writer with those inputs ignored, creates its new recovery replica (the provider waits until it is available) and
/// deletes the old primary and the old recovery writer with final snapshots; the second, after
/// <c>drkit-ops:adopted.&lt;c&gt;=true</c>, gives the state the stack's own final-snapshot settings.
/// </summary>
public sealed partial class FailbackProgram
{
    public const string AdoptImport = "AdoptImport";
    public const string AdoptFinish = "AdoptFinish";

    /// <summary>The two adopting ups as the dry run shows them.</summary>
    private static IReadOnlyList<OperationStep> AdoptPlan(string stack, IReadOnlyList<(string Component, string Seed)> reseeded, string recovery)
    {
        if (reseeded.Count == 0)
        {
            return [];
        }

        return
        [
            new(AdoptImport, $"gateway.Up({stack}) (the stack now holds {string.Join(", ", reseeded.Select(r => $"{OpsConfig.Adopt(r.Component)}={r.Seed}"))})",
                $"imports {string.Join(", ", reseeded.Select(r => r.Seed))} as the writer (final-snapshot settings and engine version as the importer reads them), creates " +
                $"its new replica in {recovery} and waits until it is available, deletes the old primary and the old recovery writer with final snapshots; until it " +
                $"succeeds nothing replicates the writer out of the primary region and a failover refuses"),
            new(AdoptFinish, $"gateway.SetConfig({stack}): {string.Join(", ", reseeded.Select(r => $"{OpsConfig.Adopted(r.Component)}=true"))}; gateway.Up({stack})",
                "the state gets the stack's own final-snapshot settings (the importer recorded none), so a later delete of the writer keeps a final snapshot"),
        ];
    }

    /// <summary>Exactly what an operator runs when the failback could not adopt: the same two ups by hand.</summary>
    internal static string AdoptionCommands(string stack, IReadOnlyList<string> components) =>
        $"'pulumi up --stack {stack}' (imports the writer), then " +
        string.Join(" ", components.Select(c => $"'pulumi config set --stack {stack} {OpsConfig.Adopted(c)} true'")) +
        $" and 'pulumi up --stack {stack}' again";

    /// <summary>Runs both adopting ups; returns why adoption stopped, or null once the new replicas exist and the state is final.</summary>
    private async Task<string?> AdoptAsync(ProgramRunner runner, StackTarget target, IReadOnlyList<RdsFailback> reseeded, string recovery, CancellationToken ct)
    {
        if (reseeded.Count == 0)
        {
            return null;
        }

        var components = reseeded.Select(r => r.Component).ToList();
        try
        {
            await runner.RunAsync(AdoptImport, async () =>
            {
                var outputs = await target.Gateway.UpAsync(target.Stack, ct).ConfigureAwait(false);
                return $"imported {string.Join(", ", reseeded.Select(r => r.Replica))}; new replicas in {recovery}: " +
                    string.Join(", ", components.Select(c => $"{c} {outputs.Text(OperationsOutputNames.RecoveryEndpoint(c)) ?? "(no recovery endpoint output)"}"));
            }).ConfigureAwait(false);
            await runner.RunAsync(AdoptFinish, async () =>
            {
                await target.ApplyAsync(components.ToDictionary(OpsConfig.Adopted, _ => ConfigSetting.Plain(OpsConfig.Text(true)), StringComparer.Ordinal), ct).ConfigureAwait(false);
                return $"{string.Join(", ", components.Select(OpsConfig.Adopted))}=true deployed: final snapshots on delete";
            }).ConfigureAwait(false);
            return null;
        }
        catch (StackCommandFailedException ex)
        {
            return $"The writers are back in the primary region, but the stack did not adopt them: {ex.Message}. Until it does, no replica of " +
                $"{string.Join(", ", reseeded.Select(r => r.Replica))} exists in {recovery} and a failover refuses; run {AdoptionCommands(target.Stack, components)}.";
        }
    }
}
