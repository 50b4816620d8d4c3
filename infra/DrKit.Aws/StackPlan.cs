using DrKit.Core.Config;
using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws;

/// <summary>Reads the stack's drkit:* config through Pulumi config and plans it exactly as <c>drkit plan</c> does.</summary>
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
}
