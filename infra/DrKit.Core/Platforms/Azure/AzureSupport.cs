using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// What DrKit can do with a stack whose components run on Azure today. Such a stack is planned, diffed and checked like
/// an AWS one, deployed by the program's Azure shell, failed over through the Azure CLI, given an Azure runbook, and
/// drilled in the cloud (<see cref="AzureDrillRestore"/>; its drill stacks are torn down like any other), failed back and
/// read live. The other operations (local drills, the model switch) still need adapters that compose Azure's calls from
/// a plan, so each of them
/// refuses such a stack before it calls, declares or writes anything, with this one message. A stack without Azure
/// components is unaffected.
/// </summary>
public static class AzureSupport
{
    /// <summary>The Azure components of <paramref name="plan"/>, by name; empty when nothing runs on Azure.</summary>
    public static IReadOnlyList<string> Components(DrPlan plan) =>
        Platform.Components(plan, Platform.Azure).Select(c => c.Name).ToList();

    /// <summary>The refusal for <paramref name="what"/> on <paramref name="plan"/>, or null when it has no Azure
    /// component. The model switch is refused too: its switch is an AWS Systems Manager parameter in each stack
    /// region, and an Azure stack's regions are Azure regions.</summary>
    public static string? Refusal(DrPlan plan, string what)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var azure = Components(plan);
        return azure.Count == 0
            ? null
            : $"{what} does not support Azure yet: stack {plan.Stack} has components on Azure ({string.Join(", ", azure)}), and DrKit does not yet " +
              "compose these Azure operations from a plan (local drills, the model switch). 'drkit plan', 'diff', 'check', 'failover', 'failback', " +
              "'readiness --live', a cloud 'drill' and 'teardown' of its drill stacks work on it, and the stack's 'pulumi up' declares it. Nothing was called, declared or changed.";
    }
}
