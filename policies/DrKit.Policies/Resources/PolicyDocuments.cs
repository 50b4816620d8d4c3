using System.Text.Json;

namespace DrKit.Policies.Resources;

/// <summary>The statements of an IAM/bucket policy given as a JSON string or as a structured document.</summary>
internal sealed record PolicyStatements(IReadOnlyList<IReadOnlyDictionary<string, object?>> Statements, bool Unknown, string? Error)
{
    public static PolicyStatements Of(object? policy)
    {
        var value = InputValues.Reveal(policy);
        if (value is Unknown)
        {
            return new([], true, null);
        }

        if (value is string json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                value = Plain(doc.RootElement);
            }
            catch (JsonException e)
            {
                return new([], false, $"the policy is not valid JSON ({e.Message})");
            }
        }

        if (InputValues.Map(value) is not { } document)
        {
            return new([], false, "the policy is missing");
        }

        InputValues.TryGet(document, "Statement", out var statement);
        if (InputValues.IsUnknown(statement))
        {
            return new([], true, null);
        }

        var statements = (InputValues.List(statement) ?? []).Select(InputValues.Map).OfType<IReadOnlyDictionary<string, object?>>().ToList();
        var unknown = (InputValues.List(statement) ?? []).Any(InputValues.IsUnknown);
        return new(statements, unknown, null);
    }

    /// <summary>A statement member as strings (Action, Resource, Effect); a single string counts as a one-item list.</summary>
    public static IReadOnlyList<string> Strings(IReadOnlyDictionary<string, object?> statement, string key, out bool unknown)
    {
        InputValues.TryGet(statement, key, out var value);
        var items = InputValues.Reveal(value) is string s ? [s] : InputValues.List(value) ?? [];
        unknown = InputValues.IsUnknown(value) || items.Any(InputValues.IsUnknown);
        return items.Select(InputValues.Text).OfType<string>().ToList();
    }

    internal static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => e.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        _ => null,
    };
}
