using System.Text.Json;
using System.Text.Json.Serialization;

namespace DrKit.Core.Planning;

/// <summary>The plan's JSON form for machines; it parses back into the same plan.</summary>
public static class PlanJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(DrPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static DrPlan Deserialize(string json) =>
        JsonSerializer.Deserialize<DrPlan>(json, Options) ?? throw new JsonException("the document holds no plan");
}
