using System.Globalization;
using System.Text;
using DrKit.Failover;

namespace DrKit.Drills.Reports;

/// <summary>
/// Draws the drill as an SVG that scales with the page: one lane per tier with a dot per acknowledged write
/// (grey on the old primary, green on the new one) and a band from the failure to the tier's first new write,
/// a lane of engine steps as bars, markers for failure, detection and first writes, and a time axis in seconds
/// from the failure. Text positions come from an estimate of text width, so labels are stacked or moved to a
/// numbered key rather than printed over each other.
/// </summary>
internal static class TimelineSvg
{
    /// <summary>Width of the viewBox; the rendered size follows the page.</summary>
    internal const double Width = 960;

    /// <summary>Deliberately generous per-character width (in em) so estimated boxes contain the real glyphs.</summary>
    internal const double EmPerChar = 0.62;

    internal const double SmallFont = 10;
    private const double LabelFont = 11;
    private const double Right = 24;
    private const double LaneHeight = 28;
    private const double RowHeight = 14;
    internal const double BarHeight = 20;
    internal const double Gap = 8;
    private const string Ink = "#1d2330";
    private const string Muted = "#4a5163";
    private const string OldPrimary = "#7a8194";
    private const string NewPrimary = "#17803d";
    private const string Band = "#fbe9e7";

    /// <summary>A background-coloured outline under text, so a dashed marker line crossing it leaves the glyphs legible.</summary>
    internal const string Halo = " stroke=\"#fcfcff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

    private static readonly double[] NiceSteps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

    internal static double TextWidth(string text, double fontSize) => text.Length * fontSize * EmPerChar;

    public static string Render(DrillResult r, DateTimeOffset origin)
    {
        var tiers = r.Acks.Select(a => a.Tier).Distinct(StringComparer.Ordinal).ToList();
        var steps = r.Engine?.Steps ?? [];
        var laneLabels = tiers.Select(t => t + " writes").Append("engine steps").Append(AxisCaption(r));
        var frame = Frame(r, origin, steps, 6 + laneLabels.Max(l => TextWidth(l, LabelFont)) + 26);

        var markers = PlaceMarkers(Markers(r, origin, frame));
        var rows = markers.Count == 0 ? 0 : markers.Max(m => m.Row) + 1;
        var laneTop = 6 + (rows * RowHeight) + 6;
        var stepTop = laneTop + (tiers.Count * LaneHeight) + 4;

        // Painted in layers so that grid lines stay behind the bars and no line is drawn over text.
        var (grid, shapes, lines, texts) = (new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder());
        var banded = Lanes(shapes, texts, r, tiers, frame, laneTop);
        var keyed = steps.Count == 0 ? [] : TimelineSteps.Render(shapes, texts, steps, frame.X, stepTop);
        var axisY = steps.Count == 0 ? stepTop : stepTop + BarHeight + (keyed.Count == 0 ? 8 : 20);
        Axis(grid, shapes, texts, frame, laneTop, axisY, AxisCaption(r));
        foreach (var m in markers)
        {
            var lineTop = RowBaseline(m.Row) + 3;
            lines.Append(Fmt($"<line x1=\"{m.Marker.X:0.0}\" y1=\"{lineTop:0.0}\" x2=\"{m.Marker.X:0.0}\" y2=\"{axisY:0.0}\" stroke=\"{m.Marker.Colour}\" stroke-dasharray=\"4 3\"/>"));
            texts.Append(Fmt($"<text class=\"marker-label\" x=\"{m.X0:0.0}\" y=\"{RowBaseline(m.Row):0.0}\" font-size=\"{SmallFont}\" fill=\"{m.Marker.Colour}\"{Halo}>{HtmlReport.E(m.Marker.Label)}</text>"));
        }

        var legend = new List<(Func<double, double, string> Swatch, string Text)>();
        if (tiers.Count > 0)
        {
            legend.Add(((x, y) => Fmt($"<circle cx=\"{x + 4:0.0}\" cy=\"{y - 3.5:0.0}\" r=\"3\" fill=\"{OldPrimary}\"/>"), "write acknowledged by the old primary"));
            legend.Add(((x, y) => Fmt($"<circle cx=\"{x + 4:0.0}\" cy=\"{y - 3.5:0.0}\" r=\"3\" fill=\"{NewPrimary}\"/>"), "write acknowledged by the new primary"));
        }

        if (banded)
        {
            legend.Add(((x, y) => Fmt($"<rect x=\"{x:0.0}\" y=\"{y - 8:0.0}\" width=\"9\" height=\"9\" fill=\"{Band}\" stroke=\"#e0b4ae\"/>"), "RTO: failure to the tier's first write on the new primary"));
        }

        var bottom = Flow(texts, legend, axisY + 36);
        bottom = Flow(texts, keyed.Select(k => (TimelineSteps.Swatch(k.Step), TimelineSteps.KeyText(k.Number, k.Step))), bottom + (keyed.Count > 0 ? 4 : 0));
        var height = Math.Ceiling(bottom);

        var sb = new StringBuilder();

        // No xmlns: the HTML parser puts inline <svg> in the SVG namespace, and the page then holds no URL at all.
        sb.Append(Fmt($"<svg class=\"timeline\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" font-family=\"system-ui,sans-serif\">"));
        sb.Append("<title id=\"timeline-title\">Drill timeline</title><desc id=\"timeline-desc\">").Append(HtmlReport.E(Describe(r, origin, frame, tiers))).Append("</desc>");
        return sb.Append(grid).Append(shapes).Append(lines).Append(texts).Append("</svg>").ToString();
    }

