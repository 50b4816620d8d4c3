using System.Text.Json;
using DrKit.Core.Config;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Drills;

/// <summary>A stack file's config as flat values a drill stack can be given; structured values become JSON text.</summary>
/// <param name="Values">Full key (<c>drkit:components</c>, <c>aws:region</c>) to value.</param>
/// <param name="SkippedSecrets">Keys holding <c>secure:</c> ciphertext, which only the source stack can decrypt.</param>
public sealed record StackFileConfig(IReadOnlyDictionary<string, ConfigSetting> Values, IReadOnlyList<string> SkippedSecrets)
{
    public static StackFileConfig Empty { get; } = new(new Dictionary<string, ConfigSetting>(), []);

    public static StackFileConfig Read(string path) => From(YamlStackFile.Load(path));

    public static StackFileConfig From(ConfigMap config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var values = new SortedDictionary<string, ConfigSetting>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var (key, node) in config.Entries)
        {
            // Operation state of the source stack (a past failover) must not leak into a fresh drill stack.
            if (key.StartsWith(OpsConfig.Namespace + ":", StringComparison.Ordinal))
            {
                continue;
            }

            if (node is ConfigMap { Entries.Count: 1 } secure && secure.Entries[0].Key == "secure")
            {
                skipped.Add(key);
                continue;
            }

            values[key] = ConfigSetting.Plain(node is ConfigScalar s ? s.Value : ToJson(node));
        }

        return new StackFileConfig(values, skipped);
    }

    private static string ToJson(ConfigNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, ConfigNode node)
    {
        switch (node)
        {
            case ConfigMap map:
                writer.WriteStartObject();
                foreach (var (key, child) in map.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, child);
                }

                writer.WriteEndObject();
                break;
            case ConfigSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigScalar scalar:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
