using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Runs <see cref="AwsCommand"/>s through the cloud command port and reads their JSON. Every call is bounded by
/// <see cref="CommandTimeout"/>; a call that fails or times out throws <see cref="CloudCommandFailedException"/>
/// carrying the command line and stderr, which is what a failover step reports.
/// </summary>
public sealed class AwsCli(ICloudCommand cli)
{
    /// <summary>Bound on each call. Calls to a region in an outage hang until their connect timeouts; this caps them.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The same CLI with another bound on each call: a best-effort write to a region that may be down waits less.</summary>
    public AwsCli Bounded(TimeSpan timeout) => new(cli) { CommandTimeout = timeout };

    /// <summary>Runs the command and parses its output (empty output reads as an empty object).</summary>
    /// <exception cref="CloudCliMissingException">The AWS CLI is not on PATH.</exception>
    /// <exception cref="CloudCommandFailedException">The call failed, timed out or printed no JSON.</exception>
    public Task<JsonElement> RunAsync(AwsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RunJsonAsync(cli, AwsCommand.Program, command.Arguments, command.CommandLine, CommandTimeout, ct);
    }

    /// <summary>Runs one cloud CLI call bounded by <paramref name="timeout"/> and parses its JSON (empty output reads as an
    /// empty object); the AWS and Azure CLIs answer the same way.</summary>
    /// <exception cref="CloudCommandFailedException">The call failed, timed out or printed no JSON.</exception>
    internal static async Task<JsonElement> RunJsonAsync(
        ICloudCommand cli, string program, IReadOnlyList<string> arguments, string commandLine, TimeSpan timeout, CancellationToken ct)
    {
        CloudCommandResult result;
        try
        {
            result = await cli.RunAsync(program, arguments, timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new CloudCommandFailedException($"'{commandLine}' did not answer within {Core.Objectives.DurationText.Format(timeout)} ({e.Message}).", e);
        }

        if (!result.Succeeded)
        {
            throw new CloudCommandFailedException($"'{commandLine}' failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
        }

        if (string.IsNullOrWhiteSpace(result.StandardOutput))
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        try
        {
            using var document = JsonDocument.Parse(result.StandardOutput);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CloudCommandFailedException($"'{commandLine}' printed no JSON DrKit can read ({e.Message}).", e);
        }
    }

    /// <summary>A string property of <paramref name="element"/>, or null.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An integer property of <paramref name="element"/>, or null.</summary>
    public static int? Integer(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;

    /// <summary>The items of an array property, or none.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
