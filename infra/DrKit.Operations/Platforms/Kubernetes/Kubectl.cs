using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// A reachable API server (or the pod it proxied to) answered a kubectl request with an error
/// (<see cref="Kubectl.Classify"/>): the cluster is up. <see cref="NothingChanged"/> when it was a refusal, which
/// the server never applies; false when the request failed in a way that does not say whether it was applied.
/// </summary>
public sealed class KubeRefusedException(string message, bool nothingChanged = true) : OperationException(message)
{
    public override bool IsBadInput => false;

    public bool NothingChanged { get; } = nothingChanged;
}

/// <summary>How a kubectl call ended, as a fence must tell it: the cluster answered or it was silent.</summary>
public enum KubeOutcome
{
    /// <summary>Exit 0.</summary>
    Succeeded,

    /// <summary>A reachable API server refused the request; nothing was applied.</summary>
    Refused,

    /// <summary>The API server, or the command it ran in a pod, answered with a failure: the cluster is up.</summary>
    Failed,

    /// <summary>No usable answer: the process bound, a connection error, or an answer a proxy in front of a failing
    /// control plane may give (a generic 5xx, 503, 504, Unauthorized).</summary>
    Silent,
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

    /// <summary>Runs a call and says how it ended (<see cref="Classify"/>), with its output or error.</summary>
    public async Task<(KubeOutcome Outcome, string Output, string Error)> AskAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        try
        {
            var result = await cli.RunAsync(Program, arguments, CommandTimeout, ct).ConfigureAwait(false);
            return result.Succeeded
                ? (KubeOutcome.Succeeded, result.StandardOutput, string.Empty)
                : (Classify(result.StandardError), result.StandardOutput, $"'{CommandLine(arguments)}' failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
        }
        catch (TimeoutException e)
        {
            return (KubeOutcome.Silent, string.Empty, $"'{CommandLine(arguments)}': {e.Message}");
        }
    }

    /// <summary>
    /// Runs a call whose failure must be told apart from silence (a fence): the output on success; null when the
    /// cluster did not answer (<see cref="KubeOutcome.Silent"/>). Any answer that is not a success, a refusal or a
    /// failure reported by a reachable API server or by the command it ran in a pod, throws
    /// <see cref="KubeRefusedException"/>: that cluster is up, which silence would not prove.
    /// </summary>
    public async Task<string?> ReachAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var (outcome, output, error) = await AskAsync(arguments, ct).ConfigureAwait(false);
        return outcome switch
        {
            KubeOutcome.Succeeded => output,
            KubeOutcome.Silent => null,
            _ => throw new KubeRefusedException(error, nothingChanged: outcome == KubeOutcome.Refused),
        };
    }

    /// <summary>
    /// Whether kubectl's error says a reachable API server refused the request, which it then never applies: an
    /// admission webhook's denial, a webhook that could not be called (CNPG registers its webhooks with
    /// <c>failurePolicy: Fail</c>, so the request is rejected), or an Invalid, BadRequest, Forbidden, NotFound or
    /// Conflict answer (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#failure-policy).
    /// </summary>
    public static bool Refused(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Contains("denied the request", StringComparison.Ordinal)
            || error.Contains("failed calling webhook", StringComparison.Ordinal)
            || RefusalAnswers.Any(answer => error.Contains($"Error from server ({answer})", StringComparison.Ordinal));
    }

    /// <summary>
    /// The rules a fence reads kubectl's error by. Refused: <see cref="Refused"/>. Silent: a connection error, the
    /// process bound, <c>Unauthorized</c> (cloud-issued cluster credentials fail that way when the region's identity
    /// service is down), and the answers a load balancer or proxy in front of a failing control plane gives: kubectl's
    /// generic "an error on the server (...)" for a 5xx without an API Status, ServiceUnavailable, Timeout and
    /// GatewayTimeout. Failed (the cluster is up): any other <c>Error from server (...)</c>, which only the API server
    /// itself writes (its 500 reads "Internal error occurred: ..."), and failures of the exec itself that only a
    /// reachable API server and kubelet report: the command ran and exited non-zero, the pod's container is not
    /// running, or the workload has no pod. Anything unrecognised is silent, as before a fence rule knew it.
    /// </summary>
    public static KubeOutcome Classify(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Refused(error))
        {
            return KubeOutcome.Refused;
        }

        if (SilentAnswers.Any(a => error.Contains(a, StringComparison.Ordinal)))
        {
            return KubeOutcome.Silent;
        }

        return error.Contains("Error from server (", StringComparison.Ordinal) || PodAnswers.Any(a => error.Contains(a, StringComparison.Ordinal))
            ? KubeOutcome.Failed
            : KubeOutcome.Silent;
    }

    private static readonly string[] RefusalAnswers = ["Invalid", "BadRequest", "Forbidden", "NotFound", "Conflict"];

    private static readonly string[] SilentAnswers =
    [
        "Unable to connect to the server", "Unauthorized", "an error on the server (",
        "Error from server (ServiceUnavailable)", "Error from server (Timeout)", "Error from server (ServerTimeout)", "Error from server (GatewayTimeout)",
    ];

    private static readonly string[] PodAnswers = ["command terminated with exit code", "unable to upgrade connection", "no pods found", "cannot exec into a container"];

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
