using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Operations;

/// <summary>Bundled plans and drkit-ops values as a Pulumi program would read them.</summary>
internal static class OpsPlans
{
    public const string Origin = "pulumi config (stack test)";

    private static readonly Dictionary<string, DrPlan> Plans = new(StringComparer.Ordinal);

    public static DrPlan Of(string stack)
    {
        if (!Plans.TryGetValue(stack, out var plan))
        {
            plan = Planner.PlanFile(RepoPaths.Stack(stack));
            Plans[stack] = plan;
        }

        return plan;
    }

    /// <summary>Reads short keys (<c>fence.context-store</c>) with their values into the state.</summary>
    public static OperationsState State(DrPlan plan, params (string Key, string Value)[] values) =>
        OperationsConfig.FromRaw(Origin, values.ToDictionary(v => OperationsKeys.Full(v.Key), v => v.Value, StringComparer.Ordinal), plan);

    public static StackOperations Decide(string stack, params (string Key, string Value)[] values)
    {
        var plan = Of(stack);
        return StackOperations.Decide(plan, State(plan, values));
    }
}
