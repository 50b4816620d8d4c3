using DrKit.Core.Config;
using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;

namespace DrKit.Core.Planning;

/// <summary>Turns a validated stack into its DR plan: mechanisms, settings, estimates, verdicts and cost.</summary>
public static class Planner
{
    /// <summary>Reads a stack file and plans it; throws <see cref="StackConfigException"/> on bad input.</summary>
    public static DrPlan PlanFile(string path) => Plan(StackSpecReader.ReadFile(path));

    public static DrPlan Plan(StackSpec stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var traffic = Traffic(stack);
        var ctx = new EstimateContext(stack, traffic);
        var regionCount = 1 + stack.RecoveryRegions.Count;
        var components = stack.Components.Select(c =>
        {
            var draft = Estimator.Draft(c, ctx);
            var (verdict, reason) = Judge.Verdict(c.Target, draft.Estimate);
            return new ComponentPlan(c.Name, c.Kind, c.Tier, c.Strategy, draft.Mechanism, c.Target, draft.Estimate, verdict, reason,
                Math.Round(CostModel.Factor(c.Strategy, regionCount) * draft.CostMultiplier, 2), draft.Regions, draft.Settings);
        }).ToList();

        var weight = components.Sum(c => CostModel.Weight(c.Kind));
        var total = weight == 0 ? 1.0 : Math.Round(components.Sum(c => CostModel.Weight(c.Kind) * c.CostFactor) / weight, 2);
        var rpos = components.Where(c => c.Estimate.Rpo is not null).Select(c => c.Estimate.Rpo!.Value).ToList();
        var notes = new List<string>();
        if (stack.IsSingleRegion)
        {
            notes.Add($"Single-region stack: estimates cover restoring a component inside {stack.PrimaryRegion}; the loss of {stack.PrimaryRegion} itself is not recoverable from this plan.");
        }

        if (components.Count > 0)
        {
            var slowest = components.MaxBy(c => c.Estimate.Rto)!;
            notes.Add($"Service RTO is set by {slowest.Name} ({DurationText.Format(slowest.Estimate.Rto)}).");
        }

        return new DrPlan(
            stack.StackName,
            stack.Source,
            stack.Service,
            stack.PrimaryRegion,
            stack.RecoveryRegions,
            traffic,
            components,
            total,
            components.Count == 0 ? TimeSpan.Zero : components.Max(c => c.Estimate.Rto),
            rpos.Count == 0 ? null : rpos.Max(),
            components.Count == 0 ? Verdict.Met : components.Max(c => c.Verdict),
            notes,
            stack.Policy)
        {
            Alerts = stack.Alerts,
            MonitoringRegion = stack.MonitoringRegion,
        };
    }

    private static TrafficPlan Traffic(StackSpec stack)
    {
        var endpoint = stack.Components.FirstOrDefault(c => c.Kind == ComponentKind.InferenceEndpoint);
        var options = endpoint?.Options as EndpointOptions;
        var routing = stack.Traffic.Routing ?? (endpoint?.Strategy == Strategy.ActiveActive ? RoutingPolicy.Latency : RoutingPolicy.Failover);
        return new TrafficPlan(
            stack.Traffic.Domain,
            stack.Traffic.HostedZoneId,
            stack.Traffic.HealthCheckPath,
            (int)stack.Traffic.HealthCheckInterval.TotalSeconds,
            stack.Traffic.FailureThreshold,
            (int)stack.Traffic.Ttl.TotalSeconds,
            routing,
            options?.Endpoints ?? new Dictionary<string, string>(),
            options?.Port ?? 443)
        {
            Weights = stack.Regions().ToDictionary(
                r => r,
                r => endpoint?.Strategy == Strategy.ActiveActive || r == stack.PrimaryRegion ? FullWeight : 0,
                StringComparer.Ordinal),
        };
    }

    /// <summary>Route 53 weights range 0-255; 100 reads as a percentage in consoles and reports.</summary>
    private const int FullWeight = 100;
}
