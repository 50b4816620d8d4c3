using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DrKit.Core.Config;

/// <summary>
/// Reads a Pulumi stack settings file (<c>stacks/Pulumi.&lt;stack&gt;.yaml</c>): its <c>config:</c> map of
/// <c>namespace:key</c> entries, exactly as <c>pulumi config</c> writes it.
/// </summary>
public static class YamlStackFile
{
    public static ConfigMap Load(string path)
    {
        var display = DisplayPath(path);
        if (!File.Exists(path))
        {
            throw new StackConfigException(new ConfigProblem(new(display, 0), "(file)", "file not found; expected a Pulumi stack file such as stacks/Pulumi.<stack>.yaml"));
        }

        return Parse(File.ReadAllText(path, Encoding.UTF8), display);
    }

    public static ConfigMap Parse(string text, string display)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            throw new StackConfigException(new ConfigProblem(new(display, line), "(file)", $"not valid YAML: {FirstLine(e.Message)}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, with no position, on some malformed flow collections (e.g. an
            // unclosed [ followed by more keys); the scanner still knows where it stopped.
            throw new StackConfigException(new ConfigProblem(new(display, (int)scanner.CurrentPosition.Line), "(file)", "not valid YAML: the parser stopped here (an unclosed [ or { before this line?)"));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new StackConfigException(new ConfigProblem(new(display, 1), "(file)", "expected a YAML map with a 'config:' key"));
        }

        var configNode = root.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "config" }).Value;
        if (configNode is null)
        {
            throw new StackConfigException(new ConfigProblem(new(display, 1), "config", "missing; a stack file keeps its settings under 'config:'"));
        }

        if (Convert(configNode, display) is not ConfigMap config)
        {
            throw new StackConfigException(new ConfigProblem(Location(configNode, display), "config", "expected a map of 'namespace:key' entries"));
        }

        return config;
    }

    private static ConfigNode Convert(YamlNode node, string display) => node switch
    {
        YamlScalarNode s => new ConfigScalar(s.Value ?? string.Empty, Location(s, display)),
        YamlSequenceNode seq => new ConfigSequence(seq.Children.Select(c => Convert(c, display)).ToList(), Location(seq, display)),
        YamlMappingNode map => new ConfigMap(
            map.Children.Select(kv => new KeyValuePair<string, ConfigNode>(
                kv.Key is YamlScalarNode k ? k.Value ?? string.Empty : kv.Key.ToString(),
                Convert(kv.Value, display))).ToList(),
            Location(map, display)),
        _ => new ConfigScalar(node.ToString(), Location(node, display)),
    };

    private static ConfigLocation Location(YamlNode node, string display) => new(display, (int)node.Start.Line);

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
