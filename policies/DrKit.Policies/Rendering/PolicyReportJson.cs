using System.Text.Json;
using System.Text.Json.Serialization;
using DrKit.Core.Json;

namespace DrKit.Policies.Rendering;

/// <summary>A policy report as JSON for machines: levels and severities in lower case.</summary>
public static class PolicyReportJson
{
    private static readonly JsonNamingPolicy EnumNames = JsonNamingPolicy.KebabCaseLower;

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { TypedJson.Enum<PolicyLevel>(EnumNames), TypedJson.Enum<Severity>(EnumNames), TypedJson.Enum<RuleScope>(EnumNames) },
        TypeInfoResolver = PolicyJsonContext.Default,
    };

    public static string Serialize(PolicyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return TypedJson.Serialize(
            new PolicyReportDocument(report.Stack, report.Mandatory.Count(), report.Advisory.Count(), !report.HasMandatoryViolations, report.Findings),
            Options);
    }
}

/// <summary>The JSON document of a policy report: counts, the pass verdict and every finding.</summary>
public sealed record PolicyReportDocument(string Stack, int Mandatory, int Advisory, bool Passed, IReadOnlyList<Finding> Findings);

/// <summary>Compile-time JSON metadata for the policy report document.</summary>
[JsonSerializable(typeof(PolicyReportDocument))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
