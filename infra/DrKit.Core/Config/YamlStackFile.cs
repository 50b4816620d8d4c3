using DrKit.Core.Input;
using YamlDotNet.Core;

namespace DrKit.Core.Config;

/// <summary>
/// Reads a Pulumi stack settings file (<c>stacks/Pulumi.&lt;stack&gt;.yaml</c>): its <c>config:</c> map of
/// <c>namespace:key</c> entries, exactly as <c>pulumi config</c> writes it. Read under
/// <see cref="InputLimits.StackFile"/>: a file over a cap is a problem of the file, reported like any other.
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

        string text;
        try
        {
            text = BoundedFile.ReadAllText(path, InputLimits.StackFile, display);
        }
        catch (InputLimitException e)
        {
            throw Refused(e);
        }

        return Parse(text, display);
    }

    public static ConfigMap Parse(string text, string display) => Parse(text, display, InputLimits.StackFile);

    /// <summary>Parses under the given limits (tests use small ones to reach each cap cheaply).</summary>
    public static ConfigMap Parse(string text, string display, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > limits.MaxBytes)
        {
            throw Refused(new InputLimitException(display, 0, $"{InputLimits.Bytes(limits.MaxBytes)} per {limits.Kind}", $"the text is {InputLimits.Bytes(text.Length)}"));
        }

        ConfigNode? root;
        var scanner = new Scanner(new StringReader(text));
        try
        {
            root = BoundedYamlReader.ReadFirstDocument(new Parser(scanner), display, limits);
        }
        catch (InputLimitException e)
        {
            throw Refused(e);
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

        if (root is not ConfigMap map)
        {
            throw new StackConfigException(new ConfigProblem(new(display, 1), "(file)", "expected a YAML map with a 'config:' key"));
        }

        var configNode = map["config"];
        if (configNode is null)
        {
            throw new StackConfigException(new ConfigProblem(new(display, 1), "config", "missing; a stack file keeps its settings under 'config:'"));
        }

        if (configNode is not ConfigMap config)
        {
            throw new StackConfigException(new ConfigProblem(configNode.Location, "config", "expected a map of 'namespace:key' entries"));
        }

        return config;
    }

    private static StackConfigException Refused(InputLimitException e) =>
        new(new ConfigProblem(new(e.File, e.Line), "(file)", e.Reason));

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
