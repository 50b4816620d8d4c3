using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DrKit.Operations.Drills;

/// <summary>Appends drill records to the stack's JSON-lines drill history, one line per drill.</summary>
public static class DrillHistoryFile
{
    /// <summary>Default member names (PascalCase) and enum names, as the local drill history writes them.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToLine(DrillRecord record) => JsonSerializer.Serialize(record, JsonOptions);

    public static async Task AppendAsync(string path, DrillRecord record, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(record);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        await File.AppendAllTextAsync(full, ToLine(record) + "\n", Encoding.UTF8, ct).ConfigureAwait(false);
    }
}
