using System.Text.Json.Nodes;
using DrKit.Core.Config;
using DrKit.Core.Operations;

namespace DrKit.Aws.Tests;

/// <summary>Turns a bundled stack file into the PULUMI_CONFIG a Pulumi CLI would hand the program.</summary>
internal static class StackConfig
{
    public static readonly string[] BundledStacks = ["primary", "pilot-light", "active-active"];

    public static string RepoRoot() => RepoPaths.Root;

    public static string StackFile(string stack) => Path.Combine(RepoRoot(), "stacks", $"Pulumi.{stack}.yaml");

    /// <summary>Keys stay "namespace:key"; structured values travel as JSON text, scalars as their text.</summary>
    /// <param name="ops">drkit-ops keys without the namespace, set as `pulumi config set drkit-ops:&lt;key&gt;` would.</param>
    public static string PulumiConfigJson(string stack, params (string Key, string Value)[] ops)
    {
        var config = YamlStackFile.Load(StackFile(stack));
        var json = new JsonObject();
        foreach (var (key, node) in config.Entries)
        {
            json[key] = node is ConfigScalar scalar ? scalar.Value : ToJson(node)!.ToJsonString();
        }

        foreach (var (key, value) in ops)
        {
            json[OperationsKeys.Full(key)] = value;
        }

        return json.ToJsonString();
    }

    private static JsonNode? ToJson(ConfigNode node) => node switch
    {
        ConfigScalar s => JsonValue.Create(s.Value),
        ConfigSequence q => new JsonArray(q.Items.Select(ToJson).ToArray()),
        ConfigMap m => Object(m),
        _ => throw new InvalidOperationException($"unexpected config node {node.GetType().Name}"),
    };

    private static JsonObject Object(ConfigMap map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.Entries)
        {
            o[k] = ToJson(v);
        }

        return o;
    }
}
