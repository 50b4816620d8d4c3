using System.Text.RegularExpressions;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>
/// Name rules Kubernetes enforces on what DrKit names, checked at plan time so <c>pulumi up</c> never meets them.
/// Services and namespaces are RFC 1035/1123 labels of at most 63 characters.
/// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
/// </summary>
public static partial class KubernetesLimits
{
    public const int LabelMax = 63;

    /// <summary>
    /// Longest suffix DrKit or Kubernetes adds to a component's per-region name within a label: a StatefulSet's pods
    /// carry <c>controller-revision-hash: &lt;statefulset&gt;-&lt;10-character hash&gt;</c>, a label value of at most 63
    /// characters, and the longest StatefulSet DrKit names is <c>&lt;name&gt;-sentinel</c> (9 + 1 + 10).
    /// https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-identity
    /// </summary>
    public const int LongestSuffix = 20;

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    public static bool IsLabel(string text) => text.Length <= LabelMax && Label().IsMatch(text);

    /// <summary>The per-region name of a component's objects, e.g. <c>context-store-us-east-1</c>.</summary>
    public static string RegionalName(string component, string region) => $"{component}-{region}";

    /// <summary>A problem text when the regional name plus suffixes would exceed a label, else null.</summary>
    public static string? CheckRegionalName(string component, string region)
    {
        var name = RegionalName(component, region);
        return name.Length + LongestSuffix <= LabelMax
            ? null
            : $"'{name}' plus the suffixes Kubernetes objects get (up to {LongestSuffix} characters) exceeds {LabelMax} characters; shorten the component name";
    }
}
