using System.Text.Json;
using System.Text.Json.Serialization;
using DrKit.Core.Input;
using DrKit.Core.Json;

namespace DrKit.Drills.Reports;

/// <summary>
/// Append-only history of drill results, one JSON document per line, so trends (RTO creeping up, a tier
/// that started losing writes) can be read back without parsing reports.
/// </summary>
public sealed class DrillHistory
{
    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    public DrillHistory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = false,
        Converters =
        {
            TypedJson.Enum<DrillVerdict>(), TypedJson.Enum<DrillFailureMode>(), TypedJson.Enum<Postgres.ReplicationMode>(),
            TypedJson.Enum<Failover.FailoverOutcome>(), TypedJson.Enum<Failover.StepOutcome>(), TypedJson.Enum<Failover.JournalEvent>(),
        },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = DrillHistoryJsonContext.Default,
    };

    public async Task AppendAsync(DrillResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = TypedJson.Serialize(result, JsonOptions) + "\n";
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        // One writer at a time within the process, so concurrent drills cannot interleave half lines.
        await WriteGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await File.AppendAllTextAsync(Path, line, ct).ConfigureAwait(false);
        }
        finally
        {
            WriteGate.Release();
        }
    }

    /// <summary>
    /// Reads every complete line; a torn last line (crash mid-append) is skipped, not fatal. A file over
    /// <see cref="InputLimits.DrillHistory"/> is refused with <see cref="InputLimitException"/>.
    /// </summary>
    public Task<IReadOnlyList<DrillResult>> ReadAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read());
    }

    private IReadOnlyList<DrillResult> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var results = new List<DrillResult>();
        foreach (var line in BoundedFile.ReadJsonLines(Path, InputLimits.DrillHistory))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (TypedJson.Deserialize<DrillResult>(line, JsonOptions) is { } r)
                {
                    results.Add(r);
                }
            }
            catch (JsonException)
            {
                // A partial line from an interrupted append.
            }
        }

        return results;
    }
}

/// <summary>Compile-time JSON metadata for drill results.</summary>
[JsonSerializable(typeof(DrillResult))]
internal sealed partial class DrillHistoryJsonContext : JsonSerializerContext;
