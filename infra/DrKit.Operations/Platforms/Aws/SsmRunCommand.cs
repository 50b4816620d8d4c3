using System.Globalization;
using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Runs a shell script on one SSM-managed instance with Run Command and returns what it printed. The call goes to the
/// instance's own region only: <c>send-command</c> with the <c>AWS-RunShellScript</c> document, then
/// <c>get-command-invocation</c> until the invocation ends. Reachability is the agent's <c>PingStatus</c>.
/// SendCommand: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html
/// GetCommandInvocation (Status, StandardOutputContent): https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
/// AWS-RunShellScript and command statuses: https://docs.aws.amazon.com/systems-manager/latest/userguide/monitor-commands.html
/// CancelCommand: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CancelCommand.html
/// A command SSM could not deliver stays Pending/Delayed and is retried; a fence or unfence that ran minutes later on a
/// host coming back could start a writer nobody expects. Three guards keep a script from outliving the call that sent it:
/// <c>--timeout-seconds</c> (SendCommand: "If this time is reached and the command hasn't already started running, it
/// won't run"; 30 s is the API's minimum), a deadline the script itself checks before anything else, and
/// <c>cancel-command</c> when the caller gives up first.
/// </summary>
public sealed class SsmRunCommand(AwsCli aws, TimeProvider time)
{
    public const string Document = "AWS-RunShellScript";

    /// <summary>Seconds the agent lets a script run before it stops it (the document's <c>executionTimeout</c>).</summary>
    public const int ExecutionTimeoutSeconds = 90;

    /// <summary>Seconds SSM may take to deliver a command before it drops it (<c>--timeout-seconds</c>, the API's minimum).</summary>
    public const int DeliveryTimeoutSeconds = 30;

    /// <summary>Seconds after the send past which the script refuses to start (clock skew between DrKit and the host included).</summary>
    public const int StartDeadlineSeconds = 60;

    // Cancelling is not terminal: the invocation ends Cancelled, or Success when the script finished first.
    private static readonly string[] Ended = ["Success", "Failed", "Cancelled", "TimedOut"];

    /// <summary>Pause between invocation reads.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <param name="deadline">Unix seconds after which the script exits 3 before running anything; a dry run names it.</param>
    public static AwsCommand Send(string instance, string region, string comment, IReadOnlyList<string> script, string deadline = "<send time + 60>") =>
        new("ssm", "send-command", region,
        [
            "--document-name", Document,
            "--instance-ids", instance,
            "--comment", comment,
            "--timeout-seconds", DeliveryTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            "--parameters", new System.Text.Json.Nodes.JsonObject
            {
                ["commands"] = new System.Text.Json.Nodes.JsonArray([.. Guarded(script, deadline).Select(line => (System.Text.Json.Nodes.JsonNode?)line)]),
                ["executionTimeout"] = new System.Text.Json.Nodes.JsonArray(ExecutionTimeoutSeconds.ToString(CultureInfo.InvariantCulture)),
            }.ToJsonString(),
        ]);

    /// <summary>The script behind a guard line: past <paramref name="deadline"/> (Unix seconds on the host) nothing runs.</summary>
    public static IReadOnlyList<string> Guarded(IReadOnlyList<string> script, string deadline) =>
        [$"[ \"$(date +%s)\" -le {deadline} ] || {{ echo 'drkit: deadline passed, nothing run' >&2; exit 3; }}", .. script];

    public static AwsCommand Cancel(string commandId, string instance, string region) =>
        new("ssm", "cancel-command", region, ["--command-id", commandId, "--instance-ids", instance]);

    public static AwsCommand Invocation(string commandId, string instance, string region) =>
        new("ssm", "get-command-invocation", region, ["--command-id", commandId, "--instance-id", instance]);

    public static AwsCommand Describe(string instance, string region) =>
        new("ssm", "describe-instance-information", region, ["--filters", $"Key=InstanceIds,Values={instance}"]);

    /// <summary>How a dry run names one script run: the send, then the invocation read that returns its output.</summary>
    public static string Text(string instance, string region, string comment, IReadOnlyList<string> script) =>
        $"{Send(instance, region, comment, script)}; poll '{Invocation("<CommandId>", instance, region)}' until Status is Success (StandardOutputContent)";

    /// <summary>Waits one <see cref="PollInterval"/> on the injected clock, for callers polling a script's result.</summary>
    public Task PauseAsync(CancellationToken ct) => Task.Delay(PollInterval, time, ct);

    /// <summary>True when the instance's SSM agent is <c>Online</c> in <paramref name="region"/>.</summary>
    public async Task<bool> IsOnlineAsync(string instance, string region, CancellationToken ct)
    {
        var reply = await aws.RunAsync(Describe(instance, region), ct).ConfigureAwait(false);
        return AwsCli.Items(reply, "InstanceInformationList").Any(i => AwsCli.Text(i, "InstanceId") == instance && AwsCli.Text(i, "PingStatus") == "Online");
    }

    /// <summary>Runs <paramref name="script"/> and returns its standard output.</summary>
    /// <exception cref="CloudCommandFailedException">The send failed, or the script ended other than Success; the message carries its stderr.</exception>
    public async Task<string> RunAsync(string instance, string region, string comment, IReadOnlyList<string> script, CancellationToken ct)
    {
        var deadline = (time.GetUtcNow().ToUnixTimeSeconds() + StartDeadlineSeconds).ToString(CultureInfo.InvariantCulture);
        var sent = await aws.RunAsync(Send(instance, region, comment, script, deadline), ct).ConfigureAwait(false);
        var id = sent.TryGetProperty("Command", out var command) ? AwsCli.Text(command, "CommandId") : null;
        if (string.IsNullOrEmpty(id))
        {
            throw new CloudCommandFailedException($"'{Send(instance, region, comment, script, deadline)}' returned no CommandId.");
        }

        try
        {
            return await AwaitAsync(id, instance, region, comment, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up (its bound, or the run's): the command must not run later on a host that comes back.
            await CancelQuietlyAsync(id, instance, region).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Best effort, bounded on its own: the caller's token is already cancelled.</summary>
    private async Task CancelQuietlyAsync(string id, string instance, string region)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15), time);
        try
        {
            await aws.RunAsync(Cancel(id, instance, region), bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CloudCommandFailedException or OperationCanceledException)
        {
            // The delivery timeout and the script's own deadline still stop it.
        }
    }

    private async Task<string> AwaitAsync(string id, string instance, string region, string comment, CancellationToken ct)
    {
        while (true)
        {
            // The invocation may not exist yet right after the send (InvocationDoesNotExist): read again after a pause.
            JsonElement reply;
            try
            {
                reply = await aws.RunAsync(Invocation(id, instance, region), ct).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException e) when (e.Message.Contains("InvocationDoesNotExist", StringComparison.Ordinal))
            {
                await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
                continue;
            }

            var status = AwsCli.Text(reply, "Status") ?? "Pending";
            if (status == "Success")
            {
                return AwsCli.Text(reply, "StandardOutputContent") ?? string.Empty;
            }

            if (Ended.Contains(status))
            {
                throw new CloudCommandFailedException(
                    $"{comment} on {instance} in {region} ended {status} (exit {AwsCli.Integer(reply, "ResponseCode")?.ToString(CultureInfo.InvariantCulture) ?? "?"}): " +
                    $"{(AwsCli.Text(reply, "StandardErrorContent") ?? string.Empty).Trim()}");
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }
    }
}
