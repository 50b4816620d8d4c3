using DrKit.Core.Config;
using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Failover;

namespace DrKit.Core.Planning;

/// <summary>Turns a validated stack into its DR plan: mechanisms, settings, estimates, verdicts and cost.</summary>
public static partial class Planner
{
    /// <summary>Reads a stack file and plans it; throws <see cref="StackConfigException"/> on bad input.</summary>
    public static DrPlan PlanFile(string path) => Plan(StackSpecReader.ReadFile(path));

    /// <summary>Reads a stack file and plans it with what its drills measured.</summary>
    public static DrPlan PlanFile(string path, DrillMeasurements measured) => Plan(StackSpecReader.ReadFile(path), measured);

    public static DrPlan Plan(StackSpec stack) => Plan(stack, DrillMeasurements.None);

    /// <summary>
    /// Plans <paramref name="stack"/>. The RTO of everything the failover program moves is composed from its steps
    /// (<see cref="FailoverSteps.Plan"/> with <see cref="StepTimeouts.Cloud"/>); <paramref name="measured"/> step times are
    /// shown beside the assumptions and replace them when the stack or the caller asks.
    /// </summary>
    public static DrPlan Plan(StackSpec stack, DrillMeasurements measured)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(measured);
        measured = measured with { Use = measured.Use || stack.Estimates.UseMeasured };
        var traffic = Traffic(stack);
        var ctx = new EstimateContext(stack, traffic);
        var regionCount = 1 + stack.RecoveryRegions.Count;
        var drafts = stack.Components.Select(c => (Spec: c, Draft: Estimator.Draft(c, ctx))).ToList();
        var timeline = FailoverTimeline.Compose(ctx, drafts, StepTimeouts.Cloud, measured);
        var components = drafts.Select(d =>
        {
            var (c, draft) = d;
            var estimate = timeline?.Components.GetValueOrDefault(c.Name) ?? draft.Estimate;
            var (verdict, reason) = Judge.Verdict(c.Target, estimate);
            var (cost, costBasis) = CostModel.ForComponent(c, draft.Settings, regionCount, draft.CostMultiplier);
            return new ComponentPlan(c.Name, c.Kind, c.Tier, c.Strategy, draft.Mechanism, c.Target, estimate, verdict, reason, cost, draft.Regions, draft.Settings)
            {
                CostBasis = costBasis,
            };
        }).ToList();

        var weight = components.Sum(c => CostModel.Weight(c.Kind));
        var total = weight == 0 ? 1.0 : Math.Round(components.Sum(c => CostModel.Weight(c.Kind) * c.CostFactor) / weight, 2);
        var notes = new List<string>();
        if (stack.IsSingleRegion)
        {
            notes.Add($"Single-region stack: estimates cover restoring a component inside {stack.PrimaryRegion}; the loss of {stack.PrimaryRegion} itself is not recoverable from this plan.");
        }

        var service = ServiceRto(components, timeline, notes);
        var data = components.Where(c => c.Estimate.Rpo is not null && !IsPublished(c.Kind)).ToList();
        var published = components.Where(c => c.Estimate.Rpo is not null && IsPublished(c.Kind)).ToList();
        var gaps = RecoveryPoints(components);
        foreach (var gap in gaps)
        {
            notes.Add($"Recovery points diverge: {gap.Component} can be {Range(gap.TypicalBehind, gap.WorstBehind)} behind {gap.RelatedTo} after a failover ({gap.Why}).");
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
            service.Worst ?? service.Typical,
            data.Count == 0 ? null : data.Max(c => c.Estimate.Rpo!.Value),
            components.Count == 0 ? Verdict.Met : components.Max(c => c.Verdict),
            notes,
            stack.Policy)
        {
            Alerts = stack.Alerts,
            MonitoringRegion = stack.MonitoringRegion,
            ServiceRtoTypical = service.Typical,
            ServiceRtoUnbounded = service.Worst is null ? service.Unbounded : null,
            ServiceRpoTypical = data.Count == 0 ? null : data.Max(c => c.Estimate.TypicalRpo!.Value),
            PropagationDelay = published.Count == 0 ? null : published.Max(c => c.Estimate.Rpo!.Value),
            Timeline = timeline?.Steps ?? [],
            RecoveryPoints = gaps,
            Calibrated = measured.Use && measured.Steps.Count > 0,
        };
    }

    /// <summary>Released content (model artifacts, images): its "RPO" is how late a release reaches the recovery region, not lost writes.</summary>
    private static bool IsPublished(ComponentKind kind) => kind is ComponentKind.ModelArtifacts or ComponentKind.ContainerImages;

    /// <summary>
    /// The failover timeline when the program runs, else (or when a component recovering on its own path is slower) the
    /// slowest component of the service's most urgent tier: the service is back when those are. Components of a lower
    /// tier may by their own targets come back later (an offline feature store restored within a day), so they are listed
    /// in a note instead of setting the service's figure.
    /// </summary>
    private static (TimeSpan Typical, TimeSpan? Worst, string? Unbounded) ServiceRto(IReadOnlyList<ComponentPlan> components, FailoverTimeline.Result? timeline, List<string> notes)
    {
        if (components.Count == 0)
        {
            return (TimeSpan.Zero, TimeSpan.Zero, null);
        }

        var typical = timeline?.Service.Typical ?? TimeSpan.Zero;
        TimeSpan? worst = timeline is null ? TimeSpan.Zero : timeline.Service.Worst;
        var unbounded = timeline?.Service.Unbounded;
        var setBy = timeline is null ? null : "the failover program";
        var urgent = components.Min(c => c.Tier);
        var later = components.Where(c => c.Tier != urgent && timeline?.Components.ContainsKey(c.Name) != true).ToList();
        if (later.Count > 0)
        {
            notes.Add($"Recovering after the service, within their own tier's targets: {string.Join(", ", later.Select(c => $"{c.Name} ({Names.Of(c.Tier)}, RTO {Range(c.Estimate.TypicalRto, c.Estimate.RtoGuaranteed ? c.Estimate.Rto : null)})"))}.");
        }

        foreach (var c in components.Except(later))
        {
            var cWorst = c.Estimate.RtoGuaranteed ? c.Estimate.Rto : (TimeSpan?)null;
            if (c.Estimate.TypicalRto > typical)
            {
                typical = c.Estimate.TypicalRto;
                setBy = c.Name;
            }

            if (worst is { } w && (cWorst is null || cWorst > w))
            {
                worst = cWorst;
                unbounded = cWorst is null ? $"{c.Name}: {c.Estimate.RtoUnbounded}" : unbounded;
            }
        }

        if (timeline is not null)
        {
            notes.Add($"Service RTO follows the failover program: {string.Join(" -> ", timeline.Steps.Select(s => $"{s.Step} {Range(s.Typical, s.Worst)}"))}.");
            notes.AddRange(timeline.Notes);
        }

        notes.Add($"Service RTO is set by {setBy} (typical {DurationText.Format(typical)}, worst {(worst is { } x ? DurationText.Format(x) : "unbounded")}).");
        return (typical, worst, unbounded);
    }

    private static string Range(TimeSpan typical, TimeSpan? worst) => Derivation.Range(typical, worst);
}
