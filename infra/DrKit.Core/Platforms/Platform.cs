using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Core.Platforms;

/// <summary>
/// Where a component runs. The one place that tells planned components apart: Kubernetes settings run on Kubernetes,
/// Azure settings on Azure managed services, everything else on AWS managed services (a stack's cloud, which sets the
/// default platform of its components, is <see cref="Cloud"/>). Each platform's knowledge lives in its own folder
/// (<c>Platforms/Kubernetes</c>, <c>Platforms/Azure</c> here, the Pulumi shells <c>DrKit.Aws</c>, <c>DrKit.Azure</c> and <c>DrKit.Kubernetes</c>). AWS, the first
/// platform, keeps its figures and mechanisms where they began (<c>Estimation/Assumptions.cs</c>, <c>Estimator</c>):
/// the reader and estimator hand a component to another platform's folder only when its options say so, so nothing
/// there had to move for Kubernetes to be added.
/// </summary>
public static class Platform
{
    public const string Aws = "aws";
    public const string Kubernetes = "kubernetes";
    public const string Azure = "azure";

    /// <summary>Spellings of the component key <c>platform</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Aws] = Aws,
        [Kubernetes] = Kubernetes,
        [Azure] = Azure,
    };

    public static string Of(ComponentPlan component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Settings switch
        {
            KubernetesSettings => Kubernetes,
            AzureSettings => Azure,
            _ => Aws,
        };
    }

    /// <summary>The plan's components that run on <paramref name="platform"/>.</summary>
    public static IEnumerable<ComponentPlan> Components(DrPlan plan, string platform)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Components.Where(c => Of(c) == platform);
    }
}
