using System.Text.Json;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Contract;

/// <summary>Reads entries of the AWS stack's structured outputs (JSON maps such as component -> region -> id).</summary>
internal static class OutputMap
{
    /// <summary>
    /// <c>output[key]</c>, or <c>output[key][region]</c> when <paramref name="region"/> is given; null when the output,
    /// the entry or its value is missing or empty (the stack exports an empty id for a component without the resource).
    /// </summary>
    /// <exception cref="StackCommandFailedException">The output is not a JSON map.</exception>
    public static string? Entry(StackOutputs outputs, string stack, string output, string key, string? region) =>
        Element(outputs, stack, output, key, region) is { } text && text.Length > 0 ? text : null;

    /// <summary>True when <c>output[key][region]</c> holds a non-empty value: a text or a map with entries.</summary>
    public static bool Has(StackOutputs outputs, string stack, string output, string key, string region) =>
        Element(outputs, stack, output, key, region) is { Length: > 0 };

    /// <summary>Every text entry of a flat JSON map output (key -> value); empty when the output is missing.</summary>
    /// <exception cref="StackCommandFailedException">The output is not a JSON map.</exception>
    public static IReadOnlyDictionary<string, string> Entries(StackOutputs outputs, string stack, string output)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (outputs.Text(output) is not { } json)
        {
            return entries;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    entries[property.Name] = property.Value.GetString() ?? string.Empty;
                }
            }

            return entries;
        }
        catch (JsonException e)
        {
            throw new StackCommandFailedException($"Output {output} of stack {stack} is not the JSON map DrKit expects ({e.Message}).", e);
        }
    }

    private static string? Element(StackOutputs outputs, string stack, string output, string key, string? region)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Text(output) is not { } json)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(key, out var entry))
            {
                return null;
            }

            if (region is not null && (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty(region, out entry)))
            {
                return null;
            }

            return entry.ValueKind switch
            {
                JsonValueKind.String => entry.GetString(),
                JsonValueKind.Object when entry.EnumerateObject().Any() => entry.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException e)
        {
            throw new StackCommandFailedException($"Output {output} of stack {stack} is not the JSON map DrKit expects ({e.Message}).", e);
        }
    }
}
