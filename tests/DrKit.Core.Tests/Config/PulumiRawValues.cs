using System.Text;
using System.Text.Json;
using DrKit.Core.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DrKit.Core.Tests.Config;

/// <summary>
/// What a Pulumi program's <c>Config.Get</c> returns for each drkit key of a stack file: plain text for a
/// scalar, JSON for a structured value (plain YAML numbers and booleans become JSON numbers and booleans).
/// </summary>
internal static class PulumiRawValues
{
    public static Dictionary<string, string> FromStackFile(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path, Encoding.UTF8)));
        var config = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("config")];
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in StackSpecReader.TopLevelKeys)
        {
            var full = $"{StackSpecReader.Namespace}:{key}";
            if (config.Children.TryGetValue(new YamlScalarNode(full), out var node))
            {
                raw[full] = node is YamlScalarNode s ? s.Value ?? string.Empty : Json(node);
            }
        }

        return raw;
    }

    private static string Json(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                w.WriteStartObject();
                foreach (var (k, v) in map.Children)
                {
                    w.WritePropertyName(((YamlScalarNode)k).Value!);
                    Write(w, v);
                }

                w.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                w.WriteStartArray();
                foreach (var item in seq.Children)
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } b:
                w.WriteBooleanValue(b.Value == "true");
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain } n when long.TryParse(n.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number):
                w.WriteNumberValue(number);
                break;
            case YamlScalarNode s:
                w.WriteStringValue(s.Value);
                break;
        }
    }
}
