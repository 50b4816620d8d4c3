using System.Text.Json;

namespace DrKit.Cli.Tests;

public sealed class ReadinessAndRunbookCommandTests
{
    [Test]
    public async Task Readiness_Json_CarriesTheScoreAndEveryDeduction()
    {
        var result = await CliRun.RunAsync("readiness", RepoPaths.Stack("pilot-light"), "--format", "json");
        using var json = JsonDocument.Parse(result.Out);
        var score = json.RootElement.GetProperty("score").GetInt32();
        var points = json.RootElement.GetProperty("deductions").EnumerateArray().Sum(d => d.GetProperty("points").GetInt32());
        Assert.Multiple(() =>
        {
            Assert.That(score, Is.EqualTo(100 - points), "the score is 100 minus the deductions shown");
            Assert.That(result.ExitCode, Is.EqualTo(score < 70 ? 1 : 0), "exit 1 only below the alert threshold");
        });
    }

    [Test]
    public async Task Readiness_BadStackName_IsBadInput()
    {
        var result = await CliRun.RunAsync("readiness", "no-such-stack");
        Assert.That(result.ExitCode, Is.EqualTo(2), "bad input exits 2");
    }

    [Test]
    public async Task Runbook_Markdown_IsTheSameOnEveryRun()
    {
        var first = await CliRun.RunAsync("runbook", RepoPaths.Stack("pilot-light"));
        var second = await CliRun.RunAsync("runbook", RepoPaths.Stack("pilot-light"));
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(0), "runbook succeeds offline");
            Assert.That(first.Out, Does.StartWith("# DR runbook: `pilot-light`"), "Markdown runbook");
            Assert.That(first.Out, Is.EqualTo(second.Out), "deterministic output");
        });
    }
}
