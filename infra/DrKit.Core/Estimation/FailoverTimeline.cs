using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Failover;

namespace DrKit.Core.Estimation;

/// <summary>
/// Composes the service's RTO the way the failover program runs: detection and the operator's decision, then the steps
/// of <see cref="FailoverSteps.Plan"/> in their order, each held to the program's bound (<see cref="StepTimeouts.Cloud"/>).
/// Fence runs every tier at once (the longest counts); Promote runs tiers one after the other (their times add up);
/// ScaleCompute waits for every group it scales (the longest counts). A component the program brings back is ready when
/// its step ends, so its RTO is its place in this timeline, not an independent chain.
/// </summary>
internal static class FailoverTimeline
{
    public const string Detection = "Detection";
    public const string Decision = "Decision";

    /// <summary>The composed timeline, the participants' estimates rebuilt from it, and what the bounds say.</summary>
    public sealed record Result(IReadOnlyList<TimelineStep> Steps, IReadOnlyDictionary<string, Estimate> Components, Derivation Service, IReadOnlyList<string> Notes);

    /// <summary>Null when no failover program runs (a single-region stack, or nothing for it to move).</summary>
    public static Result? Compose(EstimateContext ctx, IReadOnlyList<(ComponentSpec Spec, Draft Draft)> drafts, StepTimeouts timeouts, DrillMeasurements measured)
    {
        var participants = drafts.Where(d => d.Draft.ServesTraffic || d.Draft.Estimate.Terms.Any(t => t.Measure == "RTO" && t.Step is not null)).ToList();
        if (ctx.SingleRegion || participants.Count == 0)
        {
            return null;
        }

        var tier = participants.Min(p => p.Spec.Tier);
        var steps = new List<TimelineStep>
        {
            Step(Detection, null, [Term(Detection, "detection", ctx.Paged, ctx.OutageDetection.Why)], "single"),
            Step(Decision, null, [Term(Decision, "decision", ctx.Decision(tier), $"an operator declares the failover ({Names.Of(tier)} tier, the most urgent component's)")], "single"),
        };
        var notes = new List<string>();
        var promoted = participants.Where(p => Own(p, FailoverSteps.Promote).Any()).ToList();
        var readyAt = new Dictionary<string, List<EstimateTerm>>(StringComparer.Ordinal);
        foreach (var planned in FailoverSteps.Plan(timeouts))
        {
            var (terms, composition) = planned.Name switch
            {
                FailoverSteps.Readiness => ([Term(planned.Name, "readiness", Figures.Readiness(planned.Timeout), "read replica roles and lag, capacity and outputs in the recovery region")], "single"),
                FailoverSteps.Fence => (promoted.Count == 0 ? [] : [Term(planned.Name, "fence", Figures.OutageFence(timeouts.FenceAttempt), $"fence {promoted.Count} old primaries at once, best effort, in the failed region")], "parallel"),
                FailoverSteps.Promote => (promoted.SelectMany(p => Own(p, planned.Name).Select(t => t with { Name = $"{p.Spec.Name} {t.Name}" })).ToList(), "serial"),
                FailoverSteps.ScaleCompute => (participants.SelectMany(p => Own(p, planned.Name).Select(t => t with { Name = $"{p.Spec.Name} {t.Name}" })).ToList(), "parallel"),
                FailoverSteps.ShiftTraffic => (Shift(ctx, planned.Name), "serial"),
                FailoverSteps.Verify => ((List<EstimateTerm>)[
                    Term(planned.Name, "healthy", Figure.Sourced(ctx.Traffic.Detection, Sources.Route53HealthChecks), $"Route 53 calls the recovery endpoint healthy after {ctx.Traffic.FailureThreshold} passing checks"),
                    Term(planned.Name, "DNS", Figure.Configured(ctx.Traffic.Ttl, "drkit:traffic.ttl"), "resolvers drop the old answer after the TTL")], "serial"),
                _ => ([Term(planned.Name, "report", Figures.Report, "record the result")], "single"),
            };
            var step = Step(planned.Name, planned.Timeout, Calibrate(planned.Name, terms, measured), composition);
            if (step.Worst is { } worst && worst > planned.Timeout)
            {
                notes.Add($"{planned.Name}'s worst case ({DurationText.Format(worst)}) exceeds the program's bound ({DurationText.Format(planned.Timeout)}): the run stops there and must be resumed, adding an operator's time.");
            }

            steps.Add(step);
            if (planned.Name == FailoverSteps.Promote)
            {
                // Tier by tier: each is ready when its own promotion ends.
                foreach (var p in promoted)
                {
                    readyAt[p.Spec.Name] = [.. Before(steps, planned.Name), .. TermsUntil(step, p.Spec.Name)];
                }
            }
            else if (planned.Name == FailoverSteps.ScaleCompute)
            {
                foreach (var p in participants.Where(p => Own(p, planned.Name).Any()))
                {
                    readyAt[p.Spec.Name] = [.. Before(steps, planned.Name), .. Critical(step)];
                }
            }
            else if (planned.Name == FailoverSteps.Verify)
            {
                foreach (var p in participants.Where(p => p.Draft.ServesTraffic))
                {
                    readyAt[p.Spec.Name] = [.. steps.SelectMany(s => s.Composition == "parallel" && s.Step == FailoverSteps.ScaleCompute ? Critical(s) : s.Terms)];
                }
            }
        }

        var service = new Derivation("RTO").AddRange(steps.SelectMany(s => s.Composition == "parallel" ? Critical(s) : s.Terms));
        var components = new Dictionary<string, Estimate>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            var own = p.Draft.Estimate;
            var rto = new Derivation("RTO").AddRange(readyAt.GetValueOrDefault(p.Spec.Name) ?? [.. service.Terms]);
            var rpo = own.Terms.Where(t => t.Measure == "RPO").ToList();
            var rebuilt = Estimates.Of(rpo.Count == 0 ? null : new Derivation("RPO").AddRange(rpo), rto, own.Caveats);
            components[p.Spec.Name] = rebuilt with { Reasoning = [.. rebuilt.Reasoning, $"RTO follows the failover program: {string.Join(" -> ", steps.Select(s => s.Step))}"] };
        }

