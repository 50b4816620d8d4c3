using System.Globalization;
using System.Text;
using DrKit.Failover;

namespace DrKit.Drills.Reports;

/// <summary>
/// The engine-step lane of the timeline: one bar per step, named inside the bar when the name fits, otherwise
/// numbered below it and listed in a key. Steps that take a few milliseconds sit on top of each other at any
/// useful scale, so neighbouring numbers whose labels would collide are merged into one range ("4–7").
/// </summary>
internal static class TimelineSteps
{
    private const string Ink = "#1d2330";

    /// <summary>Draws the bars and returns the steps that need a key entry, numbered in engine order from 1.</summary>
    public static List<(int Number, StepRecord Step)> Render(StringBuilder shapes, StringBuilder texts, IReadOnlyList<StepRecord> steps, Func<DateTimeOffset, double> x, double top)
    {
        var keyed = new List<(int Number, StepRecord Step)>();
        var clusters = new List<Cluster>();
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var x0 = x(s.Started);
            var w = Math.Max(2, x(s.Finished) - x0);
            shapes.Append(Fmt($"<rect x=\"{x0:0.0}\" y=\"{top:0.0}\" width=\"{w:0.0}\" height=\"{TimelineSvg.BarHeight}\" fill=\"{Fill(s, i)}\" stroke=\"#4b6cb7\" stroke-width=\"0.6\"><title>{HtmlReport.E(s.Name)} {s.Outcome}, {Duration(s.Duration)}</title></rect>"));
            var label = new[] { s.Name + " " + Duration(s.Duration), s.Name }
                .FirstOrDefault(l => TimelineSvg.TextWidth(l, TimelineSvg.SmallFont) + 8 <= w);
            if (label is not null)
            {
                texts.Append(Fmt($"<text class=\"step-label\" x=\"{x0 + (w / 2):0.0}\" y=\"{top + 14:0.0}\" font-size=\"{TimelineSvg.SmallFont}\" text-anchor=\"middle\" fill=\"{Ink}\">{HtmlReport.E(label)}</text>"));
            }
            else
            {
                keyed.Add((i + 1, s));
                clusters.Add(new Cluster([i + 1], x0, x0 + w));
            }
        }

        foreach (var c in Merge(clusters))
        {
            var y = top + TimelineSvg.BarHeight;
            texts.Append(Fmt($"<line x1=\"{c.X0:0.0}\" y1=\"{y + 2.5:0.0}\" x2=\"{c.X1:0.0}\" y2=\"{y + 2.5:0.0}\" stroke=\"{Ink}\"/>"));
            // A chip in the background colour, so a marker line at the same instant passes behind the number.
            texts.Append(Fmt($"<rect x=\"{c.LabelX0 - 2:0.0}\" y=\"{y + 4.5:0.0}\" width=\"{c.LabelX1 - c.LabelX0 + 4:0.0}\" height=\"12\" fill=\"#fcfcff\"/>"));
            texts.Append(Fmt($"<text class=\"step-number\" x=\"{c.Centre:0.0}\" y=\"{y + 14:0.0}\" font-size=\"{TimelineSvg.SmallFont}\" text-anchor=\"middle\" fill=\"{Ink}\">{HtmlReport.E(c.Text)}</text>"));
        }

        return keyed;
    }

    public static Func<double, double, string> Swatch(StepRecord step) =>
        (x, y) => Fmt($"<rect x=\"{x:0.0}\" y=\"{y - 8:0.0}\" width=\"9\" height=\"9\" fill=\"{Fill(step, 0)}\" stroke=\"#4b6cb7\" stroke-width=\"0.6\"/>");

    public static string KeyText(int number, StepRecord step) =>
        string.Create(CultureInfo.InvariantCulture, $"{number} {step.Name}, {Duration(step.Duration)}") + (step.Outcome == StepOutcome.Completed ? string.Empty : " (" + step.Outcome + ")");

    public static string Duration(TimeSpan d) =>
        d < TimeSpan.FromSeconds(1) ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0} ms") : ReportFormat.Seconds(d);

    /// <summary>Adjacent numbers whose labels would touch become one label, until none touch.</summary>
    private static List<Cluster> Merge(List<Cluster> clusters)
    {
        var merged = true;
        while (merged)
        {
            merged = false;
            for (var i = 0; i + 1 < clusters.Count && !merged; i++)
            {
                if (clusters[i].LabelX1 + TimelineSvg.Gap > clusters[i + 1].LabelX0)
                {
                    clusters[i] = new Cluster([.. clusters[i].Numbers, .. clusters[i + 1].Numbers], Math.Min(clusters[i].X0, clusters[i + 1].X0), Math.Max(clusters[i].X1, clusters[i + 1].X1));
                    clusters.RemoveAt(i + 1);
                    merged = true;
                }
            }
        }

        return clusters;
    }

    // Alternating tints keep touching bars apart; anything but a completed step stands out.
    private static string Fill(StepRecord s, int index) => s.Outcome switch
    {
        StepOutcome.Completed => index % 2 == 0 ? "#c9d6f2" : "#a9bfe9",
        StepOutcome.Skipped => "#e3e5ea",
        StepOutcome.Refused => "#f6d9a8",
        _ => "#f2c4c0",
    };

    private static string Fmt(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Cluster(IReadOnlyList<int> Numbers, double X0, double X1)
    {
        public string Text => Numbers.Count == 1 ? Numbers[0].ToString(CultureInfo.InvariantCulture)
            : Numbers[^1] - Numbers[0] == Numbers.Count - 1 ? string.Create(CultureInfo.InvariantCulture, $"{Numbers[0]}–{Numbers[^1]}")
            : string.Join(",", Numbers);

        private double HalfWidth => TimelineSvg.TextWidth(Text, TimelineSvg.SmallFont) / 2;

        // Kept inside the viewBox even for a step at the very edge.
        public double Centre => Math.Clamp((X0 + X1) / 2, HalfWidth + 2, TimelineSvg.Width - HalfWidth - 2);

        public double LabelX0 => Centre - HalfWidth;

        public double LabelX1 => Centre + HalfWidth;
    }
}
