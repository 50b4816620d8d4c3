namespace DrKit.Failover;

/// <summary>
/// One step of a failover as the engine will run it, known before anything runs: what an RTO estimate composes and
/// what a dry run lists. The engine walks exactly <see cref="FailoverSteps.Plan"/>, so estimate and run cannot drift.
/// </summary>
/// <param name="Name">Step name from <see cref="FailoverSteps"/>.</param>
/// <param name="Order">Position in the run, from 1.</param>
/// <param name="Timeout">Longest the step may take before it counts as failed.</param>
/// <param name="PerTier">Whether the step acts once per data tier (fence, promote).</param>
/// <param name="TiersInParallel">Whether per-tier actions overlap; false means their durations add up.</param>
/// <param name="PerTierTimeout">Bound on each tier's action inside the step, when it has one of its own (the best-effort fence).</param>
public sealed record PlannedStep(string Name, int Order, TimeSpan Timeout, bool PerTier, bool TiersInParallel, TimeSpan? PerTierTimeout);