        return new Result(steps, components, service, notes);
    }

    private static IEnumerable<EstimateTerm> Own((ComponentSpec Spec, Draft Draft) p, string step) =>
        p.Draft.Estimate.Terms.Where(t => t.Measure == "RTO" && t.Step == step);

    private static List<EstimateTerm> Shift(EstimateContext ctx, string step)
    {
        var terms = new List<EstimateTerm>();
        var chains = ctx.Stack.Components.Select(c => c.Options).OfType<ModelProviderOptions>().Where(o => o.Switch == SwitchMechanism.Parameter).ToList();
        if (chains.Count > 0)
        {
            // The program writes each chain's switch parameter before the routing controls move (SwitchModelProvider).
            terms.Add(Term(step, FailoverSteps.SwitchModelProvider, Figure.Assumed(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)), "write the switch parameter in the recovery region"));
        }

        terms.Add(Term(step, "routing controls", Figures.RoutingControl, "turn the recovery region's routing control on (ARC data plane)"));
        return terms;
    }

    private static List<EstimateTerm> Calibrate(string step, List<EstimateTerm> terms, DrillMeasurements measured)
    {
        if (!measured.Steps.TryGetValue(step, out var m) || terms.Count == 0)
        {
            return terms;
        }

        var text = $"measured in drill on {m.Date:yyyy-MM-dd}: {DurationText.Format(m.Duration)}";
        if (!measured.Use)
        {
            return [.. terms.Select(t => t with { Measured = text })];
        }

        var worst = terms.Any(t => t.Worst is null) ? (TimeSpan?)null : terms.Aggregate(TimeSpan.Zero, (s, t) => s + t.Worst!.Value);
        return [new EstimateTerm("RTO", step.ToLowerInvariant(), m.Duration, worst is { } w && w > m.Duration ? w : worst is null ? null : m.Duration,
            TermBasis.Measured, $"drill on {m.Date:yyyy-MM-dd}", $"the whole {step} step as the newest drill measured it (replaces {terms.Count} assumed terms)")
        {
            Step = step,
            UnboundedBecause = worst is null ? terms.First(t => t.Worst is null).UnboundedBecause : null,
            Measured = text,
        }];
    }

    private static IEnumerable<EstimateTerm> Before(List<TimelineStep> steps, string step) =>
        steps.TakeWhile(s => s.Step != step).SelectMany(s => s.Composition == "parallel" ? Critical(s) : s.Terms);

    /// <summary>Terms of a serial step up to and including <paramref name="component"/>'s own.</summary>
    private static IEnumerable<EstimateTerm> TermsUntil(TimelineStep step, string component)
    {
        var last = step.Terms.ToList().FindLastIndex(t => t.Name.StartsWith(component + " ", StringComparison.Ordinal));
        return step.Terms.Take(last + 1);
    }

    /// <summary>The terms of the parallel branch that takes longest (worst case first, unbounded longest of all).</summary>
    private static IEnumerable<EstimateTerm> Critical(TimelineStep step)
    {
        if (step.Composition != "parallel")
        {
            return step.Terms;
        }

        // A parallel step's branches are its components: terms are named "<component> <term>".
        var branches = step.Terms.GroupBy(t => t.Name.Split(' ', 2)[0]).ToList();
        return branches.Count == 0 ? [] : branches
            .OrderByDescending(b => b.Any(t => t.Worst is null) ? TimeSpan.MaxValue : b.Aggregate(TimeSpan.Zero, (s, t) => s + t.Worst!.Value))
            .ThenByDescending(b => b.Aggregate(TimeSpan.Zero, (s, t) => s + t.Typical))
            .First();
    }

    private static TimelineStep Step(string name, TimeSpan? timeout, List<EstimateTerm> terms, string composition)
    {
        var shape = new TimelineStep(name, TimeSpan.Zero, TimeSpan.Zero, timeout, terms) { Composition = composition };
        var counted = new Derivation("RTO").AddRange(Critical(shape));
        return shape with { Typical = counted.Typical, Worst = counted.Worst };
    }

    private static EstimateTerm Term(string step, string name, Figure f, string why) =>
        new("RTO", name, f.Typical, f.Worst, f.Basis, f.Source, why) { Step = step, UnboundedBecause = f.Worst is null ? f.UnboundedBecause : null };
}
