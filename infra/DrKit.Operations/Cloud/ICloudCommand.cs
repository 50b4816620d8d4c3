namespace DrKit.Operations.Cloud;

/// <summary>What a cloud CLI printed and how it exited.</summary>
public sealed record CloudCommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs a cloud provider's CLI (the AWS CLI) for the few changes that cannot go through the stack, such as the
/// ElastiCache Global Datastore primary switch. One real implementation, <see cref="ProcessCloudCommand"/>.
/// </summary>
public interface ICloudCommand
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> (passed as they are, no shell).</summary>
    /// <exception cref="CloudCliMissingException">The program is not on PATH or cannot be started.</exception>
    /// <exception cref="TimeoutException">It did not exit within <paramref name="timeout"/>; it was stopped.</exception>
    Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct);
}
