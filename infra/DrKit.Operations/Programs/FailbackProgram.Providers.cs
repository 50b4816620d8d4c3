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

    /// <summary>The dry run of the alignment: the recovery region's value read, then written to every other region.</summary>
    private static IReadOnlyList<OperationStep> AlignPlan(OperationTopology topology, string recovery)
    {
        var chains = Chains(topology);
        if (chains.Count == 0)
        {
            return [];
        }

        var read = chains.Select(c => new ProviderSwitch(c.Name, ((ModelProviderSettings)c.Settings).SwitchParameter!, recovery, "<value read>", string.Empty)).ToList();
        var writes = ProviderFailback.Align(chains, recovery, topology.AllRegions, chains.ToDictionary(c => c.Name, _ => (string?)"<value read>", StringComparer.Ordinal));
        return
        [
            new(AlignModelProvider, string.Join(" | ", read.Select(r => GlobalDatastoreSwitch.CommandLine(ModelProviderSwitch.GetArguments(r))).Concat(writes.Select(ModelProviderSwitch.Describe))),
                "users routed back to the primary region call the rung the recovery region serves on, not the stale pre-outage one; a failed read or write stops the failback before traffic moves"),
        ];
    }

    /// <summary>
    /// Aligns every region's switch with the recovery region's before traffic returns; returns why it failed, or null. Only
    /// the primary region's write is mandatory (users return there); another recovery region's is best effort, reported and
    /// never a reason to hold the failback, as <c>switch-model</c> treats regions it does not serve from.
    /// </summary>
    private async Task<string?> AlignProvidersAsync(ProgramRunner runner, OperationTopology topology, string recovery, CancellationToken ct)
    {
        var chains = Chains(topology);
        if (chains.Count == 0)
        {
            return null;
        }

        if (models is null)
        {
            runner.Record(AlignModelProvider, StepOutcome.Skipped, $"no model-provider switch adapter; set the primary region's switch by hand first: {string.Join(" | ", AlignPlan(topology, recovery).Select(s => s.Calls))}");
            return null;
        }

        try
        {
            await runner.RunAsync(AlignModelProvider, async () =>
            {
                var current = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var c in chains)
                {
                    current[c.Name] = await models.ReadAsync(((ModelProviderSettings)c.Settings).SwitchParameter!, recovery, ct).ConfigureAwait(false);
                }

                var done = new List<string>();
                foreach (var write in ProviderFailback.Align(chains, recovery, topology.AllRegions, current))
                {
                    if (write.Region == topology.PrimaryRegion)
                    {
                        done.Add(await models.FlipAsync(write, ct).ConfigureAwait(false));
                        continue;
                    }

                    try
                    {
                        done.Add(await models.FlipAsync(write, ct).ConfigureAwait(false));
                    }
                    catch (CloudCommandFailedException e)
                    {
                        done.Add($"{write.Parameter} in {write.Region} NOT aligned (best effort, users do not return there): {e.Message}");
                    }
                }

                var unread = current.Where(v => v.Value is null).Select(v => $"{v.Key}: no parameter in {recovery}, nothing to align");
                return string.Join("; ", done.Concat(unread));
            }).ConfigureAwait(false);
            return null;
        }
        catch (CloudCommandFailedException e)
        {
            return $"Refused to move traffic back: the primary region's model-provider switch could not be aligned with {recovery}'s ({e.Message}). " +
                $"Nothing moved; users stay in {recovery}. Fix the parameter, then re-run with the same --operation-id.";
        }
    }

    /// <summary>The dry run shows the writes as a run makes them when each primary rung is healthy.</summary>
    private static IReadOnlyList<OperationStep> ResetPlan(OperationTopology topology, string recovery)
    {
        var chains = Chains(topology);
        if (chains.Count == 0)
        {
            return [];
        }

        var assumed = chains.ToDictionary(c => PrimaryRung(c).Name, _ => true, StringComparer.Ordinal);
        var resets = ProviderFailback.Reset(chains, topology.Stack, topology.AllRegions, assumed);
        return
        [
            new(ResetModelProvider, string.Join(" | ", resets.Select(r => r.Left ?? string.Join("; ",
                [RungHealthProbe.Describe(PrimaryRung(chains.Single(c => c.Name == r.Component)), topology.PrimaryRegion), .. r.Switches.Select(ModelProviderSwitch.Describe)]))),
                "the chain returns to its primary rung with the writers, only once the primary provider's health check passes; otherwise it stays on its fallback and the summary says how to move it back"),
        ];
    }

    /// <summary>The chains back on their primary rungs, each after its health check passed; returns what the summary adds.
    /// Every write is tried: one that fails (a region that does not answer) is recorded and reported by chain and region,
    /// never thrown and never stopping the writes after it, as alignment and switch-model treat regions. The region is back
    /// either way, and a chain left behind can be switched alone.</summary>
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

        var healthy = health is null ? new Dictionary<string, bool>(StringComparer.Ordinal) : await health.ProbeAsync(chains.Select(PrimaryRung), topology.PrimaryRegion, ct).ConfigureAwait(false);
        var resets = ProviderFailback.Reset(chains, topology.Stack, topology.AllRegions, healthy);
        var left = resets.Where(r => r.Left is not null).Select(r => $"{r.Component}: {r.Left}").ToList();
        var missed = new List<ProviderSwitch>();
        var failures = new List<string>();
        await runner.RunAsync(ResetModelProvider, async () =>
        {
            var done = new List<string>();
            foreach (var write in resets.SelectMany(r => r.Switches))
            {
                try
                {
                    done.Add(await models.FlipAsync(write, ct).ConfigureAwait(false));
                }
                catch (CloudCommandFailedException e)
                {
                    missed.Add(write);
                    failures.Add($"{write.Component} in {write.Region} NOT written ({e.Message})");
                }
            }

            return string.Join("; ", done.Concat(left).Concat(failures));
        }).ConfigureAwait(false);

        var back = resets.Where(r => r.Left is null && !missed.Any(m => m.Component == r.Component)).Select(r => $"{r.Component} on {r.PrimaryRung}").ToList();
        return (back.Count == 0 ? string.Empty : $" Model providers back: {string.Join(", ", back)} (read back from SSM).") + string.Concat(left.Select(l => " " + l)) +
            (failures.Count == 0 ? string.Empty : $" The model-provider chains were not all put back on their primary rungs: {string.Join("; ", failures)}; redo each with 'drkit switch-model {topology.Stack} --component <chain> --to <primary rung> --region <region>'.");
    }
}
