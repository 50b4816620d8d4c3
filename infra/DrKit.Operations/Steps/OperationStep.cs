namespace DrKit.Operations.Steps;

/// <summary>
/// One step a program takes, as a dry run shows it: its name, the exact gateway calls or config changes it makes,
/// and why. A real run goes through the same steps in the same order.
/// </summary>
/// <param name="Name">Step name, as it appears in progress output and the journal.</param>
/// <param name="Calls">What it calls: gateway operations, config keys and values, outputs read.</param>
/// <param name="Why">Why the step is there.</param>
public sealed record OperationStep(string Name, string Calls, string Why);
