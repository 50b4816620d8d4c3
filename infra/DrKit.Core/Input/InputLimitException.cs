namespace DrKit.Core.Input;

/// <summary>
/// A file was refused because it is over one of DrKit's <see cref="InputLimits"/>; the message names the file,
/// the limit and what was found. Nothing was changed. Neither an <see cref="IOException"/> nor a parse error: a reader that tolerates
/// an unreadable file or line must still refuse a hostile one.
/// </summary>
public sealed class InputLimitException : Exception
{
    public InputLimitException(string file, int line, string limit, string found)
        : base($"{(line > 0 ? $"{file}:{line}" : file)}: {Explain(limit, found)}")
    {
        File = file;
        Line = line;
        Limit = limit;
        Reason = Explain(limit, found);
    }

    /// <summary>The file as it was named to DrKit.</summary>
    public string File { get; }

    /// <summary>Line where the limit was met, or 0 when it is the whole file (its size).</summary>
    public int Line { get; }

    /// <summary>The limit, with its value: "4 MiB per stack file".</summary>
    public string Limit { get; }

    /// <summary>The refusal without the file's name: what was found and the limit it crossed.</summary>
    public string Reason { get; }

    private static string Explain(string limit, string found) => $"refused: {found}, over the limit of {limit}; nothing was read further or changed";
}
