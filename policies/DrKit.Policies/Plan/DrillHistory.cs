using System.Globalization;
using System.Text.Json;
using DrKit.Core.Input;

namespace DrKit.Policies.Plan;

/// <summary>One drill as the history file records it: whose stack, when it finished, whether it succeeded.</summary>
public sealed record DrillRecord(string Stack, DateTimeOffset FinishedAt, bool Succeeded);

/// <summary>What could be read from a history file; unreadable lines are counted, never fatal.</summary>
public sealed record DrillHistoryRead(IReadOnlyList<DrillRecord> Records, int UnreadableLines);

/// <summary>
/// Reads the JSON-lines drill history DrKit's drills append to. Each line is read leniently: a stack name
/// (<c>stack</c>, <c>stackName</c> or <c>spec.stackName</c>), a finish time (<c>finishedAt</c>, <c>finished_at</c>,
/// <c>finished</c>) and a result (<c>verdict</c> "met"/"passed"/"succeeded", or a boolean <c>success</c>/<c>succeeded</c>/<c>ok</c>);
/// property names are matched case-insensitively. The numeric verdict 0 is DrKit's <c>Met</c>.
/// </summary>
public static class DrillHistory
{
    private static readonly string[] SuccessWords = ["met", "passed", "pass", "success", "succeeded", "ok"];

    /// <summary>Reads the history; a file over <see cref="InputLimits.DrillHistory"/> is refused with <see cref="InputLimitException"/>.</summary>
    public static DrillHistoryRead Read(string path)
    {
        var records = new List<DrillRecord>();
        var unreadable = 0;
        foreach (var line in BoundedFile.ReadJsonLines(path, InputLimits.DrillHistory))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (Parse(line) is { } record)
            {
                records.Add(record);
            }
            else
            {
                unreadable++;
            }
        }

        return new DrillHistoryRead(records, unreadable);
    }

    public static DrillRecord? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var stack = Text(Prop(root, "stack")) ?? Text(Prop(root, "stackName")) ?? (Prop(root, "spec") is { ValueKind: JsonValueKind.Object } spec ? Text(Prop(spec, "stackName")) : null);
            var finished = Text(Prop(root, "finishedAt")) ?? Text(Prop(root, "finished_at")) ?? Text(Prop(root, "finished"));
            var success = Success(root);
            if (stack is null || finished is null || success is null
                || !DateTimeOffset.TryParse(finished, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return null;
            }

            return new DrillRecord(stack, at, success.Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool? Success(JsonElement root)
    {
        if (Prop(root, "verdict") is { } verdict)
        {
            return verdict.ValueKind switch
            {
                JsonValueKind.String => SuccessWords.Contains(verdict.GetString()!.Trim().ToLowerInvariant()),
                JsonValueKind.Number => verdict.TryGetInt32(out var n) && n == 0,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }

        foreach (var name in new[] { "success", "succeeded", "ok" })
        {
            if (Prop(root, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } b)
            {
                return b.GetBoolean();
            }
        }

        return null;
    }

    private static JsonElement? Prop(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement? e) => e is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
}
