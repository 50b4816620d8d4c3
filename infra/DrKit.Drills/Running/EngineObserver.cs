using DrKit.Failover;

namespace DrKit.Drills.Running;

/// <summary>Copies the engine's step callbacks into the drill timeline (and so into the live display).</summary>
internal sealed class EngineObserver(DrillTimeline timeline) : IFailoverObserver
{
    public void StepStarted(string operationId, string step, DateTimeOffset startedAt) =>
        timeline.Add("step", step + " started", string.Empty, startedAt);

    public void StepCompleted(string operationId, string step, StepOutcome outcome, TimeSpan duration, string detail) =>
        timeline.Add("step", $"{step} {outcome}", $"{detail} ({duration.TotalMilliseconds:0} ms)");

    public void StepFailed(string operationId, string step, StepOutcome outcome, TimeSpan duration, string detail) =>
        timeline.Add("step", $"{step} {outcome}", $"{detail} ({duration.TotalMilliseconds:0} ms)");
}
