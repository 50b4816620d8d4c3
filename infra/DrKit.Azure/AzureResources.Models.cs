using DrKit.Azure.Models;
using DrKit.Core.Platforms.Azure;
using Pulumi;

namespace DrKit.Azure;

public sealed partial class AzureResources
{
    /// <summary>The Azure OpenAI accounts and deployments of every model-provider chain (in their own resource groups, as
    /// on an AWS stack), exporting each rung's endpoint. The chain's switch is not declared: it is an AWS Systems Manager
    /// parameter, and <c>drkit switch-model</c> refuses Azure stacks.</summary>
    private void Models(Resource? parent)
    {
        IReadOnlyDictionary<string, IReadOnlyList<AzureOpenAiAccount>> chains;
        try
        {
            chains = AzureOpenAiDeployments.DecideAll(Operations.Plan);
        }
        catch (InvalidOperationException e)
        {
            throw new RunException(e.Message);
        }

        foreach (var (component, accounts) in chains.Where(c => c.Value.Count > 0))
        {
            var fallbacks = new OpenAiFallbacks($"{component}-azure", new OpenAiFallbacksArgs
            {
                Component = component,
                Accounts = accounts,
                Providers = Providers,
                Tags = new Dictionary<string, string>(Tags, StringComparer.Ordinal) { ["component"] = component },
            }, new ComponentResourceOptions { Parent = parent });
            foreach (var (rung, endpoint) in fallbacks.Endpoints)
            {
                Ids[AzureOutputNames.Of(component, AzureOutputNames.OpenAiEndpoint, rung)] = endpoint;
            }
        }
    }
}