    private static string AxisCaption(DrillResult r) => r.FailureInjectedAt is null ? "s from start" : "s from failure";

    private static TimeFrame Frame(DrillResult r, DateTimeOffset origin, IReadOnlyList<StepRecord> steps, double left)
    {
        var times = r.Acks.Select(a => a.At).Concat(steps.SelectMany(s => new[] { s.Started, s.Finished }))
            .Concat(r.Tiers.Select(t => t.FirstAckAfterSwitch ?? origin)).Append(origin).Append(r.DetectedAt ?? origin).ToList();
        var span = Math.Max(0.001, (times.Max() - times.Min()).TotalSeconds);

        // A little room either side so the first and last dots are not drawn on the frame.
        var pad = TimeSpan.FromSeconds(span * 0.02);
        return new TimeFrame(left, Width - Right, times.Min() - pad, (span * 1.04), origin);
    }

    private static IEnumerable<Marker> Markers(DrillResult r, DateTimeOffset origin, TimeFrame f)
    {
        string Label(string what, DateTimeOffset at) => what + " " + (at == origin ? "0" : ReportFormat.Offset(at, origin)) + " s";
        if (r.FailureInjectedAt is { } failed)
        {
            yield return new Marker(Label("failure", failed), f.X(failed), "#b3261e");
        }

        if (r.DetectedAt is { } detected)
        {
            yield return new Marker(Label("detected", detected), f.X(detected), "#b45309");
        }

        foreach (var t in r.Tiers)
        {
            if (t.FirstAckAfterSwitch is { } first)
            {
                yield return new Marker(Label("first " + t.Tier + " write", first), f.X(first), NewPrimary);
            }
        }
    }

    /// <summary>
    /// Greedy rows: a label sits right of its line, or left of it near the right edge. Each takes the first row
    /// where it clears the labels already there, the dashed lines of markers labelled above it (they run down
    /// through its row), and where its own line does not cut through a label below. Labels are placed moving
    /// away from their lines (right-hand ones left to right, left-hand ones right to left), which keeps that
    /// possible; when it is not, text still never overlaps and the halo keeps a crossed label legible.
    /// </summary>
    private static List<PlacedLabel> PlaceMarkers(IEnumerable<Marker> markers)
    {
        var sides = markers.Select(m => (Marker: m, W: TextWidth(m.Label, SmallFont)))
            .Select(m => (m.Marker, m.W, Left: m.Marker.X + 3 + m.W > Width - 2)).ToList();
        var placed = new List<PlacedLabel>();
        foreach (var (m, w, left) in sides.Where(s => !s.Left).OrderBy(s => s.Marker.X).Concat(sides.Where(s => s.Left).OrderByDescending(s => s.Marker.X)))
        {
            var x0 = left ? m.X - 3 - w : m.X + 3;
            var row = Enumerable.Range(0, placed.Count + 1).Cast<int?>()
                .FirstOrDefault(row => !placed.Any(p => TextClash(p, x0, x0 + w, row!.Value) || LineClash(p, x0, x0 + w, m.X, row.Value)))
                ?? Enumerable.Range(0, placed.Count + 1).First(row => !placed.Any(p => TextClash(p, x0, x0 + w, row)));
            placed.Add(new PlacedLabel(m, x0, x0 + w, row));
        }

        return placed;
    }

