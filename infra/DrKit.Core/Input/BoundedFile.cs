using System.Text;
using System.Text.Json;

namespace DrKit.Core.Input;

/// <summary>Reads files under <see cref="InputLimits"/>: the size is checked before a byte is read.</summary>
public static class BoundedFile
{
    /// <summary>Refuses a file over the size limit, from its length on disk.</summary>
    public static void CheckSize(string path, InputLimits limits, string? display = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var length = new FileInfo(path).Length;
        if (length > limits.MaxBytes)
        {
            throw new InputLimitException(display ?? path, 0, $"{InputLimits.Bytes(limits.MaxBytes)} per {limits.Kind}", $"the file is {InputLimits.Bytes(length)}");
        }
    }

    /// <summary>The whole file as text, refused first when it is over the size limit.</summary>
    public static string ReadAllText(string path, InputLimits limits, string? display = null)
    {
        CheckSize(path, limits, display);
        return File.ReadAllText(path, Encoding.UTF8);
    }

    /// <summary>
    /// The lines of a JSON-lines file, each checked for length and nesting depth before anyone parses it; the
    /// file is refused whole at the first line over a limit.
    /// </summary>
    public static IReadOnlyList<string> ReadJsonLines(string path, InputLimits limits, string? display = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        CheckSize(path, limits, display);
        var lines = new List<string>();
        using var reader = new StreamReader(path, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > limits.MaxScalarLength)
            {
                throw new InputLimitException(display ?? path, number, $"{InputLimits.Bytes(limits.MaxScalarLength)} per line of a {limits.Kind}", $"the line is {InputLimits.Bytes(line.Length)}");
            }

            CheckJsonDepth(line, limits, display ?? path, number);
            lines.Add(line);
        }

        return lines;
    }

    // Scans tokens only (no allocation per value), so a line of 100,000 nested brackets is refused at bracket
    // 33 rather than handed to a parser. A line that is not JSON is left for its reader to judge.
    private static void CheckJsonDepth(string line, InputLimits limits, string display, int number)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = int.MaxValue, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= limits.MaxDepth)
                {
                    throw new InputLimitException(display, number, $"{limits.MaxDepth} levels of nesting in a {limits.Kind}", "values nested deeper");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or a torn last line): the file's own reader decides what that means.
        }
    }
}
