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
            Assert.That(html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal), Does.Not.Contain("http"),
                "the only URL is the SVG namespace, which is never fetched");
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
}
