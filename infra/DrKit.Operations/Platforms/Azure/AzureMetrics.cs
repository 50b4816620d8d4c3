using System.Globalization;
using System.Text.Json;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>Reads the one-minute maxima of an <c>az monitor metrics list</c> reply (<c>value[].timeseries[].data[]</c>).</summary>
internal static class AzureMetrics
{
    /// <summary>Every datapoint that has a maximum, oldest first.</summary>
    public static IReadOnlyList<(DateTimeOffset At, double Maximum)> Maxima(JsonElement reply) =>
    [
        .. AwsCli.Items(reply, "value").SelectMany(v => AwsCli.Items(v, "timeseries")).SelectMany(t => AwsCli.Items(t, "data"))
            .Where(d => d.TryGetProperty("maximum", out var m) && m.ValueKind == JsonValueKind.Number)
            .Select(d => (DateTimeOffset.Parse(AwsCli.Text(d, "timeStamp") ?? string.Empty, CultureInfo.InvariantCulture), d.GetProperty("maximum").GetDouble()))
            .OrderBy(d => d.Item1),
    ];
}
