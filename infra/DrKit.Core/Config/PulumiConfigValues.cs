using System.Text.Json;
using System.Text.Json.Nodes;

namespace DrKit.Core.Config;

/// <summary>
/// Builds the config tree from the raw values a Pulumi program sees (<c>Config.Get</c> returns structured
/// values as JSON text), so the program reads its stack exactly as the offline tools do.
/// </summary>
public static class PulumiConfigValues
{
    /// <param name="origin">How errors name the source, e.g. "pulumi config (stack pilot-light)".</param>
    /// <param name="rawValues">Full keys such as <c>drkit:components</c> mapped to what <c>Config.Get</c> returned.</param>
    public static ConfigMap FromRaw(string origin, IReadOnlyDictionary<string, string> rawValues)
    {
        ArgumentNullException.ThrowIfNull(rawValues);
        var location = new ConfigLocation(origin, 0);
        var entries = new List<KeyValuePair<string, ConfigNode>>();
        foreach (var (key, raw) in rawValues)
        {
            entries.Add(new(key, Parse(raw, location)));
        }

        return new ConfigMap(entries, location);
    }

    /// <summary>
    /// The inverse of <see cref="FromRaw"/>: the <c>PULUMI_CONFIG</c> JSON object the Pulumi CLI hands a program for a
    /// stack file's <c>config:</c> entries (full keys; scalars as their text, structured values as JSON text), so
    /// mock tests and benchmarks run the program on a stack file exactly as <c>pulumi up</c> would.
    /// </summary>
    /// <param name="extra">Further full keys and values, e.g. <c>drkit-ops:*</c> state, set after the file's.</param>
    public static string ToPulumiConfigJson(ConfigMap config, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var json = new JsonObject();
        foreach (var (key, node) in config.Entries)
        {
            json[key] = node is ConfigScalar scalar ? scalar.Value : ToJson(node)!.ToJsonString();
        }

        foreach (var (key, value) in extra ?? [])
        {
            json[key] = value;
        }

        return json.ToJsonString();
    }

    private static JsonNode? ToJson(ConfigNode node) => node switch
    {
        ConfigScalar s => JsonValue.Create(s.Value),
        ConfigSequence q => new JsonArray([.. q.Items.Select(ToJson)]),
        ConfigMap m => new JsonObject(m.Entries.Select(e => new KeyValuePair<string, JsonNode?>(e.Key, ToJson(e.Value)))),
        _ => throw new InvalidOperationException($"unexpected config node {node.GetType().Name}"),
    };

    private static ConfigNode Parse(string raw, ConfigLocation location)
    {
        var trimmed = raw.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                using var doc = JsonDocument.Parse(raw);
                return Convert(doc.RootElement, location);
            }
            catch (JsonException)
            {
                return new ConfigScalar(raw, location);
            }
        }

        return new ConfigScalar(raw, location);
    }

    private static ConfigNode Convert(JsonElement e, ConfigLocation location) => e.ValueKind switch
    {
        JsonValueKind.Object => new ConfigMap(e.EnumerateObject().Select(p => new KeyValuePair<string, ConfigNode>(p.Name, Convert(p.Value, location))).ToList(), location),
        JsonValueKind.Array => new ConfigSequence(e.EnumerateArray().Select(i => Convert(i, location)).ToList(), location),
        JsonValueKind.String => new ConfigScalar(e.GetString() ?? string.Empty, location),
        JsonValueKind.True => new ConfigScalar("true", location),
        JsonValueKind.False => new ConfigScalar("false", location),
        JsonValueKind.Null => new ConfigScalar(string.Empty, location),
        _ => new ConfigScalar(e.GetRawText(), location),
    };
}
