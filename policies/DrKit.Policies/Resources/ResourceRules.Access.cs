using static DrKit.Policies.Resources.InputValues;

namespace DrKit.Policies.Resources;

internal static partial class ResourceRules
{
    private static IEnumerable<Violation> TlsOnly(ResourceDescription r)
    {
        if (r.Type != ResourceTypes.BucketPolicy)
        {
            yield break;
        }

        var policy = PolicyStatements.Of(r.At("policy"));
        if (policy.Error is { } error)
        {
            yield return new Violation(Subject(r), error);
            yield break;
        }

        var denies = policy.Statements.Any(s => Effect(s) == "deny" && InputValues.TryGet(s, "Condition", out var c) && DeniesPlainHttp(c));
        if (denies)
        {
            yield break;
        }

        yield return policy.Unknown || policy.Statements.Any(s => IsUnknown(s.GetValueOrDefault("Condition")))
            ? Unverifiable(r, "the TLS-only statement")
            : new Violation(Subject(r), "has no Deny statement for requests where aws:SecureTransport is false: plain HTTP reaches the bucket");
    }

    private static string? Effect(IReadOnlyDictionary<string, object?> statement) =>
        InputValues.TryGet(statement, "Effect", out var e) ? Text(e)?.ToLowerInvariant() : null;

    /// <summary>
    /// Finds <c>aws:SecureTransport = false</c> in a condition, in the JSON form (<c>{"Bool": {"aws:SecureTransport": "false"}}</c>)
    /// or the structured form (<c>[{test: Bool, variable: aws:SecureTransport, values: [false]}]</c>).
    /// </summary>
    private static bool DeniesPlainHttp(object? condition)
    {
        switch (Reveal(condition))
        {
            case IReadOnlyDictionary<string, object?> map:
                if (InputValues.TryGet(map, "variable", out var variable) && string.Equals(Text(variable), "aws:SecureTransport", StringComparison.OrdinalIgnoreCase))
                {
                    return InputValues.TryGet(map, "values", out var values) && IsFalse(values);
                }

                return map.Any(p => string.Equals(p.Key, "aws:SecureTransport", StringComparison.OrdinalIgnoreCase) ? IsFalse(p.Value) : DeniesPlainHttp(p.Value));
            case IReadOnlyList<object?> list:
                return list.Any(DeniesPlainHttp);
            default:
                return false;
        }
    }

    private static bool IsFalse(object? value) =>
        Reveal(value) is string or bool ? Bool(value) == false : (List(value) ?? []).Any(v => Bool(v) == false);

    private static IEnumerable<Violation> EcrMatchesSource(ResourceDescription r, IReadOnlyList<ResourceDescription> seen)
    {
        if (r.Type != ResourceTypes.EcrRepository || Text(r.At("name")) is not { } name)
        {
            yield break;
        }

        foreach (var source in seen.Where(s => s.Type == ResourceTypes.EcrRepository && Text(s.At("name")) == name))
        {
            var differences = new List<string>();
            var unknown = false;
            foreach (var (what, read) in EcrSettings)
            {
                var (a, b) = (read(source), read(r));
                if (IsUnknown(a) || IsUnknown(b))
                {
                    unknown = true;
                }
                else if (!Equals(a, b))
                {
                    differences.Add($"{what} {b} vs {a} on {source.Name}");
                }
            }

            if (differences.Count > 0)
            {
                yield return new Violation(Subject(r), $"repository {name} differs from its source: {string.Join("; ", differences)}");
            }
            else if (unknown)
            {
                yield return Unverifiable(r, $"whether repository {name} matches {source.Name}");
            }
        }
    }

    /// <summary>Each compared setting with the value AWS applies when it is left unset.</summary>
    private static readonly (string What, Func<ResourceDescription, object?> Read)[] EcrSettings =
    [
        ("imageTagMutability", d => OrDefault(d.At("imageTagMutability"), "MUTABLE")),
        ("scanOnPush", d => OrDefault(d.At("imageScanningConfiguration.scanOnPush"), "false")),
        ("encryptionType", d => OrDefault(List(d.At("encryptionConfigurations")) is [var first, ..] && Map(first) is { } m ? InputValues.At(m, "encryptionType") : d.At("encryptionConfigurations"), "AES256")),
    ];

