using System.Globalization;
using System.Xml.Linq;
using DrKit.Drills.Reports;
using DrKit.Failover;
using Spectre.Console;

namespace DrKit.Drills.Tests;

public sealed class ReportTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A hand-built result: rendering must not depend on running servers.</summary>
    private static DrillResult Sample(TimeSpan rto, long lost) => new()
    {
        DrillId = "demo-1",
        Spec = new LocalDrillSpec { StackName = "demo <stack>" },
        StartedAt = T0.AddSeconds(-3),
        FinishedAt = T0.AddSeconds(2),
        FailureInjectedAt = T0,
        DetectedAt = T0.AddMilliseconds(80),
        Verdict = DrillVerdict.Met,
        Summary = "Failover met every target | pipes escaped.",
        Tiers =
        [
            new TierMeasurement("postgres", new TierTargets(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), rto, lost,
                TimeSpan.FromMilliseconds(lost * 5), 300, T0.AddMilliseconds(-3), T0 + rto),
        ],
        Engine = new FailoverResult("demo-1", FailoverOutcome.Succeeded,
            [new StepRecord(FailoverSteps.Promote, T0.AddMilliseconds(100), T0.AddMilliseconds(200), StepOutcome.Completed, "postgres promoted")],
            false, null, TimeSpan.FromMilliseconds(300), ["postgres"], null),
        Acks = [new AckPoint("postgres", 1, T0.AddMilliseconds(-10), false), new AckPoint("postgres", 2, T0 + rto, true)],
        Timeline = [new DrillEvent(T0, "failure", "primary killed", "kill -9")],
    };

    [Test]
    public void Markdown_has_a_measured_vs_target_table()
    {
        var md = MarkdownReport.Render(Sample(TimeSpan.FromMilliseconds(450), 2));
        Assert.Multiple(() =>
        {
            Assert.That(md, Does.Contain("| Tier | RTO | RTO target |"), "table header");
            Assert.That(md, Does.Contain("| postgres | 0.450 s | 5s | met | 2 of 300 | 0.010 s | 1s | met |"), "measured row");
            Assert.That(md, Does.Contain("| Promote | Completed | +0.100 | 0.100 s |"), "engine steps relative to the failure");
            Assert.That(md, Does.Contain("target \\| pipes"), "pipes in text must not break the table");
        });
    }

    [Test]
    public void Html_is_self_contained_with_an_svg_timeline()
    {
        var html = HtmlReport.Render(Sample(TimeSpan.FromMilliseconds(450), 0));
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(html, Does.Contain("<svg").And.Contain("</svg>"), "inline SVG timeline");
            Assert.That(html, Does.Contain("<circle"), "acknowledged writes are plotted");
            Assert.That(html, Does.Contain("<style>"), "inline CSS");
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src="), "no external or executable assets");
            Assert.That(html, Does.Not.Match("(?i)https?:"), "no URL at all, not even the SVG namespace (HTML implies it for inline SVG)");
            Assert.That(html, Does.Contain("demo &lt;stack&gt;"), "text is HTML-encoded");
        });
    }

    [Test]
    public void Console_summary_shows_measured_and_target_and_verdict()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 160;
        ConsoleReport.Render(console, Sample(TimeSpan.FromMilliseconds(450), 2));
        var text = writer.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Measured vs target"));
            Assert.That(text, Does.Contain("0.450 s").And.Contain("5s"), "measured RTO next to its target, written as stacks write targets");
            Assert.That(text, Does.Contain("2 of 300"), "lost writes");
            Assert.That(text, Does.Contain("Met:"), "verdict line");
        });
    }

    [Test]
    public async Task History_appends_one_json_line_per_drill_and_reads_them_back()
    {
        var path = Path.Combine(Path.GetTempPath(), "drkit-history-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var history = new DrillHistory(path);
            await history.AppendAsync(Sample(TimeSpan.FromMilliseconds(400), 0), CancellationToken.None);
            await history.AppendAsync(Sample(TimeSpan.FromMilliseconds(900), 3), CancellationToken.None);
            await File.AppendAllTextAsync(path, "{\"DrillId\":\"torn");
            var lines = await File.ReadAllLinesAsync(path);
            var read = await history.ReadAsync(CancellationToken.None);
            Assert.Multiple(() =>
            {
                Assert.That(lines, Has.Length.EqualTo(3), "two results, one line each, plus the torn tail");
                Assert.That(read, Has.Count.EqualTo(2), "a torn last line is skipped");
                Assert.That(read[1].Tiers[0].Rto, Is.EqualTo(TimeSpan.FromMilliseconds(900)));
                Assert.That(read[1].Tiers[0].LostWrites, Is.EqualTo(3));
                Assert.That(read[0].Engine?.Outcome, Is.EqualTo(FailoverOutcome.Succeeded), "the engine result survives the round trip");
                Assert.That(lines[0], Does.Contain("\"Verdict\":\"Met\""), "enums are written by name");
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Timelines that crowd text: coincident markers, millisecond steps, long and tiny spans, no failure at all.</summary>
    private static IEnumerable<TestCaseData> Crowded()
    {
        static TimeSpan ms(double value) => TimeSpan.FromMilliseconds(value);
        yield return new TestCaseData(Drill(ms(30), [ms(1503), ms(1499)], EngineSteps(ms(40), ms(1380)), ms(-2000), ms(1800))).SetArgDisplayNames("coincident markers");
        yield return new TestCaseData(Drill(ms(40_000), [ms(101_000), ms(100_900)], EngineSteps(ms(40_100), ms(60_000)), ms(-30_000), ms(110_000))).SetArgDisplayNames("long outage");
        yield return new TestCaseData(Drill(ms(2), [ms(20), ms(21)], EngineSteps(ms(3), ms(12)), ms(-30), ms(40))).SetArgDisplayNames("tiny span");
        yield return new TestCaseData(Drill(null, [], [], ms(-2000), ms(2000)) with { FailureInjectedAt = null }).SetArgDisplayNames("no failure");
    }

    [TestCaseSource(nameof(Crowded))]
    public void Timeline_text_never_overlaps_and_stays_inside_the_chart(DrillResult drill)
    {
        var svg = Svg(drill);
        var width = double.Parse(svg.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);
        var boxes = svg.Descendants("text").Select(Box).ToList();
        var clashes = boxes.SelectMany((a, i) => boxes.Skip(i + 1).Where(b => a.Overlaps(b)).Select(b => $"'{a.Text}' / '{b.Text}'")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(boxes.Count(b => b.Class == "marker-label"), Is.EqualTo((drill.FailureInjectedAt is null ? 0 : 2) + drill.Tiers.Count),
                "failure, detection and every tier's first new write are labelled");
            Assert.That(clashes, Is.Empty, "no two labels share space");
            Assert.That(boxes.Where(b => b.X0 < 0 || b.X1 > width).Select(b => b.Text), Is.Empty, "no label runs off the viewBox");
        });
    }

    [TestCaseSource(nameof(Crowded))]
    public void Timeline_axis_ticks_are_evenly_spaced_round_seconds_with_the_failure_at_zero(DrillResult drill)
    {
        var svg = Svg(drill);
        var labels = svg.Descendants("text").Where(t => (string?)t.Attribute("class") == "tick-label").ToList();
        var seconds = labels.Select(t => double.Parse(t.Value.Replace(" s", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();
        var steps = seconds.Zip(seconds.Skip(1), (a, b) => Math.Round(b - a, 6)).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(svg.Descendants("line").Count(l => (string?)l.Attribute("class") == "tick"), Is.EqualTo(labels.Count).And.GreaterThanOrEqualTo(3),
                "every tick mark has a label, and there are enough to read a time off");
            Assert.That(labels.Select(t => t.Value), Does.Contain("0 s"), "time zero (the failure, or the start) is on the axis");
            Assert.That(steps, Has.Count.EqualTo(1), "one step between all ticks");
            Assert.That(steps.FirstOrDefault(), Is.AnyOf(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0), "the step is a round number of seconds");
        });
    }

    [Test]
    public void Timeline_names_steps_that_fit_and_numbers_the_rest_in_a_key()
    {
        var drill = Drill(TimeSpan.FromMilliseconds(30), [TimeSpan.FromMilliseconds(1503)], EngineSteps(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(1380)), TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(2));
        var texts = Svg(drill).Descendants("text").ToList();
        string[] Of(string cls) => texts.Where(t => (string?)t.Attribute("class") == cls).Select(t => t.Value).ToArray();
        var everything = texts.Select(t => t.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Of("step-label"), Has.Some.StartsWith("Promote"), "a 1.4 s step has room for its name");
            Assert.That(Of("step-label"), Has.None.StartsWith("ScaleCompute"), "a 1 ms step has none");
            Assert.That(Of("step-number"), Does.Contain("4–7"), "the four millisecond steps at the end share one numbered label");
            Assert.That(everything, Has.Some.StartsWith("4 ScaleCompute").And.Some.StartsWith("7 Report"), "and are listed in the key");
            Assert.That(drill.Engine!.Steps.Select(s => s.Name), Has.All.Matches<string>(n => everything.Any(t => t.Contains(n, StringComparison.Ordinal))),
                "every step is named somewhere in the chart");
        });
    }

    [Test]
    public void Timeline_scales_with_the_page_and_describes_itself()
    {
        var drill = Drill(TimeSpan.FromMilliseconds(30), [TimeSpan.FromMilliseconds(1503)], EngineSteps(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(1380)), TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(2));
        var svg = Svg(drill);
        var legend = svg.Descendants("text").Select(t => t.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((string?)svg.Attribute("width"), Is.EqualTo("100%"), "fills the page width");
            Assert.That(svg.Attribute("height"), Is.Null, "height follows from the viewBox aspect ratio");
            Assert.That(svg.Attribute("viewBox")?.Value, Does.StartWith("0 0 "), "scalable coordinates");
            Assert.That((string?)svg.Attribute("role"), Is.EqualTo("img"));
            Assert.That(svg.Element("title")?.Value, Is.Not.Empty, "accessible name");
            Assert.That(svg.Element("desc")?.Value, Does.Contain("+1.503 s").And.Contain("ScaleCompute"), "a text equivalent of the chart");
            Assert.That(legend, Does.Contain("write acknowledged by the old primary").And.Contain("write acknowledged by the new primary"), "the dot colours are explained");
        });
    }

    private static XElement Svg(DrillResult drill)
    {
        var html = HtmlReport.Render(drill);
        var start = html.IndexOf("<svg", StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the page holds an inline SVG");
        return XElement.Parse(html[start..end]);
    }

    /// <summary>
    /// A text's box from its attributes. The width uses 0.55 em per character, about the average of common sans
    /// serif faces, independent of the renderer's own estimate so that a renderer that packs too tightly fails.
    /// </summary>
    private static TextBox Box(XElement t)
    {
        double Num(string name) => double.Parse(t.Attribute(name)!.Value, CultureInfo.InvariantCulture);
        var size = Num("font-size");
        var w = t.Value.Length * size * 0.55;
        var x = Num("x");
        var x0 = (string?)t.Attribute("text-anchor") switch { "middle" => x - (w / 2), "end" => x - w, _ => x };
        var y = Num("y");
        return new TextBox(t.Value, (string?)t.Attribute("class"), x0, x0 + w, y - (size * 0.8), y + (size * 0.2));
    }

    private static DrillResult Drill(TimeSpan? detectedAfter, TimeSpan[] firstWrites, IReadOnlyList<StepRecord> steps, TimeSpan from, TimeSpan to)
    {
        string[] tierNames = ["postgres", "redis"];
        var tiers = firstWrites.Select((first, i) => new TierMeasurement(tierNames[i], new TierTargets(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)),
            first, 0, TimeSpan.Zero, 100, T0.AddMilliseconds(-5), T0 + first)).ToList();
        var every = TimeSpan.FromTicks((to - from).Ticks / 400);
        var acks = tierNames.Take(Math.Max(1, firstWrites.Length)).SelectMany((tier, i) => Enumerable.Range(0, 400)
            .Select(k => from + (every * k))
            .Where(at => at < TimeSpan.Zero || firstWrites.Length == 0 || at >= firstWrites[i])
            .Select((at, k) => new AckPoint(tier, k, T0 + at, firstWrites.Length > 0 && at > TimeSpan.Zero))).ToList();
        return Sample(TimeSpan.FromMilliseconds(450), 0) with
        {
            StartedAt = T0 + from,
            DetectedAt = detectedAfter is { } d ? T0 + d : null,
            Tiers = tiers,
            Acks = acks,
            Engine = steps.Count == 0 ? null : new FailoverResult("x", FailoverOutcome.Succeeded, steps, false, null, TimeSpan.FromSeconds(1), tierNames, null),
        };
    }

    /// <summary>The engine's seven steps as a real drill times them: Promote long, everything else milliseconds.</summary>
    private static List<StepRecord> EngineSteps(TimeSpan start, TimeSpan promote)
    {
        var durations = new[] { 0.02, 0.011, -1, 0.001, 0.003, 0.008, 0.0 }
            .Select(d => d < 0 ? promote : TimeSpan.FromSeconds(d * Math.Min(1, promote.TotalSeconds))).ToArray();
        var at = T0 + start;
        var steps = new List<StepRecord>();
        for (var i = 0; i < FailoverSteps.Ordered.Count; i++)
        {
            steps.Add(new StepRecord(FailoverSteps.Ordered[i], at, at + durations[i], StepOutcome.Completed, string.Empty));
            at += durations[i];
        }

        return steps;
    }

    private sealed record TextBox(string Text, string? Class, double X0, double X1, double Y0, double Y1)
    {
        public bool Overlaps(TextBox o) => X0 < o.X1 && o.X0 < X1 && Y0 < o.Y1 && o.Y0 < Y1;
    }
}
