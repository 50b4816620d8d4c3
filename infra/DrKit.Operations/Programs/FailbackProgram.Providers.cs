using DrKit.Core.Model;
using DrKit.Core.Planning;
using DrKit.Core.Providers;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

/// <summary>Failback's last step: each parameter-switched model-provider chain back on its primary rung, once that rung is healthy.</summary>
public sealed partial class FailbackProgram
{
    private static List<ComponentPlan> Chains(OperationTopology topology) =>
        [.. topology.Components.Where(c => c.Settings is ModelProviderSettings { SwitchParameter: not null })];

    private static ProviderRungSpec PrimaryRung(ComponentPlan chain) => ((ModelProviderSettings)chain.Settings).Providers[0];

    /// <summary>The dry run shows the writes as a run makes them when each primary rung is healthy.</summary>
    private static IReadOnlyList<OperationStep> ResetPlan(OperationTopology topology, string recovery)
    {
        var chains = Chains(topology);
        if (chains.Count == 0)
        {
            return [];
        }

        var assumed = chains.ToDictionary(c => PrimaryRung(c).Name, _ => true, StringComparer.Ordinal);
        var resets = ProviderFailback.Reset(chains, topology.Stack, [topology.PrimaryRegion, recovery], assumed);
        return
        [
            new(ResetModelProvider, string.Join(" | ", resets.Select(r => r.Left ?? string.Join("; ",
                [RungHealthProbe.Describe(PrimaryRung(chains.Single(c => c.Name == r.Component))), .. r.Switches.Select(ModelProviderSwitch.Describe)]))),
                "the chain returns to its primary rung with the writers, only once the primary provider's health check passes; otherwise it stays on its fallback and the summary says how to move it back"),
        ];
    }

    /// <summary>The chains back on their primary rungs, each after its health check passed; returns what the summary adds.
    /// A failed write is recorded and reported, not thrown: the region is back either way, and the switch can be redone alone.</summary>
    private async Task<string> ResetProvidersAsync(ProgramRunner runner, OperationTopology topology, string recovery, CancellationToken ct)
    {
        var chains = Chains(topology);
        if (chains.Count == 0)
        {
            return string.Empty;
        }

        if (models is null)
        {
            runner.Record(ResetModelProvider, StepOutcome.Skipped, "no model-provider switch adapter: the chains stay on the rung they run on");
            return " Model-provider chains were not reset (no switch adapter).";
        }

        var healthy = health is null ? new Dictionary<string, bool>(StringComparer.Ordinal) : await health.ProbeAsync(chains.Select(PrimaryRung), ct).ConfigureAwait(false);
        var resets = ProviderFailback.Reset(chains, topology.Stack, [topology.PrimaryRegion, recovery], healthy);
        var left = resets.Where(r => r.Left is not null).Select(r => $"{r.Component}: {r.Left}").ToList();
        try
        {
            await runner.RunAsync(ResetModelProvider, async () =>
            {
                var done = new List<string>();
                foreach (var write in resets.SelectMany(r => r.Switches))
                {
                    done.Add(await models.FlipAsync(write, ct).ConfigureAwait(false));
                }

                return string.Join("; ", done.Concat(left));
            }).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException e)
        {
            return $" The model-provider chains were not all put back on their primary rungs: {e.Message}";
        }

        var back = resets.Where(r => r.Left is null).Select(r => $"{r.Component} on {r.PrimaryRung}").ToList();
        return (back.Count == 0 ? string.Empty : $" Model providers back: {string.Join(", ", back)} (read back from SSM).") + string.Concat(left.Select(l => " " + l));
    }
}
