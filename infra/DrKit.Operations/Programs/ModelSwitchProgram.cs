using DrKit.Core.Providers;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Programs;

/// <summary>
/// Switches a model-provider chain to another rung when only the provider fails and the region is fine: no data,
/// compute or traffic moves. It reads the parameter each serving region's application reads (real state, not the
/// stack's config), probes the rungs that declare a health check, lets the core decide the rung
/// (<see cref="ModelSwitch.Decide"/>), then writes it with the same SSM put-and-read-back failover's switch step uses,
/// in the serving regions, which must succeed, then in the stack's other regions on a best-effort basis (reported, never
/// waited on: a failed region is never needed). Each step is journaled under the operation id; a forced switch journals what it overrode
/// and why. Writing a value SSM already holds changes nothing, so a re-run after a crash is safe.
/// </summary>
public sealed partial class ModelSwitchProgram(GlobalDatastoreSwitch awsCli, ModelProviderSwitch models, RungHealthProbe? health, IFailoverJournal journal, TimeProvider time, IFailoverObserver? observer = null)
{
    public const string Name = "switch-model";
    public const string ReadActive = "ReadActive";
    public const string ProbeHealth = "ProbeHealth";
    public const string Decide = "Decide";
    public const string SyncOtherRegions = "SyncOtherRegions";

    public async Task<OperationResult> RunAsync(string stack, ModelSwitchScope scope, ModelSwitchSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(settings);
        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, settings.OperationId);
        OperationResult Result(OperationOutcome outcome, string summary) =>
            new(Name, stack, settings.OperationId, outcome, runner.Records, time.GetElapsedTime(start), summary);

        await runner.RunAsync(CommonSteps.Prerequisites, async () => $"AWS CLI ({await awsCli.EnsureAvailableAsync(ct).ConfigureAwait(false)}) present").ConfigureAwait(false);
        var active = await runner.RunAsync(ReadActive, async () =>
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var region in scope.Regions)
            {
                values[region] = await models.ReadAsync(scope.Parameter, region, ct).ConfigureAwait(false);
            }

