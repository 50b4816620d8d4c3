namespace DrKit.Core.Config;

/// <summary>Where a value came from, so an error can point at it.</summary>
public sealed record ConfigLocation(string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}

/// <summary>
/// A source-neutral config tree: the same shape whether it was read from a stack file or from the JSON
/// values Pulumi hands a program, so one reader validates both.
/// </summary>
public abstract record ConfigNode(ConfigLocation Location)
{
    public abstract string Describe();
}

public sealed record ConfigScalar(string Value, ConfigLocation Location) : ConfigNode(Location)
{
    public override string Describe() => $"'{Value}'";
}

public sealed record ConfigMap(IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries, ConfigLocation Location) : ConfigNode(Location)
{
    public override string Describe() => "a map";

    public ConfigNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

public sealed record ConfigSequence(IReadOnlyList<ConfigNode> Items, ConfigLocation Location) : ConfigNode(Location)
{
    public override string Describe() => "a list";
}
