using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DrKit.Core.Estimation;

/// <summary>One failover step as a drill of the stack measured it.</summary>
public sealed record MeasuredStep(string Step, TimeSpan Duration, DateOnly Date);

/// <summary>
/// Step times a stack's drills measured, read from its JSON-lines drill history: the newest successful drill that
/// recorded the failover engine's steps (<c>Engine.Steps[]</c> with <c>Name</c>, <c>Started</c>, <c>Finished</c>).
/// Lines that do not parse, other stacks' drills and failed steps are skipped; the plan shows what was measured beside
/// its assumptions and, when asked, uses it instead.
/// </summary>
public sealed record DrillMeasurements(IReadOnlyDictionary<string, MeasuredStep> Steps, bool Use)
{
    public static DrillMeasurements None { get; } = new(new Dictionary<string, MeasuredStep>(StringComparer.Ordinal), false);

    /// <summary>Reads the measurements of <paramref name="stack"/> from history lines; <paramref name="use"/> makes them replace the assumptions.</summary>
    public static DrillMeasurements Parse(IEnumerable<string> lines, string stack, bool use)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Dictionary<string, MeasuredStep>? newest = null;
        var newestAt = DateTimeOffset.MinValue;
        foreach (var line in lines)
        {
            if (Read(line, stack) is { } drill && drill.At >= newestAt)
            {
                newest = drill.Steps;
                newestAt = drill.At;
            }
        }

        return new DrillMeasurements(newest ?? new Dictionary<string, MeasuredStep>(StringComparer.Ordinal), use);
    }

    private static (DateTimeOffset At, Dictionary<string, MeasuredStep> Steps)? Read(string line, string stack)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(line) is not JsonObject root
                || !string.Equals(Text(root["Spec"]?["StackName"]) ?? Text(root["stack"]), stack, StringComparison.OrdinalIgnoreCase)
                || !DateTimeOffset.TryParse(Text(root["FinishedAt"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var finished)
                || root["Engine"]?["Steps"] is not JsonArray steps)
            {
                return null;
            }

            var date = DateOnly.FromDateTime(finished.UtcDateTime);
            var result = new Dictionary<string, MeasuredStep>(StringComparer.Ordinal);
            foreach (var step in steps.OfType<JsonObject>())
            {
                if (Text(step["Name"]) is { } name && Text(step["Outcome"]) is "Completed"
                    && DateTimeOffset.TryParse(Text(step["Started"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
                    && DateTimeOffset.TryParse(Text(step["Finished"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ended)
                    && ended >= started)
                {
                    result[name] = new MeasuredStep(name, ended - started, date);
                }
            }

            return result.Count == 0 ? null : (finished, result);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
