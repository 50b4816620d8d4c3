using DrKit.Policies.Plan;

namespace DrKit.Policies.Tests.Plan;

/// <summary>drill-recency and the lenient reading of the drill history file.</summary>
public sealed class DrillRecencyTests
{
    private string root = null!;

    [SetUp]
    public void CreateRoot() => root = Directory.CreateTempSubdirectory("drkit-policy-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(root, recursive: true);

    private PolicyReport Check(params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(root, ".drkit"));
        File.WriteAllLines(Path.Combine(root, ".drkit", "h.jsonl"), lines);
        return Stacks.Check(Plan(), root: root);
    }

    private static Core.Planning.DrPlan Plan() =>
        Stacks.TwoWith("drillMaxAge: 30d\ndrillHistory: .drkit/h.jsonl", "kind: inference-endpoint", "tier: production", "strategy: pilot-light");

    [Test]
    public void Drill_PassesWithARecentSuccess()
    {
        var report = Check("""{"drillId":"d1","spec":{"stackName":"test"},"finishedAt":"2026-05-20T10:00:00+00:00","verdict":"met"}""");
        Assert.That(report.Of(RuleCatalog.DrillRecency), Is.Empty, "12 days is within 30");
    }

    [Test]
    public void Drill_FlagsAStaleSuccessAndIgnoresLaterFailures()
    {
        var report = Check(
            """{"stackName":"test","finishedAt":"2026-03-01T00:00:00Z","verdict":"Met"}""",
            """{"stackName":"test","finishedAt":"2026-05-30T00:00:00Z","verdict":"missed"}""");
        var finding = report.Of(RuleCatalog.DrillRecency).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Message, Does.Contain("2026-03-01"), "the last success, not the later failure, dates the drill");
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Advisory), "drill age is advisory by default");
        });
    }

    [Test]
    public void Drill_SkipsUnreadableLinesAndOtherStacks()
    {
        var report = Check(
            "not json",
            """{"stack":"other","finishedAt":"2026-05-30T00:00:00Z","success":true}""",
            """{"stack":"test"}""");
        var finding = report.Of(RuleCatalog.DrillRecency).Single();
        Assert.That(finding.Message, Does.Contain("no successful drill").And.Contain("2 unreadable lines"), "bad lines are counted, other stacks ignored");
    }

    [Test]
    public void Drill_AbsentHistoryIsAFindingNotACrash()
    {
        var finding = Stacks.Check(Plan(), root: root).Of(RuleCatalog.DrillRecency).Single();
        Assert.That(finding.Message, Does.Contain("no drill history at .drkit/h.jsonl"), "the missing file is named");
    }

    [TestCase("""{"spec":{"stackName":"s"},"finishedAt":"2026-01-01T00:00:00Z","verdict":0}""", true)]
    [TestCase("""{"stackName":"s","finished_at":"2026-01-01T00:00:00Z","ok":false}""", false)]
    [TestCase("""{"StackName":"s","FinishedAt":"2026-01-01T00:00:00Z","Verdict":"Refused"}""", false)]
    public void History_ReadsTheKnownShapes(string line, bool succeeded)
    {
        var record = DrillHistory.Parse(line);
        Assert.That(record, Is.EqualTo(new DrillRecord("s", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), succeeded)), line);
    }
}
