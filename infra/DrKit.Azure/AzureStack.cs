using DrKit.Azure.Models;
using DrKit.Core.Model;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms;
using DrKit.Core.Platforms.Azure;
using Pulumi;

namespace DrKit.Azure;

/// <summary>
/// The program's entry for a stack with components on Azure: refuses what the Azure shell does not build, before anything
/// is declared, then lets <see cref="AzureResources"/> declare the rest from the stack's <c>azure:*</c> and
/// <c>drkit-azure:*</c> keys, or, for a drill stack, <see cref="Drills.AzureDrillResources"/> its restored copies alone.
/// </summary>
public static class AzureStack
{
    /// <summary>Whether the plan has components on Azure, which the Azure shell then declares.</summary>
    public static bool Declares(DrPlan plan) => Platform.Components(plan, Platform.Azure).Any();

    /// <summary>
    /// Why <paramref name="operations"/> cannot be declared by the Azure shell, or null. Not built: a stack mixing Azure with
    /// AWS-managed data, storage or compute (a stack has one cloud), or with Kubernetes components; a drill stack of such a
    /// plan is refused the same way. Model-provider components are not refused: their Azure OpenAI rungs are declared, and their switch is not
    /// (switch-model refuses Azure stacks).
    /// </summary>
    public static string? Refusal(StackOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var plan = operations.Plan;
        var aws = Platform.Components(plan, Platform.Aws).Where(c => c.Kind != ComponentKind.ModelProvider).Select(c => c.Name).ToList();
        if (aws.Count > 0)
        {
            return $"stack {plan.Stack} has components on Azure and on AWS ({string.Join(", ", aws)}): DrKit declares one cloud per stack. Nothing was declared.";
        }

        if (Platform.Components(plan, Platform.Kubernetes).Any())
        {
            return $"stack {plan.Stack} has components on Azure and on Kubernetes: DrKit does not declare that combination. Nothing was declared.";
        }

        return null;
    }

    /// <summary>Declares the Azure stack (a drill stack: only its restored copies, in its own resource group) and returns its
    /// outputs; a refusal stops the run with its message alone.</summary>
    public static IDictionary<string, object?> Declare(StackOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (Refusal(operations) is { } refusal)
        {
            throw new RunException(refusal);
        }

        var azure = new Config(AzureProviderSettings.Namespace);
        var provider = AzureProviderSettings.FromConfig(azure, Environment.GetEnvironmentVariable);
        if (operations.State.Drill is not null)
        {
            return new Drills.AzureDrillResources(operations, provider).StackOutputs();
        }

        var deploy = AzureDeploySettings.FromConfig(new Config(AzureDeploySettings.Namespace), provider.TenantId);
        return new Dictionary<string, object?>(new AzureResources(operations, provider, deploy, null).StackOutputs(), StringComparer.Ordinal);
    }
}
