namespace DrKit.Core.Monitoring;

/// <summary>
/// How long after the primary region fails an alarm that survives it fires (<see cref="AlarmPlanner.OutageDetection"/>).
/// </summary>
/// <param name="Typical">The outage starts just before a check or run.</param>
/// <param name="Worst">The outage starts just after a passing check or run: one interval more.</param>
/// <param name="Why">Which signal is counted and how, for the estimate's derivation.</param>
/// <param name="ByCanary">True when the canary outside the primary is the signal (Route 53's alarm fails with the primary).</param>
public sealed record OutageDetectionTime(TimeSpan Typical, TimeSpan Worst, string Why, bool ByCanary);
