using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DrKit.Core.Json;

namespace DrKit.Operations.Drills;

/// <summary>Appends drill records to the stack's JSON-lines drill history, one line per drill.</summary>
public static class DrillHistoryFile
{
    /// <summary>Default member names (PascalCase) and enum names, as the local drill history writes them.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = false,
        Converters = { TypedJson.Enum<CloudDrillVerdict>() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = DrillRecordJsonContext.Default,
    };

    public static string ToLine(DrillRecord record) => TypedJson.Serialize(record, JsonOptions);

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

/// <summary>Compile-time JSON metadata for cloud drill records.</summary>
[JsonSerializable(typeof(DrillRecord))]
internal sealed partial class DrillRecordJsonContext : JsonSerializerContext;
