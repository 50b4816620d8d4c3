using DrKit.Core.Providers;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

public sealed partial class ModelSwitchProgram
{
    /// <summary>
    /// The steps a run takes with the exact AWS CLI calls and their regions, calling nothing. A named target is judged
    /// now on what needs no cloud state (its retrieval verdict, a rung named down), so a refused switch is refused here too.
    /// </summary>
    public static (IReadOnlyList<OperationStep> Steps, ModelSwitchDecision? Refusal) Plan(ModelSwitchScope scope, ModelSwitchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(settings);
        var known = settings.To is null ? null : ModelSwitch.Decide(scope.Chain, new ModelSwitchRequest(settings.To, null, settings.Down, new Dictionary<string, bool>(), settings.Force));
        var value = known?.Target ?? settings.To ?? "<decided rung>";
        var probes = scope.Chain.Providers.Where(p => p.HealthCheckUrlIn(scope.Regions[0]) is not null).ToList();
        List<OperationStep> steps =
        [
            new(CommonSteps.Prerequisites, $"runs '{GlobalDatastoreSwitch.CommandLine(GlobalDatastoreSwitch.VersionArguments)}'", "fail before any change when the AWS CLI is missing"),
            new(ReadActive, string.Join(" | ", scope.Regions.Select(r => GlobalDatastoreSwitch.CommandLine(ModelProviderSwitch.GetArguments(new ProviderSwitch(scope.Component, scope.Parameter, r, value, string.Empty))))),
                $"the rung each serving region's application uses now, read from SSM (serving: {string.Join(", ", scope.Regions)}; no other region is called)"),
        ];
        if (probes.Count > 0)
        {
            steps.Add(new(ProbeHealth, string.Join(" | ", probes.Select(p => RungHealthProbe.Describe(p, scope.Regions[0]))), "a rung whose health check fails is skipped, or refused when named"));
        }

        steps.Add(new(Decide, settings.To is null
                ? $"the next rung after the active one in {string.Join(" -> ", scope.Chain.Providers.Select(p => p.Name))} that is not down" +
                  (settings.Down.Count == 0 ? string.Empty : $" ({string.Join(", ", settings.Down)})") + ", healthy and not on the active rung's provider and region, preferring one that keeps retrieval"
                : $"--to {settings.To}: {known!.Why}",
            "rungs that break retrieval (embedding mismatch without a second index), fail their health check or share the active rung's outage are refused unless --force --reason (journaled)"));
        steps.Add(new(FailoverProgram.SwitchModelProvider,
            string.Join(" | ", scope.Regions.Select(r => ModelProviderSwitch.Describe(new ProviderSwitch(scope.Component, scope.Parameter, r, value, known?.Why ?? "decided above")))),
            "the application in each serving region reads the parameter and moves to the rung; the value is read back from SSM, not assumed"));
        if (scope.BestEffort.Count > 0)
        {
            steps.Add(new(SyncOtherRegions,
                string.Join(" | ", scope.BestEffort.Select(r => ModelProviderSwitch.Describe(new ProviderSwitch(scope.Component, scope.Parameter, r, value, "best effort: keeps this region's copy equal to the serving one")))),
                "a later failover to these regions starts from the rung the chain really runs on; a region that does not answer is reported and never waited on"));
        }

        return (steps, known is { Refused: true } ? known : null);
    }
}
