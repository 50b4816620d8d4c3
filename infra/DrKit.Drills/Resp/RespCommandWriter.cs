using System.Globalization;
using System.Text;

namespace DrKit.Drills.Resp;

/// <summary>Encodes a command the way every Redis server accepts it: an array of bulk strings.</summary>
public static class RespCommandWriter
{
    public static byte[] Encode(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            throw new ArgumentException("A command needs at least its name.", nameof(args));
        }

        var builder = new StringBuilder();
        builder.Append('*').Append(args.Count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var arg in args)
        {
            ArgumentNullException.ThrowIfNull(arg, nameof(args));

            // Length is in bytes, not characters, or non-ASCII arguments would desynchronise the stream.
            builder.Append('$').Append(Encoding.UTF8.GetByteCount(arg).ToString(CultureInfo.InvariantCulture))
                .Append("\r\n").Append(arg).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
