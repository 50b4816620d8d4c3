namespace DrKit.Failover;

/// <summary>
/// Optional live progress callbacks (a console progress view). Called synchronously on the engine's flow,
/// so implementations should return quickly and must not throw.
/// </summary>
public interface IFailoverObserver
{
    /// <summary>A step began.</summary>
    void StepStarted(string operationId, string step, DateTimeOffset startedAt);

    /// <summary>A step finished successfully (or was skipped on resume, see <paramref name="outcome"/>).</summary>
    void StepCompleted(string operationId, string step, StepOutcome outcome, TimeSpan duration, string detail);

    /// <summary>A step failed, timed out or was refused.</summary>
    void StepFailed(string operationId, string step, StepOutcome outcome, TimeSpan duration, string detail);
}
