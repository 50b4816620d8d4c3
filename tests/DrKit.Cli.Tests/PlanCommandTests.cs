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
            Assert.That(result.Out, Does.Contain("Failover timeline"), "details print the failover program's steps the service RTO adds up");
            Assert.That(result.Out, Does.Contain("RTO context-store promote 5m-10m: promote the RDS cross-region read replica [sourced (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html)]"),
                "details print each term with its range and source");
            Assert.That(result.Out, Does.Contain("[assumed (DrKit assumption"), "assumed terms say so");
            Assert.That(result.Out, Does.Contain("cost: +1: 2 x g5.12xlarge reserved"), "details print what each cost factor is made of");
            Assert.That(result.Out, Does.Contain("us-west-2 (recovery)"), "details print per-region settings");
        });
    }

    [Test]
    public async Task Plan_Measured_UsesTheDrillHistorysStepTimes()
    {
        using var dir = new TempDir();
        var stack = File.ReadAllText(Path.Combine(RepoPaths.Root, "stacks", "Pulumi.pilot-light.yaml"))
            .Replace(".drkit/drills/pilot-light.jsonl", "drills.jsonl", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir.Path, "Pulumi.yaml"), "name: t\nruntime: dotnet\n");
        var stacks = Directory.CreateDirectory(Path.Combine(dir.Path, "stacks")).FullName;
        File.WriteAllText(Path.Combine(stacks, "Pulumi.pilot-light.yaml"), stack);
        File.WriteAllText(Path.Combine(dir.Path, "drills.jsonl"),
            """{"Spec":{"StackName":"pilot-light"},"FinishedAt":"2026-11-02T10:00:00Z","Engine":{"Steps":[{"Name":"Fence","Started":"2026-11-02T09:50:00Z","Finished":"2026-11-02T09:50:20Z","Outcome":"Completed"}]}}""" + "\n");
        var shown = await CliRun.RunAsync("plan", Path.Combine(stacks, "Pulumi.pilot-light.yaml"), "--details");
        var used = await CliRun.RunAsync("plan", Path.Combine(stacks, "Pulumi.pilot-light.yaml"), "--measured", "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(shown.Out, Does.Contain("measured in drill on 2026-11-02: 20s"), "the measurement is shown beside the assumption");
            Assert.That(used.ExitCode, Is.EqualTo(ExitCodes.Ok), used.Error);
            Assert.That(PlanJson.Deserialize(used.Out).Calibrated, Is.True, "--measured uses it");
            Assert.That(PlanJson.Deserialize(used.Out).Timeline.Single(s => s.Step == "Fence").Typical, Is.EqualTo(TimeSpan.FromSeconds(20)), "the measured 20s replaces the assumed fence");
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
