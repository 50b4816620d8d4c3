using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>One region's cluster as operations reach it: a kubeconfig context and DrKit's namespace there.</summary>
public sealed record KubeTarget(string Region, string Context, string Namespace);

/// <summary>
/// Runs kubectl against one cluster at a time, every call with an explicit <c>--context</c> and a request timeout,
/// so a call to a lost region fails within a bound instead of hanging. Arguments are built by static methods so
/// a dry run prints exactly what a real run executes.
/// </summary>
public sealed class Kubectl(ICloudCommand cli)
{
    public const string Program = "kubectl";

    /// <summary>Server-side bound of each request; the process is stopped after <see cref="CommandTimeout"/>.</summary>
    public const string RequestTimeout = "--request-timeout=20s";

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary><c>kubectl version --client</c>: the client is installed; no cluster is called.</summary>
    public static IReadOnlyList<string> VersionArguments { get; } = ["version", "--client"];

    public static IReadOnlyList<string> Args(KubeTarget target, params string[] rest)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ["--context", target.Context, "--namespace", target.Namespace, RequestTimeout, .. rest];
    }

    /// <summary>The command as a POSIX shell reads it back (<see cref="ShellText"/>), so a printed call can be pasted and run.</summary>
    public static string CommandLine(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return $"{Program} {string.Join(' ', arguments.Select(a => ShellText.Quote(a)))}";
    }

    /// <summary>Runs kubectl; a non-zero exit is an error naming the command and what kubectl said.</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await cli.RunAsync(Program, arguments, CommandTimeout, ct).ConfigureAwait(false);
        return result.Succeeded
            ? result.StandardOutput
            : throw new StackCommandFailedException($"'{CommandLine(arguments)}' failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
    }

    /// <summary>Runs kubectl where failure is an answer (a cluster that does not answer); null when it failed or timed out.</summary>
    public async Task<string?> TryRunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        try
        {
            var result = await cli.RunAsync(Program, arguments, CommandTimeout, ct).ConfigureAwait(false);
            return result.Succeeded ? result.StandardOutput : null;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
