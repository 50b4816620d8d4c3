using System.Collections.Immutable;
using Pulumi;

namespace DrKit.Aws;

/// <summary>Builds keyed stack outputs (region -> id, component -> region -> endpoint) from per-resource outputs.</summary>
public static class OutputMaps
{
    public static Output<ImmutableDictionary<string, T>> Of<T>(IEnumerable<KeyValuePair<string, Output<T>>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var pairs = entries.Select(e => e.Value.Apply(v => KeyValuePair.Create(e.Key, v))).ToList();
        return Output.All(pairs).Apply(all => all.ToImmutableDictionary(StringComparer.Ordinal));
    }

    public static Output<ImmutableDictionary<string, T>> Of<T>(IReadOnlyDictionary<string, Output<T>> entries) =>
        Of((IEnumerable<KeyValuePair<string, Output<T>>>)entries);

    public static Output<ImmutableDictionary<string, T>> Empty<T>() =>
        Output.Create(ImmutableDictionary<string, T>.Empty.WithComparers(StringComparer.Ordinal));

    public static Output<ImmutableDictionary<string, T>> Known<T>(IEnumerable<KeyValuePair<string, T>> entries) =>
        Output.Create(entries.ToImmutableDictionary(StringComparer.Ordinal));
}
