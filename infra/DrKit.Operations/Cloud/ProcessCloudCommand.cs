using System.ComponentModel;
using System.Diagnostics;

namespace DrKit.Operations.Cloud;

/// <summary><see cref="ICloudCommand"/> over <see cref="Process"/>: no shell, stdout and stderr captured, killed on timeout or cancellation.</summary>
public sealed class ProcessCloudCommand(TimeProvider? time = null) : ICloudCommand
{
    public async Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // AWS CLI v2 pipes output through a pager unless told not to; a pager would wait for a terminal forever.
        info.Environment["AWS_PAGER"] = string.Empty;
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new CloudCliMissingException(program, $"'{program}' is not on PATH or could not be started ({e.Message}).", e);
        }

        using var deadline = new CancellationTokenSource(timeout, time ?? TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stop(process);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{program} {string.Join(' ', arguments)}' did not exit within {Core.Objectives.DurationText.Format(timeout)}; it was stopped.");
        }

        return new CloudCommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }
}
