using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Policies.Plan;

internal static partial class PlanRules
{
    private static IEnumerable<Violation> GpuRecoveryCapacity(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            if (c.Settings is not GpuSettings gpu || plan.RecoveryRegions.Count == 0)
            {
                continue;
            }

            if (!gpu.Reserved)
            {
                if (c.Tier is Tier.Critical or Tier.Production)
                {
                    yield return new Violation(c.Name, $"{Core.Model.Names.Of(c.Tier)} GPUs fail over to on-demand {gpu.InstanceType} capacity, which may not exist at failover", c.Tier);
                }

                continue;
            }

            var shortfall = plan.RecoveryRegions
                .Select(r => (Region: r, Reserved: gpu.Allocations.Where(a => a.Region == r).Sum(a => a.Reserved)))
                .Where(x => x.Reserved < gpu.Count)
                .Select(x => $"{x.Region} reserves {x.Reserved} of the {gpu.Count} x {gpu.InstanceType} failover needs")
                .ToList();
            if (shortfall.Count > 0)
            {
                yield return new Violation(c.Name, string.Join("; ", shortfall), c.Tier);
            }
        }
    }

    private static IEnumerable<Violation> GpuReservationPosture(DrPlan plan, PolicyContext context)
    {
        var now = context.Time.GetUtcNow();
        var horizon = now + plan.Policy.PostureWindow;
        foreach (var c in plan.Components)
        {
            if (c.Settings is not GpuSettings gpu || !gpu.Reserved)
            {
                continue;
            }

            // A reservation is gone from the start of its end date: the conservative reading of a date-only end.
            var ending = gpu.Allocations
                .Where(a => a.Reserved > 0 && a.ReservationEnd is { } end && Start(end) < horizon)
                .Select(a => $"{a.Region} reservation ends {a.ReservationEnd:yyyy-MM-dd}{(Start(a.ReservationEnd!.Value) <= now ? " (already ended)" : string.Empty)}")
                .ToList();
            if (ending.Count > 0)
            {
                yield return new Violation(c.Name, $"{string.Join("; ", ending)}, inside the {F(plan.Policy.PostureWindow)} posture window", c.Tier);
            }
        }
    }

    private static DateTimeOffset Start(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
