using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// Runs <see cref="AzCommand"/>s through the cloud command port and reads their JSON. Every call is bounded by
/// <see cref="CommandTimeout"/>: a call to a region in an outage hangs until ARM gives up, and this caps it. A call that
/// fails or times out throws <see cref="CloudCommandFailedException"/> with the command line and stderr.
/// </summary>
public sealed class AzCli(ICloudCommand cli)
{
    /// <summary>Bound on each call. Promotion and scale calls are long-running operations; the CLI waits for them.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Bound on reads (show, list, metrics), which answer in seconds when their region is up.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Runs a change and parses its output.</summary>
    public Task<JsonElement> RunAsync(AzCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Aws.AwsCli.RunJsonAsync(cli, AzCommand.Program, command.Arguments, command.CommandLine, CommandTimeout, ct);
    }

    /// <summary>Runs a read and parses its output.</summary>
    public Task<JsonElement> ReadAsync(AzCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Aws.AwsCli.RunJsonAsync(cli, AzCommand.Program, command.Arguments, command.CommandLine, ReadTimeout, ct);
    }

    /// <summary>The Azure CLI is on PATH (<c>az version</c>, no cloud call).</summary>
    public async Task<string> EnsureAvailableAsync(CancellationToken ct)
    {
        var reply = await Aws.AwsCli.RunJsonAsync(cli, AzCommand.Program, AzCommand.VersionArguments, "az version", ReadTimeout, ct).ConfigureAwait(false);
        return Aws.AwsCli.Text(reply, "azure-cli") is { } v ? $"azure-cli {v}" : "azure-cli";
    }

    /// <summary>A nested string property (<c>replica.role</c>), or null.</summary>
    public static string? Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
