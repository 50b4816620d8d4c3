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
/// <c>drkit-azure:*</c> keys.
/// </summary>
public static class AzureStack
{
    /// <summary>Whether the plan has components on Azure, which the Azure shell then declares.</summary>
    public static bool Declares(DrPlan plan) => Platform.Components(plan, Platform.Azure).Any();

    /// <summary>
    /// Why <paramref name="operations"/> cannot be declared by the Azure shell, or null. Not built: a stack mixing Azure with
    /// AWS-managed data, storage or compute (a stack has one cloud), and drill stacks (their restore comes from the drill
    /// program). Model-provider components are not refused: their Azure OpenAI rungs are declared, and their switch is not
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

        return operations.State.Drill is not null
            ? $"stack {plan.Stack} is a drill stack of Azure components: 'pulumi up' does not declare Azure drill restores. Nothing was declared."
            : null;
    }

    /// <summary>Declares the Azure stack and returns its outputs; a refusal stops the run with its message alone.</summary>
    public static IDictionary<string, object?> Declare(StackOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (Refusal(operations) is { } refusal)
        {
            throw new RunException(refusal);
        }

        var azure = new Config(AzureProviderSettings.Namespace);
        var provider = AzureProviderSettings.FromConfig(azure, Environment.GetEnvironmentVariable);
        var deploy = AzureDeploySettings.FromConfig(new Config(AzureDeploySettings.Namespace), provider.TenantId);
        return new Dictionary<string, object?>(new AzureResources(operations, provider, deploy, null).StackOutputs(), StringComparer.Ordinal);
    }
}
