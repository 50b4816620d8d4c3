using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>A reachable API server refused a kubectl request (<see cref="Kubectl.Refused"/>); nothing was changed.</summary>
public sealed class KubeRefusedException(string message) : OperationException(message)
{
    public override bool IsBadInput => false;
}

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

    /// <summary>
    /// Runs a call whose failure must be told apart from silence (a fence): null when the cluster did not answer (the
    /// process timed out, or kubectl reports no usable answer: a connection error, a server-side 5xx, or the command
    /// run in a pod failed); the output on success. A refusal from a reachable API server (<see cref="Refused"/>)
    /// throws <see cref="KubeRefusedException"/>: that cluster is up, which silence would not prove.
    /// </summary>
    public async Task<string?> ReachAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        CloudCommandResult result;
        try
        {
            result = await cli.RunAsync(Program, arguments, CommandTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }

        return result.Succeeded ? result.StandardOutput
            : Refused(result.StandardError) ? throw new KubeRefusedException($"'{CommandLine(arguments)}' was refused: {result.StandardError.Trim()}")
            : null;
    }

    /// <summary>
    /// Whether kubectl's error says a reachable API server refused the request: an admission webhook's denial, or an
    /// Invalid, BadRequest, Forbidden, NotFound or Conflict answer. Such a change was never applied
    /// (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/). Unauthorized is
    /// not counted: cloud-issued cluster credentials fail that way when the region's identity service is down.
    /// </summary>
    public static bool Refused(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Contains("denied the request", StringComparison.Ordinal)
            || RefusalAnswers.Any(answer => error.Contains($"Error from server ({answer})", StringComparison.Ordinal));
    }

    private static readonly string[] RefusalAnswers = ["Invalid", "BadRequest", "Forbidden", "NotFound", "Conflict"];

    /// <summary>
    /// Runs a yes/no question (<c>kubectl auth can-i</c>, which exits 1 for "no"): its first output line, or null
    /// when the process timed out or printed nothing.
    /// </summary>
    public async Task<string?> TryAnswerAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        try
        {
            var result = await cli.RunAsync(Program, arguments, CommandTimeout, ct).ConfigureAwait(false);
            return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        }
        catch (TimeoutException)
        {
            return null;
        }
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