            return (values, string.Join("; ", values.Select(v => $"{scope.Parameter} in {v.Key} = {v.Value ?? "(not found)"}")));
        }).ConfigureAwait(false);
        var healthy = health is null || scope.Chain.Providers.All(p => p.HealthCheckUrlIn(scope.Regions[0]) is null)
            ? new Dictionary<string, bool>(StringComparer.Ordinal)
            : await runner.RunAsync(ProbeHealth, async () =>
            {
                var probed = await health.ProbeAsync(scope.Chain.Providers, scope.Regions[0], ct).ConfigureAwait(false);
                return (probed, string.Join("; ", probed.Select(p => $"{p.Key} {(p.Value ? "healthy" : "UNHEALTHY")}")));
            }).ConfigureAwait(false);

        // Regions that disagree are judged from the first serving region's value; every region is written the same rung.
        var current = active[scope.Regions[0]];
        var decision = ModelSwitch.Decide(scope.Chain, new ModelSwitchRequest(settings.To, current, settings.Down, healthy, settings.Force));
        if (decision.Refusal is { } refusal)
        {
            runner.Record(Decide, StepOutcome.Refused, refusal);
            await JournalAsync(settings, Decide, JournalEvent.Refused, refusal, ct).ConfigureAwait(false);
            return Result(OperationOutcome.Refused, $"{refusal} Nothing was changed: {scope.Component} stays on {current ?? "(unset)"}.");
        }

        runner.Record(Decide, StepOutcome.Completed, decision.Why);
        var target = decision.Target!;
        if (decision.Overridden.Count > 0)
        {
            await JournalAsync(settings, Decide, JournalEvent.Forced, $"{string.Join("; ", decision.Overridden)}; reason: {settings.ForceReason}", ct).ConfigureAwait(false);
        }

        if (active.Values.All(v => v == target))
        {
            runner.Record(FailoverProgram.SwitchModelProvider, StepOutcome.Skipped, $"{scope.Parameter} already holds {target} in {string.Join(", ", scope.Regions)}");
            return Result(OperationOutcome.Succeeded, $"{scope.Component} already uses {target}; nothing was written.");
        }

        try
        {
            await JournalAsync(settings, FailoverProgram.SwitchModelProvider, JournalEvent.Started, $"{scope.Parameter} -> {target} in {string.Join(", ", scope.Regions)}", ct).ConfigureAwait(false);
            await runner.RunAsync(FailoverProgram.SwitchModelProvider, async () =>
            {
                var done = new List<string>();
                foreach (var region in scope.Regions)
                {
                    done.Add(await models.FlipAsync(new ProviderSwitch(scope.Component, scope.Parameter, region, target, decision.Why), ct).ConfigureAwait(false));
                }

                return string.Join("; ", done);
            }).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException e)
        {
            await JournalAsync(settings, FailoverProgram.SwitchModelProvider, JournalEvent.Failed, e.Message, ct).ConfigureAwait(false);
            return Result(OperationOutcome.Failed, $"The switch of {scope.Component} to {target} failed: {e.Message}");
        }

        await JournalAsync(settings, FailoverProgram.SwitchModelProvider, JournalEvent.Completed, runner.Records[^1].Detail, ct).ConfigureAwait(false);
        var others = await SyncOthersAsync(runner, scope, new ProviderSwitch(scope.Component, scope.Parameter, string.Empty, target, decision.Why), ct).ConfigureAwait(false);
        return Result(OperationOutcome.Succeeded,
            $"{scope.Component} switched from {current ?? "(unset)"} to {target} in {string.Join(", ", scope.Regions)} (read back from SSM)." + others +
            (decision.Overridden.Count > 0 ? $" FORCED over: {string.Join("; ", decision.Overridden)} (reason: {settings.ForceReason})." : string.Empty));
    }

    /// <summary>Writes the stack's other regions' copies after the serving ones, each bounded by the CLI timeout; a
    /// failure is recorded and reported, never waited on again and never failing the switch.</summary>
    private async Task<string> SyncOthersAsync(ProgramRunner runner, ModelSwitchScope scope, ProviderSwitch target, CancellationToken ct)
    {
        if (scope.BestEffort.Count == 0)
        {
            return string.Empty;
        }

        var done = new List<string>();
        var missed = new List<string>();
        foreach (var region in scope.BestEffort)
        {
            try
            {
                done.Add(await models.FlipAsync(target with { Region = region }, ct).ConfigureAwait(false));
            }
            catch (CloudCommandFailedException e)
            {
                missed.Add($"{region}: {e.Message}");
            }
        }

        var detail = string.Join("; ", done.Concat(missed.Select(m => "NOT WRITTEN " + m)));
        runner.Record(SyncOtherRegions, missed.Count == 0 ? StepOutcome.Completed : StepOutcome.Failed, detail);
        return missed.Count == 0
            ? $" Also written in {string.Join(", ", scope.BestEffort)}, so a later failover starts from {target.Rung}."
            : $" Not written in {string.Join(", ", missed.Select(m => m[..m.IndexOf(':', StringComparison.Ordinal)]))} (best effort; a later failover there reads its own copy and re-decides).";
    }

    private Task JournalAsync(ModelSwitchSettings settings, string step, JournalEvent what, string detail, CancellationToken ct) =>
        journal.AppendAsync(new JournalEntry(settings.OperationId, step, what, time.GetUtcNow(), detail), ct);
}

/// <summary>What the operator asked of <c>drkit switch-model</c>.</summary>
public sealed record ModelSwitchSettings
{
    public required string OperationId { get; init; }

    /// <summary>The rung (or <c>degraded</c>) to switch to; null: the next healthy rung after the active one.</summary>
    public string? To { get; init; }

    /// <summary>Rungs the operator knows are down.</summary>
    public IReadOnlyList<string> Down { get; init; } = [];

    public bool Force { get; init; }

    public string? ForceReason { get; init; }
}
