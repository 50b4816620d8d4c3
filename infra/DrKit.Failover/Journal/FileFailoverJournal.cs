using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DrKit.Core.Input;
using DrKit.Core.Json;

namespace DrKit.Failover;

/// <summary>
/// A journal in a JSON-lines file, one entry per line, flushed to disk on every append so a crash loses nothing
/// that was acknowledged. A last line cut short by a crash mid-write is ignored when reading and dropped before
/// the next append.
/// </summary>
public sealed class FileFailoverJournal : IFailoverJournal
{
    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { TypedJson.Enum<JournalEvent>() },
        TypeInfoResolver = JournalJsonContext.Default,
    };

    // One append or read at a time within this process; the journal of one operation has one writer.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates a journal stored at <paramref name="path"/>; the file is created on the first append.</summary>
    public FileFailoverJournal(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Full path of the journal file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string operationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!File.Exists(Path))
            {
                return [];
            }

            // Under the journal limits: a hostile or runaway journal is refused whole, before any entry is parsed.
            var lines = BoundedFile.ReadJsonLines(Path, InputLimits.Journal);
            var entries = new List<JournalEntry>();
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                var entry = TryParse(lines[i]);
                if (entry is null)
                {
                    // Only the last line can be legitimately torn by a crash; damage anywhere else means the
                    // file was edited or corrupted, and resuming from it could repeat a promotion.
                    if (i == lines.Count - 1)
                    {
                        continue;
                    }

                    throw new InvalidDataException($"Journal '{Path}' line {i + 1} is not a valid entry.");
                }

                if (entry.OperationId == operationId)
                {
                    entries.Add(entry);
                }
            }

            return entries;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task AppendAsync(JournalEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = ToLine(entry) + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            DropTornTail(stream);
            stream.Seek(0, SeekOrigin.End);
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            // flushToDisk: the OS cache is not enough; the entry must survive power loss, not just a process crash.
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One entry as the journal file stores it (one JSON line, no newline).</summary>
    public static string ToLine(JournalEntry entry) => TypedJson.Serialize(entry, JsonOptions);

    /// <summary>An entry from one stored line; null when the line is not a complete entry.</summary>
    public static JournalEntry? TryParse(string line)
    {
        try
        {
            var entry = TypedJson.Deserialize<JournalEntry>(line, JsonOptions);
            return entry is { OperationId: not null, Step: not null, Detail: not null } ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A torn last line was never acknowledged to anyone; appending after it would glue two entries together.
    private static void DropTornTail(FileStream stream)
    {
        if (stream.Length == 0)
        {
            return;
        }

        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n')
        {
            return;
        }

        var position = stream.Length - 1;
        while (position > 0)
        {
            stream.Seek(position - 1, SeekOrigin.Begin);
            if (stream.ReadByte() == '\n')
            {
                break;
            }

            position--;
        }

        stream.SetLength(position);
    }
}

/// <summary>Compile-time JSON metadata for journal entries.</summary>
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
