namespace DrKit.Failover;

/// <summary>What a step's action concluded after acting and verifying.</summary>
internal readonly record struct StepVerdict(StepOutcome Outcome, string Detail)
{
    public static StepVerdict Completed(string detail) => new(StepOutcome.Completed, detail);

    public static StepVerdict Failed(string detail) => new(StepOutcome.Failed, detail);

    public static StepVerdict Refused(string detail) => new(StepOutcome.Refused, detail);
}
