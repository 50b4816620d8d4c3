using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
        // The plan's serialization code is generated at compile time (PlanJsonContext): building it by reflection
        // at run time was most of what `drkit plan --format json` spent starting up. Other types (a plan diff) keep
        // the reflection resolver. Names and converters still come from these options.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(PlanJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize(DrPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static DrPlan Deserialize(string json) =>
        JsonSerializer.Deserialize<DrPlan>(json, Options) ?? throw new JsonException("the document holds no plan");
}

/// <summary>Compile-time JSON metadata for a plan and everything in it.</summary>
[JsonSerializable(typeof(DrPlan))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
