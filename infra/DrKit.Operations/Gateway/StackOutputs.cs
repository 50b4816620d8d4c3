using System.Globalization;

namespace DrKit.Operations.Gateway;

/// <summary>A stack's outputs by name, with typed reads used by probes and adapters.</summary>
public sealed record StackOutputs(IReadOnlyDictionary<string, StackOutput> Values)
{
    public static StackOutputs Empty { get; } = new(new Dictionary<string, StackOutput>());

    public string? Text(string name) => Values.TryGetValue(name, out var output) && output.Value.Length > 0 ? output.Value : null;

    public bool? Flag(string name) => Text(name) is { } text && bool.TryParse(text, out var value) ? value : null;

    public int? Integer(string name) =>
        Text(name) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public double? Number(string name) =>
        Text(name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public DateTimeOffset? Time(string name) =>
        Text(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
