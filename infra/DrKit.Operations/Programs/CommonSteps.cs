using DrKit.Operations.Adapters;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

/// <summary>Step names and descriptions shared by the programs.</summary>
internal static class CommonSteps
{
    public const string Prerequisites = "Prerequisites";
    public const string SelectStack = "SelectStack";

    public static OperationStep PrerequisitesStep() => new(Prerequisites,
        "gateway.EnsureReady: runs 'pulumi version', looks for AWS credentials (AWS_* variables, AWS_PROFILE, ~/.aws)",
        "fail before any change when the CLI or credentials are missing");

    public static OperationStep SelectStep(string stack) => new(SelectStack,
        $"gateway.SelectStack({stack})",
        "the stack must already exist; nothing is created");

    public static string Describe(IEnumerable<IOutputProbe> probes) => string.Join("; ", probes.Select(p => $"{p.Name}: {p.Expectation}"));
}
