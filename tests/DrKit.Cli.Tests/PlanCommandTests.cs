using System.Text.Json;
using DrKit.Core.Planning;

namespace DrKit.Cli.Tests;

public sealed class PlanCommandTests
{
    private string _cwd = string.Empty;

    [OneTimeSetUp]
    public void RunFromTheRepository()
    {
        // Stack names resolve from the working folder, as when drkit runs in a checkout.
        _cwd = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepoPaths.Root);
    }

    [OneTimeTearDown]
    public void RestoreWorkingFolder() => Directory.SetCurrentDirectory(_cwd);

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.BundledStacks))]
    public async Task Plan_BundledStack_PrintsEveryComponent(string stack)
    {
        var result = await CliRun.RunAsync("plan", stack);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"plan {stack} should succeed; stderr: {result.Error}");
            Assert.That(result.Error, Is.Empty, "nothing on stderr");
            foreach (var component in StackComponents.Of(stack))
            {
                Assert.That(result.Out, Does.Contain(component), $"the table should list {component}");
            }

            Assert.That(result.Out, Does.Contain("Overall"), "the summary line follows the table");
        });
    }

    [Test]
    public async Task Plan_Details_ShowsTheArithmetic()
    {
        var result = await CliRun.RunAsync("plan", "pilot-light", "--details");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Out, Does.Contain("RTO = 15m30s: detection 30s (health check every 10s x 3 failures)"), "details print each estimate's reasoning");
            Assert.That(result.Out, Does.Contain("us-west-2 (recovery)"), "details print per-region settings");
        });
    }

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.BundledStacks))]
    public async Task Plan_Json_ParsesBackIntoThePlan(string stack)
    {
        var result = await CliRun.RunAsync("plan", stack, "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
        var plan = PlanJson.Deserialize(result.Out);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Stack, Is.EqualTo(stack), "the JSON is this stack's plan");
            Assert.That(plan.Components.Select(c => c.Name), Is.EqualTo(StackComponents.Of(stack)), "every component is in the JSON");
            Assert.That(PlanJson.Serialize(plan).Trim(), Is.EqualTo(result.Out.Trim()), "stdout holds exactly one JSON document and nothing else");
        });
    }

    [Test]
    public async Task Plan_Markdown_HasATable()
    {
        var result = await CliRun.RunAsync("plan", "active-active", "-f", "markdown");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Out, Does.Contain("| Component | Kind | Tier | Strategy | Mechanism |"), "a Markdown header row");
            Assert.That(result.Out, Does.Contain("|---|---|"), "a Markdown separator row");
            Assert.That(result.Out.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)), Is.EqualTo(StackComponents.Of("active-active").Count), "one row per component");
        });
    }

    [Test]
    public async Task Plan_StackFilePath_IsAccepted()
    {
        var result = await CliRun.RunAsync("plan", RepoPaths.Stack("primary"), "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"a path works as well as a name; stderr: {result.Error}");
    }

    [Test]
    public async Task Plan_UnknownStackName_ListsKnownStacks()
    {
        var result = await CliRun.RunAsync("plan", "no-such-stack");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "an unknown stack is bad input");
            Assert.That(result.Error, Does.Contain("no stack named 'no-such-stack'"), "stderr names the stack");
            foreach (var known in RepoPaths.BundledStacks)
            {
                Assert.That(result.Error, Does.Contain(known), $"stderr lists the known stack {known}");
            }
        });
    }

    [Test]
    public async Task Plan_UnknownOption_IsBadInput()
    {
        var result = await CliRun.RunAsync("plan", "primary", "--colour");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "an unknown option is bad input");
            Assert.That(result.Error, Does.Contain("--colour"), "stderr names the option");
            Assert.That(result.Out, Is.Empty, "no plan is printed");
        });
    }

    [Test]
    public async Task Plan_UnknownFormat_IsBadInput()
    {
        var result = await CliRun.RunAsync("plan", "primary", "--format", "yaml");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), $"an unknown format is bad input; stderr: {result.Error}");
    }

    [Test]
    public async Task Plan_MissingArgument_IsBadInput()
    {
        var result = await CliRun.RunAsync("plan");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), $"plan needs a stack; stderr: {result.Error}");
    }
}
