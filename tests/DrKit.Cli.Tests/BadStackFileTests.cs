namespace DrKit.Cli.Tests;

public sealed class BadStackFileTests
{
    private TempDir _temp = null!;

    [SetUp]
    public void CreateTempDir() => _temp = new TempDir();

    [TearDown]
    public void DeleteTempDir() => _temp.Dispose();

    private static void AssertNoStackTrace(CliResult result) =>
        Assert.That(result.All, Does.Not.Contain("   at "), "a bad stack file is explained, never shown as a stack trace");

    [Test]
    public async Task BadKey_ExitsTwoNamingFileKeyAndExpectation_AndLeavesTheFileAlone()
    {
        var text = File.ReadAllText(RepoPaths.Stack("pilot-light")).Replace("      archiveTimeout: 60s\n", "      archiveTimeout: 60s\n      rpo: soon\n", StringComparison.Ordinal);
        var file = _temp.Write("Pulumi.broken.yaml", text);
        var before = File.ReadAllBytes(file);

        var result = await CliRun.RunAsync("plan", file);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "bad input exits 2");
            Assert.That(result.Error, Does.Contain(file), "stderr names the file");
            Assert.That(result.Error, Does.Contain("drkit:components.context-store.rpo"), "stderr names the key path");
            Assert.That(result.Error, Does.Contain("expected a duration such as").And.Contain("got 'soon'"), "stderr says what was expected and what was found");
            Assert.That(result.Error, Does.Contain("Nothing was changed."), "stderr says nothing changed");
            Assert.That(File.ReadAllBytes(file), Is.EqualTo(before), "the stack file is not touched");
        });
        AssertNoStackTrace(result);
    }

    [Test]
    public async Task SeveralProblems_AreAllListed()
    {
        var text = File.ReadAllText(RepoPaths.Stack("pilot-light"))
            .Replace("      replication: async\n", "      replication: sync\n", StringComparison.Ordinal)
            .Replace("      nodeType: cache.r7g.large\n", "      nodeTyp: cache.r7g.large\n", StringComparison.Ordinal);
        var file = _temp.Write("Pulumi.two.yaml", text);
        var result = await CliRun.RunAsync("plan", file, "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "bad input exits 2");
            Assert.That(result.Error, Does.Contain("(2 problems)"), "the count is given");
            Assert.That(result.Error, Does.Contain("drkit:components.context-store.replication: RDS cross-region read replicas are asynchronous"), "the first problem");
            Assert.That(result.Error, Does.Contain("drkit:components.session-cache.nodeTyp: unknown key (did you mean 'nodeType'?)"), "the second problem");
            Assert.That(result.Out, Is.Empty, "no half-written JSON on stdout");
        });
        AssertNoStackTrace(result);
    }

    [Test]
    public async Task NotYaml_ReportsFileAndLine()
    {
        var file = _temp.Write("Pulumi.garbage.yaml", "config:\n  drkit:primaryRegion: us-east-1\n  drkit:service: [a, b\n  drkit:components: {}\n");
        var result = await CliRun.RunAsync("plan", file);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "bad YAML exits 2");
            Assert.That(result.Error, Does.Contain($"{file}:4: (file): not valid YAML"), "stderr names the file and line");
        });
        AssertNoStackTrace(result);
    }

    [Test]
    public async Task MissingFile_ExitsTwo()
    {
        var file = Path.Combine(_temp.Path, "Pulumi.absent.yaml");
        var result = await CliRun.RunAsync("plan", file);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "a missing file is bad input");
            Assert.That(result.Error, Does.Contain("Pulumi.absent.yaml").And.Contain("file not found"), "stderr names the file");
            Assert.That(File.Exists(file), Is.False, "nothing is created");
        });
        AssertNoStackTrace(result);
    }

    [Test]
    public async Task BadNewFileInDiff_ExitsTwoNotOne()
    {
        var file = _temp.Write("Pulumi.new.yaml", "config:\n  drkit:primaryRegion: us-east-1\n");
        var result = await CliRun.RunAsync("diff", RepoPaths.Stack("primary"), file);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "a broken stack is bad input, not a regression");
            Assert.That(result.Error, Does.Contain("drkit:components: missing; expected a map"), "stderr names the missing key");
        });
        AssertNoStackTrace(result);
    }
}
