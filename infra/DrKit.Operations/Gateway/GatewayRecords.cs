namespace DrKit.Operations.Gateway;

/// <summary>One config value to set; <paramref name="Secret"/> values are encrypted by the stack engine.</summary>
public sealed record ConfigSetting(string Value, bool Secret = false)
{
    public static ConfigSetting Plain(string value) => new(value);
}

/// <summary>One stack output as text (structured values are JSON), and whether the engine treats it as secret.</summary>
public sealed record StackOutput(string Value, bool Secret);

/// <summary>
/// A stack's tag map and when it was last updated. <see cref="IStackGateway.ListStacksAsync"/> leaves
/// <paramref name="Config"/> null; callers that need it read it with <see cref="IStackGateway.GetConfigAsync"/>.
/// </summary>
public sealed record StackInfo(
    string Name, IReadOnlyDictionary<string, string> Tags, DateTimeOffset? LastUpdate, IReadOnlyDictionary<string, ConfigSetting>? Config = null);

/// <summary>How many resources a preview would touch, by operation name ("create", "update", "delete", "same", ...).</summary>
public sealed record ChangeSummary(IReadOnlyDictionary<string, int> Counts)
{
    /// <summary>Resources that would change (anything but "same").</summary>
    public int Changes => Counts.Where(p => p.Key != "same").Sum(p => p.Value);

    public override string ToString() =>
        Counts.Count == 0 ? "no changes" : string.Join(", ", Counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
}
