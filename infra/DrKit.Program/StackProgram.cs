using DrKit.Core.Operations;
using DrKit.Core.Platforms;
using DrKit.Kubernetes;

namespace DrKit.Program;

/// <summary>
/// The stack program: plans the selected stack, then lets each platform's shell declare its components. AWS declares
/// its managed services and the health-checked DNS; Kubernetes the components with <c>platform: kubernetes</c>; a stack
/// with components on Azure is declared by the Azure shell (<c>DrKit.Azure.AzureStack</c>). A
/// stack with nothing on AWS creates no AWS provider, so it needs no AWS credentials.
/// </summary>
public static class StackProgram
{
    public static IDictionary<string, object?> Outputs()
    {
        var plan = StackPlan.Load();
        var operations = StackOperations.Decide(plan, StackPlan.LoadOperations(plan));
        if (Azure.AzureStack.Declares(plan))
        {
            // A stack on Azure is declared by the Azure shell alone (never the AWS shell's providers, DNS and alarms in
            // Azure's region names); what it does not build is refused there before anything is declared, and a drill
            // stack declares only its restored copies (AzureDrillResources).
            return Azure.AzureStack.Declare(operations);
        }

        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        var onAws = Platform.Components(plan, Platform.Aws).Any(c => c.Kind != Core.Model.ComponentKind.InferenceEndpoint) || plan.Traffic.Domain is not null;
        if (onAws)
        {
            foreach (var (key, value) in new DrResources(operations, null).StackOutputs())
            {
                outputs[key] = value;
            }
        }

        if (Platform.Components(plan, Platform.Kubernetes).Any())
        {
            var kubernetes = new KubernetesResources(operations, null);
            foreach (var (key, value) in kubernetes.FlatOutputs(operations))
            {
                // Kubernetes data tiers report their own endpoints; everything else is the same decided text.
                if (!onAws || !outputs.ContainsKey(key) || operations.Tiers.Keys.Any(t => key.StartsWith(t + ".", StringComparison.Ordinal)))
                {
                    outputs[key] = value;
                }
            }
        }
        else if (!onAws)
        {
            foreach (var (key, value) in operations.FlatOutputs(new Dictionary<string, TierEndpoints>(StringComparer.Ordinal)))
            {
                outputs[key] = Output.Create(value);
            }
        }

        return outputs;
    }
}
