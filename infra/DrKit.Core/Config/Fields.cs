using System.Globalization;
using DrKit.Core.Objectives;

namespace DrKit.Core.Config;

/// <summary>
/// Typed access to one config map that records a problem (file, key path, expectation) instead of throwing,
/// so a reader reports every mistake in a file at once.
/// </summary>
internal sealed class Fields
{
    private readonly ConfigMap _map;
    private readonly List<ConfigProblem> _problems;

    public Fields(ConfigMap map, string path, List<ConfigProblem> problems, IReadOnlyCollection<string> allowed)
    {
        _map = map;
        Path = path;
        _problems = problems;
        foreach (var (key, node) in map.Entries)
        {
            if (!allowed.Contains(key))
            {
                var hint = Suggest(key, allowed);
                Problem(node, Join(key), $"unknown key{(hint is null ? string.Empty : $" (did you mean '{hint}'?)")}; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    public string Path { get; }

    /// <summary>Where problems go, so a nested map's reader reports into the same list.</summary>
    public List<ConfigProblem> Problems => _problems;

    public ConfigLocation Location => _map.Location;

    public string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Problem(ConfigNode node, string keyPath, string message) => _problems.Add(new(node.Location, keyPath, message));

    public void Problem(string key, string message) => _problems.Add(new(Node(key)?.Location ?? _map.Location, Join(key), message));

    public ConfigNode? Node(string key) => _map[key];

    public string? String(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                _problems.Add(new(_map.Location, Join(key), "missing; expected a text value"));
            }

            return null;
        }

        if (node is ConfigScalar s && s.Value.Length > 0)
        {
            return s.Value;
        }

        Problem(node, Join(key), $"expected a text value, got {node.Describe()}");
        return null;
    }

    public TimeSpan? Duration(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (text.TrimStart().StartsWith('-'))
        {
            Problem(Node(key)!, Join(key), $"must not be negative; expected {DurationText.Expected}, got '{text}'");
            return null;
        }

        if (!DurationText.TryParse(text, out var value))
        {
            Problem(Node(key)!, Join(key), $"expected {DurationText.Expected}, got '{text}'");
            return null;
        }

        return value;
    }

    public long? Number(string key, long min, long max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(Node(key)!, Join(key), $"expected a whole number from {min} to {max}, got '{text}'");
            return null;
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        switch (text)
        {
            case null: return null;
            case "true": return true;
            case "false": return false;
            default:
                Problem(Node(key)!, Join(key), $"expected true or false, got '{text}'");
                return null;
        }
    }

    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices, bool required = false)
        where T : struct
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Problem(Node(key)!, Join(key), $"expected one of {string.Join(", ", choices.Keys)}, got '{text}'");
        return null;
    }

    public IReadOnlyList<string>? StringList(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null: return null;
            case ConfigScalar { Value.Length: > 0 } s: return [s.Value];
            case ConfigSequence seq when seq.Items.All(i => i is ConfigScalar { Value.Length: > 0 }):
                return seq.Items.Cast<ConfigScalar>().Select(i => i.Value).ToList();
            default:
                Problem(node, Join(key), $"expected a list of text values, got {node.Describe()}");
                return null;
        }
    }

    public ConfigMap? Map(string key, bool required = false)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                if (required)
                {
                    _problems.Add(new(_map.Location, Join(key), "missing; expected a map"));
                }

                return null;
            case ConfigMap m: return m;
            default:
                Problem(node, Join(key), $"expected a map, got {node.Describe()}");
                return null;
        }
    }

    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        var map = Map(key);
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries)
        {
            if (v is ConfigScalar { Value.Length: > 0 } s)
            {
                result[k] = s.Value;
            }
            else
            {
                Problem(v, $"{Join(key)}.{k}", $"expected a text value, got {v.Describe()}");
            }
        }

        return result;
    }

    private static string? Suggest(string key, IEnumerable<string> allowed)
    {
        var best = allowed.Select(a => (a, d: Distance(key.ToLowerInvariant(), a.ToLowerInvariant()))).OrderBy(x => x.d).FirstOrDefault();
        return best.a is not null && best.d <= Math.Max(2, key.Length / 3) ? best.a : null;
    }

    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
