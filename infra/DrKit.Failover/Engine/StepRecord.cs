namespace DrKit.Failover;

/// <summary>What one step did during one run.</summary>
/// <param name="Name">Step name from <see cref="FailoverSteps"/> (or a gradual shift stage name).</param>
/// <param name="Started">When the step began, from the engine's clock.</param>
/// <param name="Finished">When it ended.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">Human-readable detail.</param>
public sealed record StepRecord(string Name, DateTimeOffset Started, DateTimeOffset Finished, StepOutcome Outcome, string Detail)
{
    /// <summary>Time the step took.</summary>
    public TimeSpan Duration => Finished - Started;
}
