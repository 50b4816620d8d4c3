using DrKit.Cli;
using DrKit.Core.Planning;
using Spectre.Console;

namespace DrKit.Policies.Tests;

/// <summary>The bundled stacks and the broken test stack, through the evaluator and through drkit check.</summary>
public sealed class StackCheckTests
{
    [TestCase("primary")]
    [TestCase("pilot-light")]
    [TestCase("active-active")]
    public void Bundled_PassEveryMandatoryRule(string stack)
    {
        var report = Stacks.Check(Planner.PlanFile(Stacks.Bundled(stack)), root: Stacks.Root);
        Assert.That(report.Mandatory.Select(f => f.ToString()), Is.Empty, $"{stack} is a reference stack");
    }

    [TestCase("primary")]
    [TestCase("pilot-light")]
    [TestCase("active-active")]
    [TestCase("azure-pilot-light")]
    public void Bundled_OnTheDayTheModelTableWasRead_PinNoRetiredModelVersion(string stack)
    {
        var report = Stacks.Check(Planner.PlanFile(Stacks.Bundled(stack)), new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), Stacks.Root);
        Assert.That(report.Of(RuleCatalog.AzureOpenAiVersionCurrent).Select(f => f.ToString()), Is.Empty, $"{stack}'s Azure fallbacks must be deployable and serve");
    }

    [Test]
    public void Broken_FailsOnceForEveryViolatedRule()
    {
        var report = Stacks.Check(Planner.PlanFile(Stacks.Broken));
        var expected = new Dictionary<string, string>
        {
            [RuleCatalog.ObjectivesWithinTarget.Id] = "api",
            [RuleCatalog.PitrRetention.Id] = "ledger",
            [RuleCatalog.ImmutableBackups.Id] = "models",
            [RuleCatalog.CriticalNotBackupRestore.Id] = "archive",
            [RuleCatalog.GpuRecoveryCapacity.Id] = "gpu",
            [RuleCatalog.GpuReservationPosture.Id] = "gpu-batch",
            [RuleCatalog.RegionsInJurisdiction.Id] = "eu-west-1",
            [RuleCatalog.DrillRecency.Id] = "stack broken",
        };
        // Judged on its worst case, the ledger's pilot-light promotion also misses its production RTO.
        var alsoOverTarget = (RuleCatalog.ObjectivesWithinTarget.Id, "ledger");
        Assert.Multiple(() =>
        {
            Assert.That(report.Findings.Select(f => f.RuleId), Is.EquivalentTo(expected.Keys.Append(alsoOverTarget.Id)), "exactly one message per violated rule and component");
            foreach (var f in report.Findings)
            {
                Assert.That(f.Subject, Is.EqualTo(expected[f.RuleId]).Or.EqualTo(f.RuleId == alsoOverTarget.Id ? alsoOverTarget.Item2 : expected[f.RuleId]), $"{f.RuleId} names the component or region at fault");
                Assert.That(f.ToString(), Does.Contain(f.RuleId).And.Contain("Fix: " + RuleCatalog.Find(f.RuleId)!.Fix), "each message names rule and fix");
            }
        });
    }

    private static (int Exit, string Out, string Console) Run(params string[] args)
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(screen), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 400;
        var output = new StringWriter();
        var exit = DrKitApp.RunAsync(args, new CliIO(console, output, new StringWriter()), CancellationToken.None).GetAwaiter().GetResult();
        return (exit, output.ToString(), screen.ToString());
    }

    [TestCase("primary")]
    [TestCase("pilot-light")]
    [TestCase("active-active")]
    public void CheckCommand_ExitsZeroOnBundledStacksAndPrintsTheDrillFinding(string stack)
    {
        // A copy of the project with no drill history, so drills run on this machine do not change the outcome.
        var project = Directory.CreateTempSubdirectory("drkit-check-");
        try
        {
            Directory.CreateDirectory(Path.Combine(project.FullName, "stacks"));
            File.Copy(Path.Combine(Stacks.Root, "Pulumi.yaml"), Path.Combine(project.FullName, "Pulumi.yaml"));
            var copy = Path.Combine(project.FullName, "stacks", $"Pulumi.{stack}.yaml");
            File.Copy(Stacks.Bundled(stack), copy);

            var (exit, _, console) = Run("check", copy);
            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.EqualTo(ExitCodes.Ok), "advisory findings do not fail the check");
                Assert.That(console, Does.Contain("drill-recency").And.Contain("no mandatory violations"), "a never-drilled stack gets the advisory drill finding, printed");
            });
        }
        finally
        {
            project.Delete(recursive: true);
        }
    }

    [Test]
    public void CheckCommand_ExitsOneOnTheBrokenStackWithJson()
    {
        var (exit, output, _) = Run("check", Stacks.Broken, "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings), "mandatory violations fail the check");
            Assert.That(output, Does.Contain("\"ruleId\": \"pitr-retention\"").And.Contain("\"level\": \"mandatory\""), "JSON carries rule ids and levels");
        });
    }

    [Test]
    public void CheckCommand_ExitsTwoOnAMissingStack()
    {
        Assert.That(Run("check", "no-such-stack-anywhere").Exit, Is.EqualTo(ExitCodes.BadInput), "an unknown stack is bad input");
    }

    [Test]
    public void PlanCommand_ShowsFindingsUnderTheTableButNotInJson()
    {
        var table = Run("plan", Stacks.Broken).Console;
        var json = Run("plan", Stacks.Broken, "--format", "json").Out;
        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("DR policy").And.Contain("pitr-retention"), "plan shows the policy findings");
            Assert.That(json, Does.Not.Contain("pitr-retention"), "plan JSON stays the plan only");
        });
    }
}
