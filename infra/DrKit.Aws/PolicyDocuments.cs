using System.Text.Json.Nodes;

namespace DrKit.Aws;

/// <summary>One IAM statement; actions are always listed one by one (DrKit grants no wildcard actions).</summary>
public sealed record PolicyStatement(string Sid, string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    /// <summary>A principal block such as <c>{"Service": "s3.amazonaws.com"}</c>; only for trust and resource policies.</summary>
    public IReadOnlyDictionary<string, string>? Principal { get; init; }

    /// <summary>Conditions keyed by operator then condition key, e.g. Bool -> aws:SecureTransport -> false.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Condition { get; init; }

    /// <summary>"*" as the principal of a resource policy (used only in Deny statements).</summary>
    public bool AnyPrincipal { get; init; }
}

/// <summary>Writes IAM policy JSON; built with System.Text.Json rather than an invoke so tests need no call mocks.</summary>
public static class PolicyDocuments
{
    public static string Json(params PolicyStatement[] statements) => Json((IEnumerable<PolicyStatement>)statements);

    public static string Json(IEnumerable<PolicyStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var list = new JsonArray();
        foreach (var s in statements)
        {
            var node = new JsonObject { ["Sid"] = s.Sid, ["Effect"] = s.Effect };
            if (s.AnyPrincipal)
            {
                node["Principal"] = "*";
            }
            else if (s.Principal is { } principal)
            {
                node["Principal"] = ObjectOf(principal);
            }

            node["Action"] = ArrayOf(s.Actions);
            if (s.Resources.Count > 0)
            {
                node["Resource"] = ArrayOf(s.Resources);
            }

            if (s.Condition is { } condition)
            {
                var c = new JsonObject();
                foreach (var (op, values) in condition)
                {
                    c[op] = ObjectOf(values);
                }

                node["Condition"] = c;
            }

            list.Add(node);
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = list }.ToJsonString();
    }

    /// <summary>Trust policy letting an AWS service assume a role.</summary>
    public static string TrustService(string service) => Json(new PolicyStatement("AssumeByService", "Allow", ["sts:AssumeRole"], [])
    {
        Principal = new Dictionary<string, string> { ["Service"] = service },
    });

    /// <summary>Trust policy letting an IAM principal (role, user or account root ARN) assume a role.</summary>
    public static string TrustPrincipal(string principalArn) => Json(new PolicyStatement("AssumeByPrincipal", "Allow", ["sts:AssumeRole"], [])
    {
        Principal = new Dictionary<string, string> { ["AWS"] = principalArn },
    });

    private static JsonArray ArrayOf(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonObject ObjectOf(IReadOnlyDictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values)
        {
            o[k] = v;
        }

        return o;
    }
}
