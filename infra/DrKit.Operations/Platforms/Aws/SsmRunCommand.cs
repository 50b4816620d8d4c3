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
/// </summary>
public sealed class SsmRunCommand(AwsCli aws, TimeProvider time)
{
    public const string Document = "AWS-RunShellScript";

    /// <summary>Seconds the agent lets a script run before it stops it (the document's <c>executionTimeout</c>).</summary>
    public const int ExecutionTimeoutSeconds = 90;

    private static readonly string[] Ended = ["Success", "Failed", "Cancelled", "TimedOut", "Cancelling"];

    /// <summary>Pause between invocation reads.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public static AwsCommand Send(string instance, string region, string comment, IReadOnlyList<string> script) =>
        new("ssm", "send-command", region,
        [
            "--document-name", Document,
            "--instance-ids", instance,
            "--comment", comment,
            "--parameters", new System.Text.Json.Nodes.JsonObject
            {
                ["commands"] = new System.Text.Json.Nodes.JsonArray([.. script.Select(line => (System.Text.Json.Nodes.JsonNode?)line)]),
                ["executionTimeout"] = new System.Text.Json.Nodes.JsonArray(ExecutionTimeoutSeconds.ToString(CultureInfo.InvariantCulture)),
            }.ToJsonString(),
        ]);

    public static AwsCommand Invocation(string commandId, string instance, string region) =>
        new("ssm", "get-command-invocation", region, ["--command-id", commandId, "--instance-id", instance]);

    public static AwsCommand Describe(string instance, string region) =>
        new("ssm", "describe-instance-information", region, ["--filters", $"Key=InstanceIds,Values={instance}"]);

    /// <summary>How a dry run names one script run: the send, then the invocation read that returns its output.</summary>
    public static string Text(string instance, string region, string comment, IReadOnlyList<string> script) =>
        $"{Send(instance, region, comment, script)}; poll '{Invocation("<CommandId>", instance, region)}' until Status is Success (StandardOutputContent)";

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
        var sent = await aws.RunAsync(Send(instance, region, comment, script), ct).ConfigureAwait(false);
        var id = sent.TryGetProperty("Command", out var command) ? AwsCli.Text(command, "CommandId") : null;
        if (string.IsNullOrEmpty(id))
        {
            throw new CloudCommandFailedException($"'{Send(instance, region, comment, script)}' returned no CommandId.");
        }

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
