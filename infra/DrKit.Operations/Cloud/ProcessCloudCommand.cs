using System.ComponentModel;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace DrKit.Operations.Cloud;

/// <summary>
/// <see cref="ICloudCommand"/> through CliWrap: no shell, stdout and stderr captured as UTF-8, the process tree
/// killed on timeout or cancellation.
/// </summary>
public sealed class ProcessCloudCommand(TimeProvider? time = null) : ICloudCommand
{
    public async Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var command = Cli.Wrap(program)
            .WithArguments(arguments)

            // AWS CLI v2 pipes output through a pager unless told not to; a pager would wait for a terminal forever.
            .WithEnvironmentVariables(env => env.Set("AWS_PAGER", string.Empty))

            // A non-zero exit is the caller's to judge (some calls expect one), so it is returned, not thrown.
            .WithValidation(CommandResultValidation.None);
        using var deadline = new CancellationTokenSource(timeout, time ?? TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var result = await command.ExecuteBufferedAsync(Encoding.UTF8, linked.Token).ConfigureAwait(false);
            return new CloudCommandResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception e)
        {
            throw new CloudCliMissingException(program, $"'{program}' is not on PATH or could not be started ({e.Message}).", e);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // CliWrap has killed the process (and its children) by the time cancellation reaches here.
            throw new TimeoutException($"'{program} {string.Join(' ', arguments)}' did not exit within {Core.Objectives.DurationText.Format(timeout)}; it was stopped.");
        }
    }
}
