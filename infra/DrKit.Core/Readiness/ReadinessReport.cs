namespace DrKit.Core.Readiness;

/// <summary>One reason the score is below 100: what, about what, how many points and why.</summary>
public sealed record Deduction(string Category, string Subject, int Points, string Why);

/// <summary>A stack's failover readiness: 100 minus every deduction (floored at 0), judged against the alert threshold.</summary>
/// <param name="Live">True when live state from a deployed stack was read; false for the offline score alone.</param>
/// <param name="NotChecked">Parts of readiness that were not assessed, and why (offline, no outputs, no datapoint).</param>
public sealed record ReadinessReport(string Stack, int Score, int Threshold, bool Live, IReadOnlyList<Deduction> Deductions, IReadOnlyList<string> NotChecked)
{
    public bool BelowThreshold => Score < Threshold;

    /// <summary>Seed wording: below the threshold the score alerts (high severity), at or above it the stack is ready.</summary>
    public string Verdict => BelowThreshold ? $"below the alert threshold of {Threshold}" : $"at or above the alert threshold of {Threshold}";
}