    private static bool TextClash(PlacedLabel p, double x0, double x1, int row) => p.Row == row && x0 < p.X1 + Gap && p.X0 < x1 + Gap;

    private static bool LineClash(PlacedLabel p, double x0, double x1, double lineX, int row) =>
        (p.Row < row && p.Marker.X >= x0 - 2 && p.Marker.X <= x1 + 2) ||
        (p.Row > row && lineX >= p.X0 - 2 && lineX <= p.X1 + 2);

    private static double RowBaseline(int row) => 6 + 10 + (row * RowHeight);

    private static bool Lanes(StringBuilder shapes, StringBuilder texts, DrillResult r, List<string> tiers, TimeFrame f, double top)
    {
        var banded = false;
        for (var i = 0; i < tiers.Count; i++)
        {
            var y = top + (i * LaneHeight) + (LaneHeight / 2);
            var tier = r.Tiers.FirstOrDefault(t => t.Tier == tiers[i]);
            if (r.FailureInjectedAt is { } failed && tier is { FirstAckAfterSwitch: { } first, Rto: { } rto })
            {
                banded = true;
                var (x0, x1) = (f.X(failed), f.X(first));
                shapes.Append(Fmt($"<rect x=\"{x0:0.0}\" y=\"{y - 9:0.0}\" width=\"{Math.Max(1, x1 - x0):0.0}\" height=\"18\" fill=\"{Band}\"/>"));
                var text = "RTO " + ReportFormat.Seconds(rto);
                if (TextWidth(text, SmallFont) + 8 <= x1 - x0)
                {
                    texts.Append(Fmt($"<text x=\"{(x0 + x1) / 2:0.0}\" y=\"{y + 3.5:0.0}\" font-size=\"{SmallFont}\" text-anchor=\"middle\" fill=\"#8a3b33\">{text}</text>"));
                }
            }

            texts.Append(Fmt($"<text x=\"6\" y=\"{y + 4:0.0}\" font-size=\"{LabelFont}\" fill=\"{Ink}\">{HtmlReport.E(tiers[i])} writes</text>"));
            foreach (var a in r.Acks.Where(a => a.Tier == tiers[i]))
            {
                shapes.Append(Fmt($"<circle cx=\"{f.X(a.At):0.0}\" cy=\"{y:0.0}\" r=\"1.7\" fill=\"{(a.OnNewPrimary ? NewPrimary : OldPrimary)}\"/>"));
            }
        }

        if (r.Engine is { Steps.Count: > 0 })
        {
            var y = top + (tiers.Count * LaneHeight) + 4 + (BarHeight / 2) + 4;
            texts.Append(Fmt($"<text x=\"6\" y=\"{y:0.0}\" font-size=\"{LabelFont}\" fill=\"{Ink}\">engine steps</text>"));
        }

        return banded;
    }

