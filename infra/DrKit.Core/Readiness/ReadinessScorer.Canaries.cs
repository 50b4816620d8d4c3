namespace DrKit.Core.Readiness;

public static partial class ReadinessScorer
{
    /// <summary>
    /// The outage canaries, the signal that survives the region it watches (Route 53's lives in us-east-1 only): a
    /// canary that is not running -10, its endpoint failing as seen from another region -25 (as an unhealthy health
    /// check; not for a canary on a region that answers nothing before a failover), unknown -5. Capped at 35.
    /// </summary>
    private static IEnumerable<Deduction> CanaryRules(IEnumerable<CanaryObservation> canaries)
    {
        foreach (var c in canaries)
        {
            var subject = $"{c.Canary} ({c.Region} watching {c.ProbedRegion})";
            if (c.State is null)
            {
                yield return new Deduction(Canary, subject, 5, $"canary state unknown: {c.Source}");
            }
            else if (c.State != "RUNNING")
            {
                yield return new Deduction(Canary, subject, 10, $"the canary is {c.State}, not RUNNING: no outage signal survives an outage of {c.ProbedRegion} but its own: {c.Source}");
            }
            else if (!c.ExpectedUntilFailover && c.SuccessPercent is { } success && success < 100)
            {
                yield return new Deduction(Canary, subject, 25, $"{c.ProbedRegion} fails as seen from {c.Region} (SuccessPercent {success.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}): {c.Source}");
            }
            else if (!c.ExpectedUntilFailover && c.SuccessPercent is null)
            {
                yield return new Deduction(Canary, subject, 5, $"no SuccessPercent datapoint of the running canary: {c.Source}");
            }
        }
    }
}
