using System.Runtime.InteropServices;
using DrKit.Cli.Commands;

namespace DrKit.Cli;

/// <summary>
/// The native drkit starts in tens of milliseconds but cannot hold the Pulumi Automation API (it needs reflection and
/// the JIT). A tool installed with the gateway carries a framework-dependent drkit beside it, in <c>automation/</c>; a
/// command that changes stacks is handed to that one whole, before anything is read or locked, by replacing this
/// process (exec), so signals, standard streams and the exit code are the companion's own.
/// </summary>
internal static partial class AutomationCompanion
{
    /// <summary>Folder of the companion, beside the executable.</summary>
    public const string Folder = "automation";

    /// <summary>Whether a run of <paramref name="args"/> is handed to the companion: a command that can use the gateway,
    /// in a build that lacks it, with a companion installed.</summary>
    public static bool Delegates(IReadOnlyList<string> args, bool gatewayInThisBuild, string? companion) =>
        !gatewayInThisBuild && companion is not null && args.Count > 0
        && DrKitApp.Commands.Any(c => c.UsesAutomation && c.Name == args[0]);

    /// <summary>The companion's <c>drkit.dll</c> beside <paramref name="baseDirectory"/>, or null when none is installed.</summary>
    public static string? Find(string baseDirectory)
    {
        var dll = Path.Combine(baseDirectory, Folder, "drkit.dll");
        return File.Exists(dll) ? dll : null;
    }

    /// <summary>The <c>dotnet</c> host to run the companion with: the one that launched the tool, then DOTNET_ROOT, then PATH.</summary>
    public static string? Host(Func<string, string?> environment, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(exists);
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        IEnumerable<string?> candidates =
        [
            environment("DOTNET_HOST_PATH"),
            environment("DOTNET_ROOT") is { Length: > 0 } root ? Path.Combine(root, name) : null,
            .. (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name)),
        ];
        return candidates.FirstOrDefault(c => c is { Length: > 0 } && exists(c));
    }

    /// <summary>The companion's argument vector: <c>dotnet exec &lt;companion&gt; &lt;args&gt;</c>.</summary>
    public static string[] Argv(string host, string companion, IReadOnlyList<string> args) => [host, "exec", companion, .. args];

    /// <summary>Replaces this process with the companion; returns an exit code only when that could not be done.</summary>
    public static int Exec(string companion, IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var host = Host(Environment.GetEnvironmentVariable, File.Exists);
        if (host is null)
        {
            error.WriteLine($"drkit: this command runs through the Pulumi Automation API in {companion}, which needs the dotnet host; none was found on PATH or in DOTNET_ROOT. Nothing was changed.");
            return ExitCodes.Failed;
        }

        var argv = Argv(host, companion, args);
        if (!OperatingSystem.IsWindows())
        {
            Console.Out.Flush();
            _ = ExecV(host, [.. argv, null]);
        }

        // Windows has no exec, or exec failed: run the companion as a child and pass its exit code on.
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(host, argv.Skip(1)) { UseShellExecute = false });
        if (child is null)
        {
            error.WriteLine($"drkit: could not start {host} exec {companion}. Nothing was changed.");
            return ExitCodes.Failed;
        }

        child.WaitForExit();
        return child.ExitCode;
    }

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ExecV(string path, string?[] argv);
}
