using DrKit.Core.Objectives;

namespace DrKit.Core.Tests.Objectives;

public sealed class DurationTextTests
{
    private static readonly object[] Valid =
    [
        new object[] { "0", TimeSpan.Zero },
        new object[] { "30s", TimeSpan.FromSeconds(30) },
        new object[] { "5m", TimeSpan.FromMinutes(5) },
        new object[] { "1h", TimeSpan.FromHours(1) },
        new object[] { "24h", TimeSpan.FromHours(24) },
        new object[] { "1h30m", TimeSpan.FromMinutes(90) },
        new object[] { "500ms", TimeSpan.FromMilliseconds(500) },
        new object[] { "30d", TimeSpan.FromDays(30) },
        new object[] { " 5m ", TimeSpan.FromMinutes(5) },
    ];

    [TestCaseSource(nameof(Valid))]
    public void Parse_ReadsEveryUnit(string text, TimeSpan expected) =>
        Assert.That(DurationText.Parse(text), Is.EqualTo(expected), $"'{text}' should parse to {expected}");

    [TestCase("-5m")]
    [TestCase("5x")]
    [TestCase("m5")]
    [TestCase("5")]
    [TestCase("5m5")]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void TryParse_RejectsMalformedText(string? text)
    {
        Assert.That(DurationText.TryParse(text, out _), Is.False, $"'{text}' is not a duration");
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => DurationText.Parse(text), $"Parse('{text}') should throw");
        }
    }

    [Test]
    public void Parse_FailureNamesTheExpectedShape()
    {
        var e = Assert.Throws<FormatException>(() => DurationText.Parse("5x"))!;
        Assert.That(e.Message, Does.Contain(DurationText.Expected).And.Contain("'5x'"), "the message should say what was expected and what was given");
    }

    [TestCase("30s")]
    [TestCase("5m")]
    [TestCase("1h")]
    [TestCase("24h")]
    [TestCase("1h30m")]
    [TestCase("500ms")]
    [TestCase("30d")]
    [TestCase("2h5m7s")]
    public void Format_RoundTripsCanonicalText(string text) =>
        Assert.That(DurationText.Format(DurationText.Parse(text)), Is.EqualTo(text), $"'{text}' should print back as itself");

    [Test]
    public void Format_ZeroPrintsAsZeroSeconds() =>
        Assert.That(DurationText.Format(DurationText.Parse("0")), Is.EqualTo("0s"), "zero prints with a unit");

    [Test]
    public void Format_UsesLargestExactUnits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DurationText.Format(TimeSpan.FromSeconds(5400)), Is.EqualTo("1h30m"), "5400s is 1h30m");
            Assert.That(DurationText.Format(TimeSpan.FromHours(48)), Is.EqualTo("2d"), "whole days of two or more print as days");
            Assert.That(DurationText.Format(TimeSpan.FromDays(1)), Is.EqualTo("24h"), "one day prints as 24h, the tier matrix spelling");
            Assert.That(DurationText.Format(TimeSpan.FromHours(36)), Is.EqualTo("36h"), "a day and a half is not a whole number of days");
        });
    }

    [Test]
    public void Format_OutputParsesBackToTheSameValue()
    {
        foreach (var seconds in new[] { 1, 59, 61, 3599, 3601, 86399, 86400, 90061, 172800, 2592000 })
        {
            var value = TimeSpan.FromSeconds(seconds);
            Assert.That(DurationText.Parse(DurationText.Format(value)), Is.EqualTo(value), $"{seconds}s should survive Format then Parse");
        }
    }
}
