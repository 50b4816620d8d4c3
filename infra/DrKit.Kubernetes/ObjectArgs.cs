using System.Collections.Immutable;
using Pulumi;
using Pulumi.Kubernetes.ApiExtensions;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace DrKit.Kubernetes;

/// <summary>
/// A custom resource with a free-form <c>spec</c>, for operator CRDs the Kubernetes SDK has no classes for
/// (CloudNativePG, the Barman Cloud Plugin, Velero). The field paths DrKit sets are pinned by tests against the
/// CRDs of the releases <see cref="Core.Platforms.Kubernetes.KubernetesAssumptions"/> names.
/// </summary>
public sealed class ObjectArgs : CustomResourceArgs
{
    public ObjectArgs(string apiVersion, string kind, string name, string ns, ImmutableDictionary<string, object> spec)
        : base(apiVersion, kind)
    {
        Metadata = new ObjectMetaArgs { Name = name, Namespace = ns };
        Spec = spec;
    }

    [Input("spec")]
    public Input<ImmutableDictionary<string, object>> Spec { get; set; }

    /// <summary>Builds a nested manifest value from (key, value) pairs; null values are left out.</summary>
    public static Dictionary<string, object> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map[key] = value;
            }
        }

        return map;
    }

    public static ImmutableDictionary<string, object> SpecOf(Dictionary<string, object> map) => map.ToImmutableDictionary(StringComparer.Ordinal);
}
