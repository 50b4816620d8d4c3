using System.Globalization;
using System.Text;

namespace DrKit.Core.Objectives;

/// <summary>
/// Parses and prints the compact durations used in stack files and reports: <c>0</c>, <c>30s</c>, <c>5m</c>,
/// <c>1h30m</c>, <c>24h</c>, <c>30d</c>, and <c>500ms</c>.
/// </summary>
public static class DurationText
{
    public const string Expected = "a duration such as 0, 30s, 5m, 1h or 24h (units ms, s, m, h, d)";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s == "0")
        {
            return true;
        }

        var total = TimeSpan.Zero;
        var i = 0;
        var sawPart = false;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            TimeSpan part;
            switch (s[unitStart..i])
            {
                case "ms": part = TimeSpan.FromMilliseconds(number); break;
                case "s": part = TimeSpan.FromSeconds(number); break;
                case "m": part = TimeSpan.FromMinutes(number); break;
                case "h": part = TimeSpan.FromHours(number); break;
                case "d": part = TimeSpan.FromDays(number); break;
                default: return false;
            }

            total += part;
            sawPart = true;
        }

        value = total;
        return sawPart;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"expected {Expected}, got '{text}'");

    /// <summary>Prints the largest exact units, e.g. 5400s as <c>1h30m</c> and 0.5s as <c>500ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            return $"{Math.Round(value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";
        }

        var sb = new StringBuilder();
        var rest = TimeSpan.FromSeconds(Math.Round(value.TotalSeconds));
        if (rest.TotalDays >= 2 && rest.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return $"{(long)rest.TotalDays}d";
        }

        var hours = (long)rest.TotalHours;
        if (hours > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (rest.Minutes > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{rest.Minutes}m");
        }

        if (rest.Seconds > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{rest.Seconds}s");
        }

        return sb.Length == 0 ? "0s" : sb.ToString();
    }
}
