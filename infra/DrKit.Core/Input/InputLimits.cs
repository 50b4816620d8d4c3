namespace DrKit.Core.Input;

/// <summary>
/// Caps on what DrKit reads from a file, set far above any real file so that only a hostile or broken one
/// (a YAML billion-laughs, a file grown without bound, a line of megabytes) meets them. A file over a cap is
/// refused before it is expanded: refusal costs the size of the file at most, never the size it claims to expand to.
/// </summary>
/// <param name="Kind">What the file is, as a person would name it ("stack file", "drill history").</param>
/// <param name="MaxBytes">Largest file accepted, in bytes.</param>
/// <param name="MaxNodes">Most values (map entries, list items, scalars) after YAML aliases are expanded.</param>
/// <param name="MaxDepth">Deepest nesting of maps and lists (JSON objects and arrays).</param>
/// <param name="MaxScalarLength">Longest single value (YAML scalar) or line (JSON lines), in characters.</param>
public sealed record InputLimits(string Kind, long MaxBytes, int MaxNodes, int MaxDepth, int MaxScalarLength)
{
    private const int KiB = 1024;
    private const int MiB = 1024 * KiB;

    /// <summary>
    /// A stack file: the bundled ones are under 4 KiB and a generated catalog of 1,000 components in three
    /// regions is about 100 KiB with some 12,000 values, nested 5 deep; the caps leave 40x to 1,000x headroom.
    /// </summary>
    public static InputLimits StackFile { get; } = new("stack file", 4 * MiB, 500_000, 64, 64 * KiB);

    /// <summary>
    /// A drill history: one JSON line of about 2 KiB per drill, so 64 MiB holds some 30,000 drills; a drill
    /// result nests about 6 deep.
    /// </summary>
    public static InputLimits DrillHistory { get; } = new("drill history", 64 * MiB, int.MaxValue, 32, 1 * MiB);

    /// <summary>A failover journal: a handful of lines of under 1 KiB per operation.</summary>
    public static InputLimits Journal { get; } = new("journal", 16 * MiB, int.MaxValue, 32, 1 * MiB);

    /// <summary>A local drill's ownership record: a few dozen short lines.</summary>
    public static InputLimits OwnershipRecord { get; } = new("drill ownership record", 1 * MiB, int.MaxValue, 1, 64 * KiB);

    /// <summary>Bytes as people read them: 4 MiB, 64 KiB, 900 B.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= MiB when bytes % MiB == 0 => $"{bytes / MiB} MiB",
        >= MiB => $"{bytes / (double)MiB:0.#} MiB",
        >= KiB when bytes % KiB == 0 => $"{bytes / KiB} KiB",
        >= KiB => $"{bytes / (double)KiB:0.#} KiB",
        _ => $"{bytes} B",
    };
}
