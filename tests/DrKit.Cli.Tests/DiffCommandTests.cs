using System.Text.Json;

namespace DrKit.Cli.Tests;

public sealed class DiffCommandTests
{
    private TempDir _temp = null!;

    [SetUp]
    public void CreateTempDir() => _temp = new TempDir();

    [TearDown]
    public void DeleteTempDir() => _temp.Dispose();

    private string Weakened()
    {
        var text = File.ReadAllText(RepoPaths.Stack("pilot-light"));
        const string from = "      strategy: pilot-light\n      replication: async\n";
        Assert.That(text, Does.Contain(from), "the pilot-light stack keeps an async replica for context-store");
        return _temp.Write("Pulumi.pilot-light.yaml", text.Replace(from, "      strategy: backup-restore\n      replication: none\n", StringComparison.Ordinal));
    }

    [Test]
    public async Task Diff_WeakenedMechanism_ExitsOneAndNamesTheComponent()
    {
        var result = await CliRun.RunAsync("diff", RepoPaths.Stack("pilot-light"), Weakened());
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Findings), $"a regression exits 1; stderr: {result.Error}");
            Assert.That(result.Out, Does.Contain("context-store"), "the regressed component is named");
            Assert.That(result.Out, Does.Contain("regressed"), "its change is called a regression");
            Assert.That(result.Out, Does.Contain("RPO 5s -> 20m"), "the detail shows the RPO move (RDS's 5-minute log upload, then the backup copy)");
            Assert.That(result.Out, Does.Contain("1 regression(s)"), "the summary counts regressions");
        });
    }

    [Test]
    public async Task Diff_WeakenedMechanism_MarkdownAndJsonAlsoExitOne()
    {
        var weakened = Weakened();
        var markdown = await CliRun.RunAsync("diff", RepoPaths.Stack("pilot-light"), weakened, "--format", "markdown");
        var json = await CliRun.RunAsync("diff", RepoPaths.Stack("pilot-light"), weakened, "--format", "json");
        using var doc = JsonDocument.Parse(json.Out);
        var regressed = doc.RootElement.GetProperty("changes").EnumerateArray()
            .Where(c => c.GetProperty("kind").GetString() == "regressed").Select(c => c.GetProperty("component").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(markdown.ExitCode, Is.EqualTo(ExitCodes.Findings), "markdown: a regression exits 1");
            Assert.That(markdown.Out, Does.Contain("| `context-store` | ❌ regressed |"), "markdown names the component");
            Assert.That(json.ExitCode, Is.EqualTo(ExitCodes.Findings), "json: a regression exits 1");
            Assert.That(regressed, Is.EqualTo(new[] { "context-store" }), "json lists exactly the regressed component");
        });
    }

    [Test]
    public async Task Diff_IdenticalStacks_ExitsZero()
    {
        var copy = _temp.Write("Pulumi.pilot-light.yaml", File.ReadAllText(RepoPaths.Stack("pilot-light")));
        var result = await CliRun.RunAsync("diff", RepoPaths.Stack("pilot-light"), copy);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"no regression exits 0; stderr: {result.Error}");
            Assert.That(result.Out, Does.Contain("No component's achievable RPO or RTO got worse."), "the summary says so");
        });
    }

    [Test]
    public async Task Diff_ImprovedMechanism_ExitsZero()
    {
        // RTC turned back on: the artifacts' copy is bounded again. (Adding a replica is no such case: the failover then
        // promotes one more tier, so what is promoted after it is ready later, and diff says so.)
        var text = File.ReadAllText(RepoPaths.Stack("pilot-light"));
        const string from = "      objectLock: true\n      objectLockRetention: 30d\n";
        Assert.That(text, Does.Contain(from), "the pilot-light stack locks its model artifacts");
        var withoutRtc = _temp.Write("Pulumi.pilot-light.yaml", text.Replace(from, from + "      replicationTimeControl: false\n", StringComparison.Ordinal));
        var result = await CliRun.RunAsync("diff", withoutRtc, RepoPaths.Stack("pilot-light"));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"an improvement is no finding: {result.Out}");
            Assert.That(result.Out, Does.Contain("improved"), "the change is called an improvement");
        });
    }
}
