using System.Globalization;

namespace DrKit.Policies.Resources;

/// <summary>Reading the plain-value trees of <see cref="ResourceDescription.Inputs"/>.</summary>
public static class InputValues
{
    public static object? At(IReadOnlyDictionary<string, object?> inputs, string path)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(path);
        object? current = inputs;
        foreach (var step in path.Split('.'))
        {
            current = Reveal(current);
            if (current is Unknown)
            {
                return Unknown.Value;
            }

            if (current is not IReadOnlyDictionary<string, object?> map || !TryGet(map, step, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The value under a secret wrapper (secret-ness dropped), or the value itself.</summary>
    public static object? Reveal(object? value) => value is SecretValue s ? s.Value : value;

    public static bool IsUnknown(object? value) => Reveal(value) is Unknown;

    public static string? Text(object? value) => Reveal(value) switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public static bool? Bool(object? value) => Reveal(value) switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var b) => b,
        _ => null,
    };

    public static IReadOnlyList<object?>? List(object? value) => Reveal(value) switch
    {
        IReadOnlyList<object?> list => list,
        null or Unknown or string => null,
        IReadOnlyDictionary<string, object?> single => [single],
        var one => [one],
    };

    public static IReadOnlyDictionary<string, object?>? Map(object? value) => Reveal(value) as IReadOnlyDictionary<string, object?>;

    /// <summary>Case-insensitive key lookup: IAM policy documents spell keys either way.</summary>
    public static bool TryGet(IReadOnlyDictionary<string, object?> map, string key, out object? value)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.TryGetValue(key, out value))
        {
            return true;
        }

        foreach (var (k, v) in map)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = null;
        return false;
    }
}
