namespace DrKit.Cli.Tests;

/// <summary>Which runs a native drkit hands to its framework-dependent companion with the Automation API, and how.</summary>
public sealed class AutomationCompanionTests
{
    private const string Companion = "/opt/drkit/automation/drkit.dll";

    [TestCase("failover", "pilot-light")]
    [TestCase("failback", "pilot-light")]
    [TestCase("drill", "pilot-light")]
    [TestCase("teardown", "pilot-light-drill-20261130")]
    [TestCase("readiness", "pilot-light", "--live")]
    public void Delegates_CommandsThatChangeOrReadStacks_FromANativeBuildWithACompanion(params string[] args) =>
        Assert.That(AutomationCompanion.Delegates(args, gatewayInThisBuild: false, Companion), Is.True, $"'{args[0]}' needs the Pulumi Automation API, which only the companion has");

    [TestCase("plan", "pilot-light")]
    [TestCase("diff", "primary", "pilot-light")]
    [TestCase("check", "pilot-light")]
    [TestCase("runbook", "pilot-light")]
    [TestCase("--version")]
    [TestCase("--help")]
    public void Delegates_PlanningCommands_StayNative(params string[] args) =>
        Assert.That(AutomationCompanion.Delegates(args, gatewayInThisBuild: false, Companion), Is.False, $"'{args[0]}' is what the native start-up is for");

    [Test]
    public void Delegates_NeverFromABuildThatHasTheGateway_OrWithoutACompanion()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AutomationCompanion.Delegates(["failover", "pilot-light"], gatewayInThisBuild: true, Companion), Is.False, "the companion itself has the gateway: handing on again would loop");
            Assert.That(AutomationCompanion.Delegates(["failover", "pilot-light"], gatewayInThisBuild: false, companion: null), Is.False, "without a companion the command runs here and explains what the build lacks");
        });
    }

    [Test]
    public void Find_LooksInTheAutomationFolderBesideTheExecutable()
    {
        using var temp = new TempDir();
        Assert.That(AutomationCompanion.Find(temp.Path), Is.Null, "no companion installed");
        Directory.CreateDirectory(Path.Combine(temp.Path, AutomationCompanion.Folder));
        var dll = temp.Write(Path.Combine(AutomationCompanion.Folder, "drkit.dll"), "not really an assembly");
        Assert.That(AutomationCompanion.Find(temp.Path), Is.EqualTo(dll), "the companion beside the native executable");
    }

    [Test]
    public void Host_PrefersTheLaunchingHost_ThenDotnetRoot_ThenPath()
    {
        var env = new Dictionary<string, string?> { ["DOTNET_ROOT"] = "/usr/share/dotnet", ["PATH"] = $"/usr/bin{Path.PathSeparator}/usr/local/bin" };
        var present = new HashSet<string> { "/usr/share/dotnet/dotnet", "/usr/local/bin/dotnet" };
        Assert.That(AutomationCompanion.Host(k => env.GetValueOrDefault(k), present.Contains), Is.EqualTo("/usr/share/dotnet/dotnet"), "DOTNET_ROOT before PATH");
        env["DOTNET_HOST_PATH"] = "/home/me/.dotnet/dotnet";
        present.Add("/home/me/.dotnet/dotnet");
        Assert.That(AutomationCompanion.Host(k => env.GetValueOrDefault(k), present.Contains), Is.EqualTo("/home/me/.dotnet/dotnet"), "the host that launched drkit first");
        Assert.That(AutomationCompanion.Host(_ => null, _ => true), Is.Null, "no candidates, no host");
    }

    [Test]
    public void Argv_RunsTheCompanionWithTheSameArguments_InOrder() =>
        Assert.That(AutomationCompanion.Argv("/usr/bin/dotnet", Companion, ["failover", "pilot-light", "--reason", "a b"]),
            Is.EqualTo(new[] { "/usr/bin/dotnet", "exec", Companion, "failover", "pilot-light", "--reason", "a b" }), "every argument is passed on unchanged, spaces included");
}
