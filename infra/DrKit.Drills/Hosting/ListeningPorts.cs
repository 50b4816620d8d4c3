using System.Globalization;

namespace DrKit.Drills.Hosting;

/// <summary>Loopback ports with a listener, from /proc/net/tcp*; TIME_WAIT leftovers do not count.</summary>
public static class ListeningPorts
{
    private const string Listen = "0A";

    public static HashSet<int> Now()
    {
        var ports = new HashSet<int>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == Listen)
                {
                    var local = fields[1];
                    ports.Add(int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }
}
