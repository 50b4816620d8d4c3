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
    public async Task Version_NamesTheToolVersion()
    {
        var result = await CliRun.RunAsync("--version");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Out.Trim(), Does.StartWith(ToolVersion()), "--version prints the package version first");
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
