using DrKit.Core.Model;
using DrKit.Core.Objectives;

namespace DrKit.Core.Config;

public static partial class StackSpecReader
{
    /// <summary>
    /// <c>drkit:estimates</c>: <c>decisionTime</c> per tier (a duration from detection to a declared failover) and
    /// <c>calibration</c> (<c>assumed</c>, the default, or <c>measured</c> to use the drill history's step times).
    /// </summary>
    private static EstimateSettings ReadEstimates(Fields top, List<ConfigProblem> problems)
    {
        if (top.Map("estimates") is not { } map)
        {
            return EstimateSettings.Default;
        }

        var f = new Fields(map, "estimates", problems, ["decisionTime", "calibration"]);
        var decision = new Dictionary<Tier, TimeSpan>();
        if (f.Map("decisionTime") is { } times)
        {
            var d = new Fields(times, "estimates.decisionTime", problems, [.. Names.Tiers.Keys]);
            foreach (var (name, tier) in Names.Tiers)
            {
                if (d.Duration(name) is { } t)
                {
                    if (t > TimeSpan.FromDays(1))
                    {
                        d.Problem(name, $"expected at most 24h from detection to a declared failover, got '{DurationText.Format(t)}'");
                    }

                    decision[tier] = t;
                }
            }
        }

        var calibration = f.Choice("calibration", new Dictionary<string, bool>(StringComparer.Ordinal) { ["assumed"] = false, ["measured"] = true });
        return new EstimateSettings(decision, decision.Keys.ToHashSet(), calibration ?? false);
    }
}
