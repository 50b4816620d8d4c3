using YamlDotNet.RepresentationModel;

namespace DrKit.Cli.Tests.Workflows;

/// <summary>A GitHub Actions workflow under <c>.github/workflows/</c>, parsed with YamlDotNet.</summary>
internal sealed class WorkflowFile
{
    private WorkflowFile(string name, YamlMappingNode root)
    {
        Name = name;
        Root = root;
    }

    public static readonly string[] Names = ["drkit-pr.yml", "drkit-drill.yml"];

    public string Name { get; }

    public YamlMappingNode Root { get; }

    public YamlMappingNode Jobs => Map(Root, "jobs");

    public static WorkflowFile Load(string name)
    {
        var path = Path.Combine(RepoPaths.Root, ".github", "workflows", name);
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new WorkflowFile(name, (YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public IEnumerable<(string Job, YamlMappingNode Step)> Steps() =>
        from job in Jobs.Children
        from step in ((YamlSequenceNode)Node((YamlMappingNode)job.Value, "steps")!).Children.Cast<YamlMappingNode>()
        select (((YamlScalarNode)job.Key).Value!, step);

    /// <summary>Every <c>drkit</c> command in the workflow's <c>run:</c> scripts.</summary>
    public IEnumerable<DrkitInvocation> DrkitInvocations() =>
        from s in Steps()
        let run = Scalar(s.Step, "run")
        where run is not null
        from found in ShellInvocations.Find(run)
        select new DrkitInvocation(Name, $"{s.Job}: {Scalar(s.Step, "name") ?? Scalar(s.Step, "id") ?? "(unnamed step)"}", found.Line, found.Args);

    public static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map
            : throw new AssertionException($"expected a mapping under '{key}'");

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? Node(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Every scalar in the document, with its path, for checks that apply anywhere (pins, secrets).</summary>
    public IEnumerable<(string Path, string Value)> Scalars() => Walk(Root, string.Empty);

    private static IEnumerable<(string, string)> Walk(YamlNode node, string path) => node switch
    {
        YamlScalarNode s => [(path, s.Value ?? string.Empty)],
        YamlSequenceNode seq => seq.Children.SelectMany((c, i) => Walk(c, $"{path}[{i}]")),
        YamlMappingNode map => map.Children.SelectMany(kv => Walk(kv.Value, $"{path}.{((YamlScalarNode)kv.Key).Value}")),
        _ => [],
    };
}
