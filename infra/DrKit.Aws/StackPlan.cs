using DrKit.Core.Config;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws;

/// <summary>Reads the stack's drkit:* config through Pulumi config and plans it exactly as <c>drkit plan</c> does;
/// reads the drkit-ops:* keys the plan implies into the operations state.</summary>
public static class StackPlan
{
    public static DrPlan Load()
    {
        var stack = Deployment.Instance.StackName;
        var config = new Config(StackSpecReader.Namespace);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in StackSpecReader.TopLevelKeys)
        {
            if (config.Get(key) is { } value)
            {
                raw[$"{StackSpecReader.Namespace}:{key}"] = value;
            }
        }

        try
        {
            return Planner.Plan(StackSpecReader.Read(stack, PulumiConfigValues.FromRaw($"pulumi config (stack {stack})", raw)));
        }
        catch (StackConfigException ex)
        {
            // A RunException reaches the user as its message alone: every config problem, no stack trace.
            throw new RunException($"DrKit cannot plan stack '{stack}':{Environment.NewLine}{ex.Message}", ex);
        }
    }

    /// <summary>Pulumi config cannot list keys: reads each key the plan implies and lets the core validate them.</summary>
    public static OperationsState LoadOperations(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var config = new Config(OperationsKeys.Namespace);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        // A drill stack also reads the source's values the drill copied (restore sources, recovery points).
        foreach (var key in OperationsKeys.Implied(plan).Concat(DrKit.Core.Platforms.Aws.DrillRestore.SourceKeys(plan)))
        {
            if (config.Get(key) is { } value)
            {
                raw[OperationsKeys.Full(key)] = value;
            }
        }

        try
        {
            return OperationsConfig.FromRaw($"pulumi config (stack {plan.Stack})", raw, plan);
        }
        catch (StackConfigException ex)
        {
            throw new RunException($"DrKit cannot apply the operations settings of stack '{plan.Stack}':{Environment.NewLine}{ex.Message}", ex);
        }
    }
}
