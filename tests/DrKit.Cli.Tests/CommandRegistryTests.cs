using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Spectre.Console;

namespace DrKit.Cli.Tests;

/// <summary>The command list drkit builds lazily from, its version, and the tool manifest that installs it.</summary>
public sealed class CommandRegistryTests
{
    private static CliIO NullIO() => new(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, TextWriter.Null);

    [Test]
    public void Commands_EachEntryName_IsTheNameOfTheCommandItBuilds()
    {
        foreach (var entry in DrKitApp.Commands)
        {
            Assert.That(entry.Create(NullIO()).Name, Is.EqualTo(entry.Name), $"the entry '{entry.Name}' is how a run finds its command without building the others");
        }
    }

    [Test]
    public void BuildFor_ACommandName_BuildsOnlyThatCommand()
    {
        var root = DrKitApp.BuildFor(["check", "pilot-light"], NullIO());
        Assert.That(root.Subcommands.Select(c => c.Name), Is.EqualTo(new[] { "check" }), "a run builds the command it names and no other");
    }

    [TestCase("--help")]
    [TestCase("--version")]
    [TestCase("no-such-command")]
    public void BuildFor_NoCommandName_BuildsEveryCommand(string first)
    {
        var root = DrKitApp.BuildFor([first], NullIO());
        Assert.That(root.Subcommands.Select(c => c.Name), Is.EqualTo(DrKitApp.Commands.Select(c => c.Name)), $"'{first}' needs the whole tree (help lists it, errors name what exists)");
    }

    [Test]
    public async Task Version_AsAProcess_NamesTheToolVersion()
    {
        // The version comes from the process's entry assembly, so it is read from drkit itself, run as a process.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "drkit.dll"));
        start.ArgumentList.Add("--version");
        using var process = Process.Start(start)!;
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = await process.StandardOutput.ReadToEndAsync(guard.Token);
        await process.WaitForExitAsync(guard.Token);
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Ok), "drkit --version succeeds");
            Assert.That(output.Trim(), Does.StartWith(ToolVersion() + "+").Or.EqualTo(ToolVersion()), "--version prints the package version (and the commit it was built from)");
        });
    }

    [Test]
    public void ToolManifest_InstallsTheVersionDrkitIsBuiltAs()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".config", "dotnet-tools.json")));
        var drkit = manifest.RootElement.GetProperty("tools").GetProperty("drkit");
        Assert.Multiple(() =>
        {
            Assert.That(drkit.GetProperty("version").GetString(), Is.EqualTo(ToolVersion()), "the manifest must name the version build.sh packs, or the local install finds nothing");
            Assert.That(drkit.GetProperty("commands").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "drkit" }), "the tool's command is drkit");
        });
    }

    private static string ToolVersion() =>
        typeof(DrKitApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
}
