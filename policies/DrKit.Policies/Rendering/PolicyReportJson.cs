using System.Text.Json;
using System.Text.Json.Serialization;

namespace DrKit.Policies.Rendering;

/// <summary>A policy report as JSON for machines: levels and severities in lower case.</summary>
public static class PolicyReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize(PolicyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(
            new
            {
                stack = report.Stack,
                mandatory = report.Mandatory.Count(),
                advisory = report.Advisory.Count(),
                passed = !report.HasMandatoryViolations,
                findings = report.Findings,
            },
            Options);
    }
}
