using System.Text.Json;
using DrKit.Operations.Contract;

namespace DrKit.Operations.Leases;

/// <summary>
/// The <c>drkit-ops</c> state operations recorded for a stack, kept beside the leases and journals in the operation
/// state stores (the recovery region's bucket when the stack names one). Pulumi keeps stack config in the
/// <c>Pulumi.&lt;stack&gt;.yaml</c> of the checkout that wrote it, not in the state backend, so without this copy another
/// machine (a resuming operator, CI) would deploy the world as it was before the failover: the recovery group back to
/// zero, the old primary given its clients back.
/// </summary>
public static class OperationsStateRecord
{
    public static string Key(string stack) => $"state/{stack}.json";

    /// <summary>Keys that belong in the record: operations state in the drkit-ops namespace, not where the record itself lives.</summary>
    public static bool Recorded(string key) =>
        key.StartsWith(OpsConfig.Namespace + ":", StringComparison.Ordinal) && key != OpsConfig.StateBucket;

    public static string Serialize(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(values.ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal), StateRecordJsonContext.Default.SortedDictionaryStringString);

    /// <exception cref="InvalidDataException">The stored record is not a JSON object of text values.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string content, string where)
    {
        try
        {
            return JsonSerializer.Deserialize(content, StateRecordJsonContext.Default.DictionaryStringString) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The operations state record in {where} is not a JSON object of text values ({e.Message}).", e);
        }
    }

    /// <summary>The record with <paramref name="written"/> merged in (only recorded keys).</summary>
    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> written)
    {
        var merged = new Dictionary<string, string>(stored, StringComparer.Ordinal);
        foreach (var (key, value) in written.Where(w => Recorded(w.Key)))
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>Recorded keys the local stack config lacks or holds with another value: what the next up would undo.</summary>
    public static IReadOnlyDictionary<string, string> Missing(IReadOnlyDictionary<string, string> local, IReadOnlyDictionary<string, string> stored) =>
        stored.Where(s => Recorded(s.Key) && (!local.TryGetValue(s.Key, out var value) || value != s.Value))
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}

/// <summary>Generated serialization of the record (no reflection: the native drkit carries this code).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(SortedDictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StateRecordJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
