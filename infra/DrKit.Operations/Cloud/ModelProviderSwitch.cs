using DrKit.Core.Providers;

namespace DrKit.Operations.Cloud;

/// <summary>
/// Flips a model-provider chain's switch parameter in the recovery region with the AWS CLI: <c>ssm put-parameter
/// --overwrite --region &lt;recovery&gt;</c>, a data call to the region being activated that never needs the failed one,
/// then reads the value back with <c>ssm get-parameter</c> so the step reports what SSM holds, not what was asked
/// (https://docs.aws.amazon.com/cli/latest/reference/ssm/put-parameter.html). The stack ignores later changes of the
/// value, so the next <c>up</c> does not flip it back.
/// </summary>
public sealed class ModelProviderSwitch(ICloudCommand cli)
{
    /// <summary>Bound on each CLI call.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<string> PutArguments(ProviderSwitch target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ["ssm", "put-parameter", "--name", target.Parameter, "--value", target.Rung, "--type", "String", "--overwrite", "--region", target.Region];
    }

    public static IReadOnlyList<string> GetArguments(ProviderSwitch target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ["ssm", "get-parameter", "--name", target.Parameter, "--query", "Parameter.Value", "--output", "text", "--region", target.Region];
    }

    /// <summary>The value the parameter holds in <paramref name="region"/>, read from SSM; null when the parameter does not exist there.</summary>
    /// <exception cref="CloudCommandFailedException">The read failed for another reason (credentials, throttling, the region unreachable).</exception>
    public async Task<string?> ReadAsync(string parameter, string region, CancellationToken ct)
    {
        var arguments = GetArguments(new ProviderSwitch(string.Empty, parameter, region, string.Empty, string.Empty));
        var get = await RunAsync(arguments, ct).ConfigureAwait(false);
        if (get.Succeeded)
        {
            return get.StandardOutput.Trim();
        }

        return get.StandardError.Contains("ParameterNotFound", StringComparison.Ordinal)
            ? null
            : throw new CloudCommandFailedException($"'{GlobalDatastoreSwitch.CommandLine(arguments)}' failed (exit {get.ExitCode}): {get.StandardError.Trim()}. Nothing was changed.");
    }

    /// <summary>The exact calls, for dry runs.</summary>
    public static string Describe(ProviderSwitch target) =>
        $"{GlobalDatastoreSwitch.CommandLine(PutArguments(target))}; read back '{GlobalDatastoreSwitch.CommandLine(GetArguments(target))}' = {target.Rung} ({target.Why})";

    /// <summary>Writes the rung and confirms SSM holds it.</summary>
    /// <exception cref="CloudCommandFailedException">A call failed, or SSM holds another value afterwards.</exception>
    public async Task<string> FlipAsync(ProviderSwitch target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var put = await RunAsync(PutArguments(target), ct).ConfigureAwait(false);
        if (!put.Succeeded)
        {
            throw new CloudCommandFailedException(
                $"'{GlobalDatastoreSwitch.CommandLine(PutArguments(target))}' failed (exit {put.ExitCode}): {put.StandardError.Trim()}. " +
                $"The application in {target.Region} still uses the rung the parameter held before.");
        }

        var get = await RunAsync(GetArguments(target), ct).ConfigureAwait(false);
        var now = get.StandardOutput.Trim();
        if (!get.Succeeded || now != target.Rung)
        {
            throw new CloudCommandFailedException(
                $"{target.Parameter} in {target.Region} reads '{(get.Succeeded ? now : get.StandardError.Trim())}' after the write, expected '{target.Rung}'. " +
                $"Check it with '{GlobalDatastoreSwitch.CommandLine(GetArguments(target))}'.");
        }

        return $"{target.Component}: {target.Parameter} in {target.Region} = {now}";
    }

    private async Task<CloudCommandResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        try
        {
            return await cli.RunAsync(GlobalDatastoreSwitch.Program, arguments, CommandTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new CloudCommandFailedException(e.Message, e);
        }
    }
}