    /// <summary>Ticks at a round step chosen so that the widest tick label fits between neighbours.</summary>
    private static void Axis(StringBuilder grid, StringBuilder shapes, StringBuilder texts, TimeFrame f, double gridTop, double y, string caption)
    {
        var fromRel = (f.From - f.Origin).TotalSeconds;
        var toRel = fromRel + f.Span;
        var perSecond = (f.PlotRight - f.Left) / f.Span;
        var widest = Math.Max(Math.Abs(fromRel), Math.Abs(toRel));
        var step = NiceSteps.FirstOrDefault(s => s * perSecond >= Math.Max(60, TextWidth(TickText(-widest, s), SmallFont) + 14));
        if (step == 0)
        {
            step = Math.Ceiling(f.Span / 8 / 3600) * 3600;
        }

        shapes.Append(Fmt($"<line x1=\"{f.Left:0.0}\" y1=\"{y:0.0}\" x2=\"{f.PlotRight:0.0}\" y2=\"{y:0.0}\" stroke=\"#9aa1b2\"/>"));
        texts.Append(Fmt($"<text x=\"6\" y=\"{y + 15:0.0}\" font-size=\"{SmallFont}\" fill=\"{Muted}\">{caption}</text>"));
        for (var k = (long)Math.Ceiling((fromRel / step) - 1e-9); k <= (long)Math.Floor((toRel / step) + 1e-9); k++)
        {
            var x = f.Left + (((k * step) - fromRel) * perSecond);
            var text = TickText(k * step, step);
            grid.Append(Fmt($"<line x1=\"{x:0.0}\" y1=\"{gridTop:0.0}\" x2=\"{x:0.0}\" y2=\"{y:0.0}\" stroke=\"#eceef4\"/>"));
            shapes.Append(Fmt($"<line class=\"tick\" x1=\"{x:0.0}\" y1=\"{y:0.0}\" x2=\"{x:0.0}\" y2=\"{y + 4:0.0}\" stroke=\"#9aa1b2\"/>"));
            texts.Append(Fmt($"<text class=\"tick-label\" x=\"{x:0.0}\" y=\"{y + 15:0.0}\" font-size=\"{SmallFont}\" text-anchor=\"middle\" fill=\"{Muted}\">{text}</text>"));
        }
    }

    private static string TickText(double value, double step)
    {
        if (Math.Abs(value) < step / 1000)
        {
            return "0 s";
        }

        var decimals = Enumerable.Range(0, 4).First(d => Math.Abs((step * Math.Pow(10, d)) - Math.Round(step * Math.Pow(10, d))) < 1e-9);
        var digits = decimals == 0 ? "0" : "0." + new string('0', decimals);
        return value.ToString("+" + digits + ";-" + digits, CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>Lays swatch-and-text entries left to right, wrapping at the right edge; returns the next free baseline.</summary>
    private static double Flow(StringBuilder sb, IEnumerable<(Func<double, double, string> Swatch, string Text)> entries, double y)
    {
        var x = 6.0;
        var any = false;
        foreach (var (swatch, text) in entries)
        {
            var w = 14 + TextWidth(text, SmallFont);
            if (any && x + w > Width - Right)
            {
                (x, y) = (6, y + RowHeight + 2);
            }

            sb.Append(swatch(x, y)).Append(Fmt($"<text x=\"{x + 14:0.0}\" y=\"{y:0.0}\" font-size=\"{SmallFont}\" fill=\"{Ink}\">{HtmlReport.E(text)}</text>"));
            x += w + 18;
            any = true;
        }

        return any ? y + RowHeight + 4 : y;
    }

    private static string Describe(DrillResult r, DateTimeOffset origin, TimeFrame f, List<string> tiers)
    {
        var parts = new List<string>
        {
            $"Acknowledged writes of {(tiers.Count == 0 ? "no tier" : string.Join(" and ", tiers))} from {ReportFormat.Offset(f.From, origin)} s to {ReportFormat.Offset(f.From.AddSeconds(f.Span), origin)} s, relative to {(r.FailureInjectedAt is null ? "the start" : "the failure")}.",
        };
        if (r.DetectedAt is { } d)
        {
            parts.Add($"Failure detected at {ReportFormat.Offset(d, origin)} s.");
        }

        parts.AddRange(r.Tiers.Where(t => t.FirstAckAfterSwitch is not null)
            .Select(t => $"First {t.Tier} write on the new primary at {ReportFormat.Offset(t.FirstAckAfterSwitch!.Value, origin)} s."));
        if (r.Engine is { Steps.Count: > 0 } engine)
        {
            parts.Add("Engine steps: " + string.Join("; ", engine.Steps.Select(s => $"{s.Name} {s.Outcome} at {ReportFormat.Offset(s.Started, origin)} s for {TimelineSteps.Duration(s.Duration)}")) + ".");
        }

        return string.Join(" ", parts);
    }

    private static string Fmt(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record TimeFrame(double Left, double PlotRight, DateTimeOffset From, double Span, DateTimeOffset Origin)
    {
        public double X(DateTimeOffset t) => Left + ((t - From).TotalSeconds / Span * (PlotRight - Left));
    }

    private sealed record Marker(string Label, double X, string Colour);

    private sealed record PlacedLabel(Marker Marker, double X0, double X1, int Row);
}
