using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DrKit.Core.Json;

/// <summary>
/// JSON through metadata generated at compile time. drkit ships as a native executable, where serialization by
/// reflection is unavailable: every document DrKit reads or writes goes through options whose
/// <see cref="JsonSerializerOptions.TypeInfoResolver"/> is a source-generated context, and enums through the generic
/// converters made here (the non-generic <see cref="JsonStringEnumConverter"/> builds its converters at run time).
/// </summary>
public static class TypedJson
{
    public static string Serialize<T>(T value, JsonSerializerOptions options) => JsonSerializer.Serialize(value, Info<T>(options));

    public static T? Deserialize<T>(string json, JsonSerializerOptions options) => JsonSerializer.Deserialize(json, Info<T>(options));

    /// <summary>The metadata for <typeparamref name="T"/> from <paramref name="options"/>' resolver (and its converters).</summary>
    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    /// <summary>Writes <typeparamref name="TEnum"/> by name under <paramref name="naming"/> (declared names when null).</summary>
    public static JsonConverter Enum<TEnum>(JsonNamingPolicy? naming = null)
        where TEnum : struct, System.Enum => new JsonStringEnumConverter<TEnum>(naming);
}
