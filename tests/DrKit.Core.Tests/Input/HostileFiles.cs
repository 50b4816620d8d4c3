using System.Text;

namespace DrKit.Core.Tests.Input;

/// <summary>Generates the hostile files each input limit exists for; the benchmarks write the same shapes at full size.</summary>
internal static class HostileFiles
{
    /// <summary>
    /// The billion-laughs stack file: <paramref name="levels"/> anchors, each a list of ten aliases to the one
    /// before, so the last expands to 10^levels values from well under a kilobyte of text.
    /// </summary>
    public static string BillionLaughs(int levels = 9)
    {
        var sb = new StringBuilder("config:\n  drkit:primaryRegion: us-east-1\n  drkit:l0: &l0 lol\n");
        for (var i = 1; i <= levels; i++)
        {
            sb.Append("  drkit:l").Append(i).Append(": &l").Append(i).Append(" [");
            sb.Append(string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10)));
            sb.Append("]\n");
        }

        return sb.Append("  drkit:components: *l").Append(levels).Append('\n').ToString();
    }

    /// <summary>A stack file whose one value is nested <paramref name="depth"/> lists deep.</summary>
    public static string DeepNesting(int depth) =>
        "config:\n  drkit:primaryRegion: " + new string('[', depth) + new string(']', depth) + "\n";

    /// <summary>A stack file with one scalar of <paramref name="length"/> characters.</summary>
    public static string LongScalar(int length) =>
        "config:\n  drkit:service: " + new string('a', length) + "\n  drkit:primaryRegion: us-east-1\n";

    /// <summary>A valid-looking stack file padded with comments to <paramref name="bytes"/>.</summary>
    public static string Oversized(long bytes)
    {
        var head = "config:\n  drkit:primaryRegion: us-east-1\n";
        var line = "# " + new string('x', 1021) + "\n";
        var sb = new StringBuilder(head, (int)Math.Min(bytes + line.Length, int.MaxValue));
        while (sb.Length < bytes)
        {
            sb.Append(line);
        }

        return sb.ToString();
    }

    /// <summary>A JSON line nested <paramref name="depth"/> arrays deep.</summary>
    public static string DeepJsonLine(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>Writes <paramref name="text"/> to a fresh file named <paramref name="name"/> and returns its path.</summary>
    public static string Write(string directory, string name, string text)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
