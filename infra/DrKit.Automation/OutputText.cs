using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DrKit.Operations.Gateway;
using Pulumi.Automation;

namespace DrKit.Automation;

/// <summary>Turns Automation output values (bool, long, double, string, DateTime, arrays, maps) into DrKit's text outputs.</summary>
internal static class OutputText
{
    public static StackOutputs From(IImmutableDictionary<string, OutputValue> outputs) =>
        new(outputs.ToDictionary(p => p.Key, p => new StackOutput(Text(p.Value.Value), p.Value.IsSecret), StringComparer.Ordinal));

    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        // The CLI's JSON reader turns any date-looking string into a DateTime; ISO 8601 round-trips it.
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        long or int or double or float or decimal => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        _ => JsonSerializer.Serialize(value, value.GetType()),
    };
}