    private static object? OrDefault(object? value, string unset) => IsUnknown(value) ? Unknown.Value : Text(value) ?? unset;

    /// <summary>
    /// Actions IAM authorizes on no resource at all, so a statement granting them must name <c>"*"</c>: CloudWatch
    /// PutMetricData (scoped instead by the <c>cloudwatch:namespace</c> condition) and S3 ListAllMyBuckets, both in the
    /// policy AWS requires for a Synthetics canary
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_CanaryPermissions.html),
    /// and EC2 DescribeCapacityReservations, which the freshness probe reads reservation end dates with (Service
    /// Authorization Reference, actions defined by CloudWatch, Amazon S3 and Amazon EC2: no resource types listed).
    /// </summary>
    private static readonly IReadOnlySet<string> ResourceLessActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "cloudwatch:PutMetricData",
        "s3:ListAllMyBuckets",
        "ec2:DescribeCapacityReservations",
    };

    private const string PutMetricData = "cloudwatch:PutMetricData";

    /// <summary>The condition key that confines PutMetricData to named namespaces (Service Authorization Reference, CloudWatch).</summary>
    private const string NamespaceKey = "cloudwatch:namespace";

    /// <summary>Whether the statement confines PutMetricData to named namespaces: a StringEquals on cloudwatch:namespace with no wildcard.</summary>
    private static bool NamespaceScoped(IReadOnlyDictionary<string, object?> statement)
    {
        InputValues.TryGet(statement, "Condition", out var condition);
        if (InputValues.Map(condition) is not { } conditions || !InputValues.TryGet(conditions, "StringEquals", out var equals) || InputValues.Map(equals) is not { } map
            || !InputValues.TryGet(map, NamespaceKey, out var value))
        {
            return false;
        }

        var names = InputValues.Reveal(value) is string one ? [one] : (InputValues.List(value) ?? []).Select(InputValues.Text).OfType<string>().ToList();
        return names.Count > 0 && names.All(n => n.Length > 0 && !n.Contains('*', StringComparison.Ordinal) && !n.Contains('?', StringComparison.Ordinal));
    }

    private static IEnumerable<Violation> RolePolicyNoWildcards(ResourceDescription r)
    {
        if (r.Type != ResourceTypes.RolePolicy)
        {
            yield break;
        }

        var policy = PolicyStatements.Of(r.At("policy"));
        if (policy.Error is { } error)
        {
            yield return new Violation(Subject(r), error);
            yield break;
        }

        var wild = new List<string>();
        var unknown = policy.Unknown;
        foreach (var s in policy.Statements.Where(s => Effect(s) != "deny"))
        {
            var actions = PolicyStatements.Strings(s, "Action", out var ua).ToList();
            wild.AddRange(actions.Where(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal)).Select(a => $"action {a}"));
            var resourceLess = actions.Count > 0 && actions.All(ResourceLessActions.Contains);
            var resources = PolicyStatements.Strings(s, "Resource", out var ur);
            wild.AddRange(resources.Where(a => a == "*" && !resourceLess).Select(a => $"resource {a}"));
            if (resourceLess && resources.Contains("*") && actions.Contains(PutMetricData) && !NamespaceScoped(s))
            {
                // Any namespace would let a workload publish a fresh-looking DrKit metric and hold its alarm OK.
                wild.Add($"{PutMetricData} on * without a StringEquals {NamespaceKey} condition");
            }

            wild.AddRange(PolicyStatements.Strings(s, "NotAction", out _).Select(a => $"NotAction {a}"));
            unknown |= ua || ur;
        }

        if (wild.Count > 0)
        {
            yield return new Violation(Subject(r), $"allows wildcards: {string.Join(", ", wild.Distinct())}");
        }
        else if (unknown)
        {
            yield return Unverifiable(r, "the role policy's actions and resources");
        }
    }
}
