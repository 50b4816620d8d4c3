using System.Globalization;
using System.Text;

namespace DrKit.Drills.Reports;

/// <summary>
/// Draws the drill as an SVG: one lane per tier with a dot per acknowledged write (grey on the old primary,
/// green on the new one), a lane of engine steps as bars, and vertical markers for failure and detection.
/// The gap in the dots is the outage the user's writes saw.
/// </summary>
internal static class TimelineSvg
{
    private const int Width = 960;
    private const int Left = 110;
    private const int Right = 20;
    private const int LaneHeight = 34;
    private const int Top = 26;

    public static string Render(DrillResult r, DateTimeOffset origin)
    {
        var tiers = r.Acks.Select(a => a.Tier).Distinct(StringComparer.Ordinal).ToList();
        var steps = r.Engine?.Steps ?? [];
        var times = r.Acks.Select(a => a.At).Concat(steps.SelectMany(s => new[] { s.Started, s.Finished }))
            .Append(origin).Append(r.DetectedAt ?? origin).ToList();
        var from = times.Min();
        var to = times.Max();
        var span = Math.Max(0.001, (to - from).TotalSeconds);
        var lanes = tiers.Count + 1;
        var height = Top + (lanes * LaneHeight) + 30;
        double X(DateTimeOffset t) => Left + ((t - from).TotalSeconds / span * (Width - Left - Right));
        string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"Drill timeline\">");
        for (var i = 0; i < tiers.Count; i++)
        {
            var y = Top + (i * LaneHeight) + (LaneHeight / 2);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"6\" y=\"{y + 4}\" font-size=\"12\">{HtmlReport.E(tiers[i])} writes</text>");
            foreach (var a in r.Acks.Where(a => a.Tier == tiers[i]))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(a.At))}\" cy=\"{y}\" r=\"1.6\" fill=\"{(a.OnNewPrimary ? "#17803d" : "#7a8194")}\"/>");
            }
        }

        var stepY = Top + (tiers.Count * LaneHeight) + 6;
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"6\" y=\"{stepY + 16}\" font-size=\"12\">engine steps</text>");
        var palette = new[] { "#4b6cb7", "#6c8ed6", "#8aa6e0", "#a9bfe9", "#4b6cb7", "#6c8ed6", "#8aa6e0", "#c06c6c" };
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var x = X(s.Started);
            var w = Math.Max(2, X(s.Finished) - x);
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{stepY}\" width=\"{F(w)}\" height=\"22\" fill=\"{palette[i % palette.Length]}\"><title>{HtmlReport.E(s.Name)} {s.Outcome} {s.Duration.TotalMilliseconds:0} ms</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 1)}\" y=\"{stepY + ((i % 2 == 0) ? 34 : 44)}\" font-size=\"9\">{HtmlReport.E(s.Name)}</text>");
        }

        Marker(sb, "failure", r.FailureInjectedAt, "#b3261e", X, height);
        Marker(sb, "detected", r.DetectedAt, "#d97706", X, height);
        foreach (var t in r.Tiers.Where(t => t.FirstAckAfterSwitch is not null))
        {
            Marker(sb, "first " + t.Tier + " write", t.FirstAckAfterSwitch, "#17803d", X, height);
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{height - 4}\" font-size=\"10\">{ReportFormat.Offset(from, origin)} s</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 60}\" y=\"{height - 4}\" font-size=\"10\">{ReportFormat.Offset(to, origin)} s</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Marker(StringBuilder sb, string label, DateTimeOffset? at, string colour, Func<DateTimeOffset, double> x, int height)
    {
        if (at is not { } t)
        {
            return;
        }

        var px = x(t).ToString("0.0", CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px}\" y1=\"14\" x2=\"{px}\" y2=\"{height - 16}\" stroke=\"{colour}\" stroke-dasharray=\"4 3\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{px}\" y=\"11\" font-size=\"10\" fill=\"{colour}\">{HtmlReport.E(label)}</text>");
    }
}
